using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace OpdReception.Tests.Support;

/// <summary>
/// The built app as a separate process on a loopback port, so a test can kill it like a power cut. Its database gets
/// its first admin the way an operator's does (the create-admin command), and <see cref="Client"/> is signed in as them.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    public const string AdminEmail = "admin@test.opd";
    public const string AdminPassword = "Admin-kettle-lamp-1";

    private static readonly ConcurrentDictionary<string, bool> WithAdmin = new();

    private readonly Process _process;
    private string? _token;

    private AppProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<AppProcess> StartAsync(string databaseFile, CancellationToken ct, IReadOnlyDictionary<string, string>? environment = null)
    {
        if (!WithAdmin.ContainsKey(databaseFile))
        {
            var (exitCode, output) = await RunCommandAsync(databaseFile, ["create-admin", AdminEmail], new Dictionary<string, string> { ["OPD_ADMIN_PASSWORD"] = AdminPassword }, ct);
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"create-admin failed ({exitCode}): {output}");
            }

            WithAdmin[databaseFile] = true;
        }

        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var process = Process.Start(StartInfo(databaseFile, address, environment)) ?? throw new InvalidOperationException("The app did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, address);
        await app.WaitUntilServingAsync(ct);
        await app.SignInAsync(ct);
        return app;
    }

    /// <summary>Runs one of the app's commands (create-admin, ...) to its end; returns its exit code and all it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(
        string databaseFile, IReadOnlyList<string> command, IReadOnlyDictionary<string, string> environment, CancellationToken ct, string? input = null)
    {
        var start = StartInfo(databaseFile, new Uri("http://127.0.0.1:0"), environment);
        start.ArgumentList.Clear();
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "OpdReception.dll"));
        foreach (var part in command)
        {
            start.ArgumentList.Add(part);
        }

        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(AppContext.BaseDirectory);
        start.RedirectStandardInput = true;
        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteLineAsync(input.AsMemory(), ct);
        }

        process.StandardInput.Close();
        var errors = process.StandardError.ReadToEndAsync(ct);
        var output = process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, await errors + await output);
    }

    private async Task SignInAsync(CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = AdminEmail, password = AdminPassword }, ct);
        response.EnsureSuccessStatusCode();
        _token = (await response.Content.ReadFromJsonAsync<TokenAnswer>(ct))!.AccessToken;
    }

    private sealed record TokenAnswer(string AccessToken);

    /// <summary>Runs the app expecting it to stop by itself, as it does on invalid settings; returns its exit code and all it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunUntilExitAsync(string databaseFile, IReadOnlyDictionary<string, string> environment, CancellationToken ct)
    {
        using var process = Process.Start(StartInfo(databaseFile, new Uri("http://127.0.0.1:0"), environment))!;
        var errors = process.StandardError.ReadToEndAsync(ct);
        var output = process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, await errors + await output);
    }

    /// <summary>Runs one of the app's commands (backup, restore, ...) against the database; returns its exit code and all it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(string databaseFile, IEnumerable<string> command, CancellationToken ct)
    {
        var start = StartInfo(databaseFile, null, null, command);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync(ct);
        var output = process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, await errors + await output);
    }

    private static ProcessStartInfo StartInfo(string databaseFile, Uri? address, IReadOnlyDictionary<string, string>? environment, IEnumerable<string>? command = null)
    {
        var folder = AppContext.BaseDirectory;
        IEnumerable<string> arguments = [Path.Combine(folder, "OpdReception.dll"), .. command ?? [], .. address is null ? [] : new[] { "--urls", address.ToString() }, "--contentRoot", folder];
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Testing",
                ["ConnectionStrings__Opd"] = $"Data Source={databaseFile}",
                ["Opd__AutoNoShow"] = "false",
                ["Opd__SeedDemoDay"] = "false",
                ["Opd__IssuesPerMinutePerClient"] = "100000",
                ["Opd__Security__AdminTwoFactor"] = "false",
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        // Outside Development the app needs a key certificate; a test that names its own (or an empty one) keeps it.
        if (TestCertificate.Required(start.Environment["ASPNETCORE_ENVIRONMENT"] ?? "") && environment?.Keys.Any(k => k.StartsWith("Opd__DataProtection__", StringComparison.Ordinal)) != true)
        {
            var certificate = TestCertificate.At(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databaseFile))!, "keys.pfx"));
            foreach (var (name, value) in TestCertificate.Environment(certificate))
            {
                start.Environment[name] = value;
            }
        }

        return start;
    }

    /// <summary>A client signed in as the admin that create-admin made.</summary>
    public HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        return client;
    }

    /// <summary>No shutdown, no flush: the process is gone mid-write, as in a crash.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        await Task.CompletedTask;
    }

    private async Task WaitUntilServingAsync(CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {_process.ExitCode} before serving.");
            }

            try
            {
                // Any answer from the API (401 without a token) means it is serving.
                if ((await client.GetAsync("/api/doctors", ct)).StatusCode == HttpStatusCode.Unauthorized)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200, ct);
        }

        throw new TimeoutException("The app did not start serving within 60 seconds.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

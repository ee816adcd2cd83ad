using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OpdReception.Tests.Support;

/// <summary>The built app as a separate process on a loopback port, so a test can kill it like a power cut.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;

    private AppProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<AppProcess> StartAsync(string databaseFile, CancellationToken ct, IReadOnlyDictionary<string, string>? environment = null)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var process = Process.Start(StartInfo(databaseFile, address, environment)) ?? throw new InvalidOperationException("The app did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, address);
        await app.WaitUntilServingAsync(ct);
        return app;
    }

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
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return start;
    }

    public HttpClient Client() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };

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
        using var client = Client();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {_process.ExitCode} before serving.");
            }

            try
            {
                if ((await client.GetAsync("/api/doctors", ct)).IsSuccessStatusCode)
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

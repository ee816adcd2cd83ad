using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace OpdReception.Benchmarks;

/// <summary>
/// The app as a hospital runs it, in a process of its own: this very build (`dotnet OpdReception.dll`), the Production
/// environment, plain http on a free loopback port, its own SQLite file, the first admin made by the create-admin
/// command. Only the issue rate limit is raised (a setting), so the benchmark measures the server, not its throttle.
/// </summary>
public sealed class AppServer : IAsyncDisposable
{
    public const string AdminEmail = "bench-admin@opd.local";
    public const string Password = "Bench-password-2026";

    /// <summary>The setting the benchmark raises; the output says so.</summary>
    public const string IssueLimitSetting = "Opd:IssuesPerMinutePerClient=100000";

    private readonly Process _process;
    private readonly StreamWriter _log;

    private AppServer(Process process, Uri address, StreamWriter log, string logFile)
    {
        _process = process;
        _log = log;
        Address = address;
        LogFile = logFile;
    }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    /// <summary>Everything the server printed, for when a step fails.</summary>
    public string LogFile { get; }

    /// <summary>A client signed in as the admin (bearer token), sharing one pool of connections with enough room for every benchmark client.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>Migrates the database file and creates its first admin, as an operator does before the first start.</summary>
    public const string ServerVariable = "OPD_BENCH_SERVER";

    private const string KeysPassword = "benchmark-only";

    public static async Task CreateAdminAsync(string databaseFile, CancellationToken ct)
    {
        var start = StartInfo(databaseFile, ["create-admin", AdminEmail]);
        start.Environment["OPD_ADMIN_PASSWORD"] = Password;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("create-admin did not start.");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"create-admin failed ({process.ExitCode}): {await output}{await errors}");
        }
    }

    /// <param name="environment">Runtime settings beyond the app's own, such as the garbage collector's.</param>
    public static async Task<AppServer> StartAsync(string databaseFile, CancellationToken ct, IReadOnlyDictionary<string, string>? environment = null)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var logFile = Path.ChangeExtension(databaseFile, ".server.log");
        var log = new StreamWriter(logFile) { AutoFlush = true };
        var start = StartInfo(databaseFile, ["--urls", address.ToString()]);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The app did not start.");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new AppServer(process, address, log, logFile);
        try
        {
            await server.WaitUntilServingAsync(ct);
            server.Client = await server.SignInAsync(ct);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>CPU time the server has used so far, user and kernel.</summary>
    public TimeSpan ProcessorTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>The server's resident memory (VmRSS) in kilobytes, as the kernel counts it.</summary>
    public long ResidentKilobytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // The last lines of a server being stopped.
            }
        }
    }

    private static ProcessStartInfo StartInfo(string databaseFile, IEnumerable<string> arguments)
    {
        // OPD_BENCH_SERVER names another build of the app (an earlier commit, say), measured by this build's harness,
        // so a change is judged before and after by the very same figures.
        var assembly = Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } other ? Path.GetFullPath(other) : typeof(Program).Assembly.Location;
        var folder = Path.GetDirectoryName(assembly)!;
        var start = new ProcessStartInfo("dotnet", [assembly, .. arguments, "--contentRoot", folder])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                // Production: no demo day, no demo accounts. With no HTTPS port configured, the HTTPS redirection passes plain http through.
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__Opd"] = $"Data Source={databaseFile}",
                ["Opd__IssuesPerMinutePerClient"] = "100000",
                ["Opd__SignInAttemptsPerMinute"] = "1000",
                // Every display and board the benchmark opens in Chromium comes from 127.0.0.1.
                ["Opd__MaxAnonymousScreensPerClient"] = "1000",
                ["Opd__SeedDemoDay"] = "false",
                // The bench's admin drives the API with a password alone; a hospital keeps admins' second factor on.
                ["Opd__Security__AdminTwoFactor"] = "false",
                // The harness stands where a hospital's proxy would: plain http on loopback is allowed only behind one.
                ["Opd__Proxy__KnownProxies"] = "127.0.0.1",
                ["Opd__TimeZone"] = BenchApi.Zone.Id,
                ["StaticAssetsFromBuild"] = "true",
                ["Logging__LogLevel__Default"] = "Warning",
                // Production encrypts its Data Protection keys; the benchmark's throwaway database gets a throwaway certificate.
                ["Opd__DataProtection__CertificatePath"] = Security.KeyRing.SelfSignedCertificate(Path.ChangeExtension(databaseFile, ".keys.pfx"), KeysPassword),
                ["Opd__DataProtection__CertificatePassword"] = KeysPassword,
            },
        };
        return start;
    }

    private async Task<HttpClient> SignInAsync(CancellationToken ct)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = Address,
            Timeout = TimeSpan.FromMinutes(2),
        };
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = AdminEmail, password = Password }, ct);
        response.EnsureSuccessStatusCode();
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", answer.RootElement.GetProperty("accessToken").GetString());
        return client;
    }

    private async Task WaitUntilServingAsync(CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {_process.ExitCode} before serving; its output is in {LogFile}.");
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

        throw new TimeoutException($"The app did not start serving within 90 seconds; its output is in {LogFile}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }
}

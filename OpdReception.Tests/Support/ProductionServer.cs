using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OpdReception.Tests.Support;

/// <summary>
/// The app as docs/deploy.md installs it: `dotnet publish -c Release` (once per test run), started as the systemd unit
/// in deploy/ starts it, with that unit's environment and its settings file, only ports and paths made the test's own.
/// The first admin comes from `create-admin`, as an operator's does.
/// </summary>
public sealed class ProductionServer : IAsyncDisposable
{
    public const string AdminEmail = "it.desk@hospital.example";
    public const string AdminPassword = "Ward-seven-kettle-lamp-93";
    public const string HospitalHost = "opd.hospital.example";

    private static readonly SemaphoreSlim PublishGate = new(1, 1);
    private static string? _published;

    private readonly Process _process;

    private ProductionServer(Process process, int port, string logFile)
    {
        _process = process;
        Port = port;
        LogFile = logFile;
    }

    /// <summary>The loopback port the app listens on, where nginx sends requests.</summary>
    public int Port { get; }

    public string LogFile { get; }

    public string Log => File.Exists(LogFile) ? ReadShared(LogFile) : "";

    /// <summary>
    /// Publishes if needed, creates the first admin in a new database, starts the app and waits until it answers. Every setting of the
    /// published server is made here: <paramref name="extraSettings"/> adds or overrides one (environment-variable names).
    /// </summary>
    public static async Task<ProductionServer> StartAsync(string folder, CancellationToken ct, IReadOnlyDictionary<string, string>? extraSettings = null)
    {
        var port = FreePort();
        var settings = Settings(folder, port, extraSettings);
        if (!File.Exists(DatabaseFile(folder)))
        {
            var (exitCode, output) = await RunAsync(["create-admin", AdminEmail], settings.With("OPD_ADMIN_PASSWORD", AdminPassword), ct);
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"create-admin failed ({exitCode}): {output}");
            }
        }

        var logFile = Path.Combine(folder, $"app-{port}.log");
        var process = Process.Start(await StartInfoAsync([], settings, ct)) ?? throw new InvalidOperationException("The published app did not start.");
        var log = new StreamWriter(logFile) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Exited += (_, _) => { lock (log) { log.Dispose(); } };
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ProductionServer(process, port, logFile);
        await server.WaitUntilServingAsync(ct);
        return server;
    }

    public static string DatabaseFile(string folder) => Path.Combine(folder, "opd.db");

    /// <summary>The published app's settings: deploy/opd-reception.service's Environment= lines, then its settings file, then the test's own.</summary>
    public static ServerSettings Settings(string folder, int port, IReadOnlyDictionary<string, string>? extraSettings = null)
    {
        var unit = File.ReadAllLines(Repository.File("deploy", "opd-reception.service"))
            .Where(l => l.StartsWith("Environment=", StringComparison.Ordinal))
            .Select(l => l["Environment=".Length..]);
        var file = File.ReadAllLines(Repository.File("deploy", "opd-reception.env"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'));
        var values = new Dictionary<string, string>();
        foreach (var line in unit.Concat(file))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            values[line[..equals]] = line[(equals + 1)..].Trim('"');
        }

        Replace(values, "ASPNETCORE_URLS", "http://127.0.0.1:5000", $"http://127.0.0.1:{port}");
        Replace(values, "ConnectionStrings__Opd", "Data Source=/var/lib/opd-reception/opd.db", $"Data Source={DatabaseFile(folder)}");
        Replace(values, "HOME", "/var/lib/opd-reception", folder);
        Replace(values, "AllowedHosts", HospitalHost, $"{HospitalHost};localhost");
        Replace(values, "Opd__DataProtection__CertificatePath", "/etc/opd-reception/keys.pfx", TestCertificate.At(Path.Combine(folder, "keys.pfx")));
        Replace(values, "Opd__DataProtection__CertificatePassword", "change-me", TestCertificate.Password);
        values["Logging__LogLevel__Default"] = "Information";
        foreach (var (name, value) in extraSettings ?? new Dictionary<string, string>())
        {
            values[name] = value;
        }

        return new ServerSettings(values);
    }

    /// <summary>Runs one of the published app's commands (create-admin, set-password, ...) or a start expected to stop by itself.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyList<string> command, ServerSettings settings, CancellationToken ct)
    {
        var start = await StartInfoAsync(command, settings, ct);
        start.RedirectStandardInput = true;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, await output + await errors);
    }

    private static async Task<ProcessStartInfo> StartInfoAsync(IReadOnlyList<string> command, ServerSettings settings, CancellationToken ct)
    {
        var folder = await PublishedAsync(ct);
        var start = new ProcessStartInfo("dotnet", [Path.Combine(folder, "OpdReception.dll"), .. command])
        {
            // As the unit's WorkingDirectory: the published folder.
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) || k.StartsWith("Opd__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in settings.Values)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    /// <summary>`dotnet publish -c Release` of the app into a folder of this test run, once.</summary>
    public static async Task<string> PublishedAsync(CancellationToken ct)
    {
        await PublishGate.WaitAsync(ct);
        try
        {
            if (_published is not null)
            {
                return _published;
            }

            var output = Directory.CreateTempSubdirectory("opd-published-").FullName;
            var start = new ProcessStartInfo("dotnet", ["publish", Repository.File("OpdReception", "OpdReception.csproj"), "-c", "Release", "-o", output, "--nologo"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };

            // The test run's own MSBuild settings would steer this build; it is a build of its own, as an operator runs it.
            foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                start.Environment.Remove(name);
            }

            using var process = Process.Start(start)!;
            var log = process.StandardOutput.ReadToEndAsync(ct);
            var errors = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0 || !File.Exists(Path.Combine(output, "OpdReception.dll")))
            {
                throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}):\n{await log}\n{await errors}");
            }

            AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(output, recursive: true);
            _published = output;
            return output;
        }
        finally
        {
            PublishGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilServingAsync(CancellationToken ct)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(180))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The published app exited with code {_process.ExitCode} before serving:\n{Log}");
            }

            try
            {
                // Any answer means it listens (this direct request is not the proxy's, so it may be redirected or refused).
                await client.GetAsync($"http://127.0.0.1:{Port}/health", ct);
                return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200, ct);
        }

        throw new TimeoutException($"The published app did not serve within 180 seconds:\n{Log}");
    }

    private static void Replace(Dictionary<string, string> values, string name, string expected, string replacement)
    {
        // The committed files must say what docs/deploy.md says; a change there has to come here too.
        if (!values.TryGetValue(name, out var value) || value != expected)
        {
            throw new InvalidOperationException($"deploy/ no longer sets {name}={expected} (found '{value}'); update ProductionServer with it.");
        }

        values[name] = replacement;
    }

    private static void Write(StreamWriter log, string? line)
    {
        lock (log)
        {
            try
            {
                if (line is not null)
                {
                    log.WriteLine(line);
                }
            }
            catch (ObjectDisposedException)
            {
                // The last lines of a server being stopped.
            }
        }
    }

    private static string ReadShared(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Environment variables of a published server, as systemd would give them.</summary>
public sealed record ServerSettings(IReadOnlyDictionary<string, string> Values)
{
    public ServerSettings With(string name, string value) => new(new Dictionary<string, string>(Values) { [name] = value });

    public ServerSettings Without(string name) => new(Values.Where(v => v.Key != name).ToDictionary());
}

/// <summary>Files of the repository the tests run from (deploy/, README.md, the app's project).</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Find()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !System.IO.File.Exists(Path.Combine(folder.FullName, "README.md")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("README.md not found above the test folder.");
    }
}

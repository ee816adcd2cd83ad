using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OpdReception.Tests.Support;

/// <summary>
/// A real nginx in front of a <see cref="ProductionServer"/>, running the committed deploy/nginx-opd.conf with only its
/// ports and certificate paths replaced, and a self-signed certificate made here. Installed with apt-get when missing,
/// as Chromium is; without it the test fails, never skips.
/// </summary>
public sealed class Nginx : IAsyncDisposable
{
    public const string Executable = "/usr/sbin/nginx";

    private readonly Process _process;
    private readonly string _folder;

    private Nginx(Process process, string folder, int httpPort, int httpsPort, X509Certificate2 certificate)
    {
        _process = process;
        _folder = folder;
        HttpPort = httpPort;
        HttpsPort = httpsPort;
        Certificate = certificate;
    }

    public int HttpPort { get; }

    public int HttpsPort { get; }

    /// <summary>The certificate nginx presents; clients trust exactly this one.</summary>
    public X509Certificate2 Certificate { get; }

    public Uri Https => new($"https://localhost:{HttpsPort}");

    public string ErrorLog => File.Exists(Path.Combine(_folder, "error.log")) ? File.ReadAllText(Path.Combine(_folder, "error.log")) : "";

    public static async Task<Nginx> StartAsync(int appPort, CancellationToken ct)
    {
        await EnsureInstalledAsync(ct);

        // nginx's workers run as its unprivileged user and must reach the temp folders the master makes in here.
        var home = Directory.CreateTempSubdirectory("opd-nginx-").FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        var certificate = SelfSigned(home);
        var (httpPort, httpsPort) = (ProductionServer.FreePort(), ProductionServer.FreePort());
        await File.WriteAllTextAsync(Path.Combine(home, "opd-site.conf"), Site(httpPort, httpsPort, appPort, home), ct);
        await File.WriteAllTextAsync(Path.Combine(home, "nginx.conf"), $$"""
            daemon off;
            worker_processes 1;
            pid {{home}}/nginx.pid;
            error_log {{home}}/error.log warn;
            events { worker_connections 512; }
            http {
                access_log {{home}}/access.log;
                client_body_temp_path {{home}}/body;
                proxy_temp_path {{home}}/proxy;
                fastcgi_temp_path {{home}}/fastcgi;
                uwsgi_temp_path {{home}}/uwsgi;
                scgi_temp_path {{home}}/scgi;
                include {{home}}/opd-site.conf;
            }
            """, ct);

        var start = new ProcessStartInfo(Executable, ["-p", home, "-c", Path.Combine(home, "nginx.conf"), "-e", Path.Combine(home, "error.log")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var nginx = new Nginx(process, home, httpPort, httpsPort, certificate);
        await nginx.WaitUntilListeningAsync(ct);
        return nginx;
    }

    /// <summary>deploy/nginx-opd.conf with the test's ports and files; each replaced line must be there, so the file under test is the committed one.</summary>
    public static string Site(int httpPort, int httpsPort, int appPort, string home)
    {
        var site = File.ReadAllText(Repository.File("deploy", "nginx-opd.conf"));
        foreach (var (committed, test) in new[]
        {
            ("listen 80;", $"listen 127.0.0.1:{httpPort};"),
            ("listen 443 ssl;", $"listen 127.0.0.1:{httpsPort} ssl;"),
            ("/etc/ssl/opd-reception/fullchain.pem;", $"{home}/fullchain.pem;"),
            ("/etc/ssl/opd-reception/privkey.pem;", $"{home}/privkey.pem;"),
            ("proxy_pass http://127.0.0.1:5000;", $"proxy_pass http://127.0.0.1:{appPort};"),
        })
        {
            if (!site.Contains(committed, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"deploy/nginx-opd.conf no longer has `{committed}`; update Nginx.Site with it.");
            }

            site = site.Replace(committed, test, StringComparison.Ordinal);
        }

        return site;
    }

    /// <summary>A client that reaches nginx for <paramref name="host"/> on loopback and trusts only nginx's own certificate.</summary>
    public HttpClient Client(string host, bool https = true)
    {
        var port = https ? HttpsPort : HttpPort;
        var expected = Certificate.GetCertHashString();
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectCallback = async (_, token) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(IPAddress.Loopback, port, token);
                return new NetworkStream(socket, ownsSocket: true);
            },
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == expected },
        };
        return new HttpClient(handler) { BaseAddress = new Uri($"{(https ? "https" : "http")}://{host}:{port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Certificate.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static X509Certificate2 SelfSigned(string home)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={ProductionServer.HospitalHost}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(ProductionServer.HospitalHost);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        File.WriteAllText(Path.Combine(home, "fullchain.pem"), certificate.ExportCertificatePem());
        var keyFile = Path.Combine(home, "privkey.pem");
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return certificate;
    }

    private async Task WaitUntilListeningAsync(CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with code {_process.ExitCode}:\n{ErrorLog}");
            }

            try
            {
                using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(IPAddress.Loopback, HttpsPort, ct);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100, ct);
            }
        }

        throw new TimeoutException($"nginx did not listen within 60 seconds:\n{ErrorLog}");
    }

    private static async Task EnsureInstalledAsync(CancellationToken ct)
    {
        if (File.Exists(Executable))
        {
            return;
        }

        // flock keeps two test processes from running apt-get at once.
        var start = new ProcessStartInfo("flock", ["/tmp/opd-nginx-install.lock", "sh", "-c",
            $"test -x {Executable} || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y nginx)"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not run apt-get.");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException(
                $"The production journey needs nginx at {Executable} and installing it failed; run `apt-get install -y nginx` as root.\n{await output}{await errors}");
        }
    }
}

using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OpdReception.Tests.Support;

/// <summary>
/// A real HTTP server on a free loopback port standing in for the ABDM gateway: it has its own RSA key, publishes it
/// at /gateway/v3/certs, issues sessions for the right client id and secret, signs the JWTs it would send on an
/// inbound share, and records every on-share acknowledgement it receives with its headers.
/// </summary>
public sealed class AbdmGatewayDouble : IAsyncDisposable
{
    public const string ClientId = "SBX_OPD_TEST";
    public const string ClientSecret = "double-secret";

    private readonly WebApplication _app;
    private readonly object _gate = new();
    private RSA _key = RSA.Create(2048);
    private string _kid = "double-1";
    private int _certsFetches;
    private int _sessionsIssued;

    private AbdmGatewayDouble(WebApplication app) => _app = app;

    public sealed record OnShare(JsonElement Body, IReadOnlyDictionary<string, string> Headers, DateTimeOffset At);

    public ConcurrentQueue<OnShare> OnShares { get; } = new();

    /// <summary>The body and headers of every session request, as sent.</summary>
    public ConcurrentQueue<OnShare> SessionRequests { get; } = new();

    public Uri Url { get; private set; } = null!;

    public string KeyId => _kid;

    public int CertsFetches => Volatile.Read(ref _certsFetches);

    public int SessionsIssued => Volatile.Read(ref _sessionsIssued);

    /// <summary>The session lifetime the double announces in expiresIn.</summary>
    public int SessionSeconds { get; set; } = 1200;

    public static async Task<AbdmGatewayDouble> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var gateway = new AbdmGatewayDouble(builder.Build());
        gateway._app.MapGet("/gateway/v3/certs", gateway.Certs);
        gateway._app.MapPost("/api/hiecm/gateway/v3/sessions", (Func<HttpContext, Task<IResult>>)gateway.SessionAsync);
        gateway._app.MapPost("/api/hiecm/patient-share/v3/on-share", (Func<HttpContext, Task<IResult>>)gateway.OnShareAsync);
        await gateway._app.StartAsync();
        gateway.Url = new Uri(gateway._app.Urls.First().TrimEnd('/') + "/");
        return gateway;
    }

    /// <summary>The gateway rotates: a new key under a new id replaces the old one in the published set.</summary>
    public void RotateKey()
    {
        lock (_gate)
        {
            _key = RSA.Create(2048);
            _kid = "double-" + Guid.NewGuid().ToString("N")[..8];
        }
    }

    /// <summary>A token as the gateway sends on an inbound call, signed with its current key.</summary>
    public string SignedToken(TimeSpan? lifetime = null)
    {
        lock (_gate)
        {
            return Sign(_key, _kid, DateTimeOffset.UtcNow + (lifetime ?? TimeSpan.FromMinutes(10)));
        }
    }

    /// <summary>A token naming the gateway's key id but signed by someone else's key.</summary>
    public string TokenSignedByStranger()
    {
        using var stranger = RSA.Create(2048);
        return Sign(stranger, _kid, DateTimeOffset.UtcNow.AddMinutes(10));
    }

    /// <summary>A token signed by a key the gateway never published, under an id it never used.</summary>
    public static string TokenWithUnknownKid()
    {
        using var stranger = RSA.Create(2048);
        return Sign(stranger, "never-published", DateTimeOffset.UtcNow.AddMinutes(10));
    }

    /// <summary>An "alg: none" token with the gateway's claims and no signature.</summary>
    public string UnsignedToken() =>
        Part(new { alg = "none", typ = "JWT", kid = _kid }) + "." + Part(Claims(DateTimeOffset.UtcNow.AddMinutes(10))) + ".";

    public async Task<OnShare[]> WaitForOnSharesAsync(Func<OnShare[], bool> done, TimeSpan within)
    {
        var until = DateTimeOffset.UtcNow + within;
        while (true)
        {
            var all = OnShares.ToArray();
            if (done(all) || DateTimeOffset.UtcNow > until)
            {
                return all;
            }

            await Task.Delay(20);
        }
    }

    private static string Sign(RSA key, string kid, DateTimeOffset expires)
    {
        var unsigned = Part(new { alg = "RS256", typ = "JWT", kid }) + "." + Part(Claims(expires));
        var signature = key.SignData(Encoding.ASCII.GetBytes(unsigned), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return unsigned + "." + Base64Url.EncodeToString(signature);
    }

    private static object Claims(DateTimeOffset expires) => new
    {
        iss = "https://dev.abdm.gov.in/gateway",
        sub = "hiecm",
        clientId = "gateway",
        iat = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(),
        exp = expires.ToUnixTimeSeconds(),
    };

    private static string Part(object value) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value));

    private IResult Certs()
    {
        Interlocked.Increment(ref _certsFetches);
        RSAParameters published;
        string kid;
        lock (_gate)
        {
            published = _key.ExportParameters(false);
            kid = _kid;
        }

        return Results.Json(new
        {
            keys = new[]
            {
                new
                {
                    kty = "RSA", use = "sig", alg = "RS256", kid,
                    n = Base64Url.EncodeToString(published.Modulus), e = Base64Url.EncodeToString(published.Exponent),
                },
            },
        });
    }

    private async Task<IResult> SessionAsync(HttpContext http)
    {
        using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        var root = body.RootElement;
        SessionRequests.Enqueue(new OnShare(root.Clone(), Headers(http), DateTimeOffset.UtcNow));
        if (!root.TryGetProperty("clientId", out var id) || id.GetString() != ClientId
            || !root.TryGetProperty("clientSecret", out var secret) || secret.GetString() != ClientSecret)
        {
            return Results.Json(new { error = new { code = "ABDM-1017", message = "Invalid client credentials" } }, statusCode: 401);
        }

        var issued = Interlocked.Increment(ref _sessionsIssued);
        return Results.Json(new
        {
            accessToken = $"session-{issued}",
            expiresIn = SessionSeconds,
            refreshExpiresIn = SessionSeconds * 2,
            refreshToken = $"refresh-{issued}",
            tokenType = "bearer",
        });
    }

    private async Task<IResult> OnShareAsync(HttpContext http)
    {
        using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        OnShares.Enqueue(new OnShare(body.RootElement.Clone(), Headers(http), DateTimeOffset.UtcNow));
        return Results.Accepted();
    }

    private static Dictionary<string, string> Headers(HttpContext http) =>
        http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _key.Dispose();
    }
}

using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace OpdReception.Services.Abdm;

/// <summary>
/// Checks the gateway's RS256 bearer tokens against the keys it publishes at {gateway}/gateway/v3/certs. The keys are
/// cached for <see cref="AbdmOptions.KeysLifetimeMinutes"/> and fetched again early when a token names an unknown key
/// id (the gateway rotated), at most once per <see cref="AbdmOptions.UnknownKeyRefetchSeconds"/>.
/// </summary>
public sealed class GatewayKeys(IHttpClientFactory clients, IOptionsMonitor<AbdmOptions> options, TimeProvider time, ILogger<GatewayKeys> log)
{
    public const string ClientName = "abdm-gateway";

    private readonly SemaphoreSlim _fetching = new(1, 1);
    private KeySet _keys = KeySet.None;
    private DateTimeOffset _lastForcedFetch = DateTimeOffset.MinValue;

    private sealed record KeySet(IReadOnlyDictionary<string, RSAParameters> ById, DateTimeOffset FetchedAt)
    {
        public static readonly KeySet None = new(new Dictionary<string, RSAParameters>(), DateTimeOffset.MinValue);
    }

    public async Task<GatewayCallCheck> CheckAsync(string? authorization, CancellationToken cancel)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return new GatewayCallCheck.Refused("no bearer token");
        }

        var parts = authorization["Bearer ".Length..].Trim().Split('.');
        if (parts.Length != 3 || parts[2].Length == 0)
        {
            return new GatewayCallCheck.Refused("not a signed JWT");
        }

        if (ReadJson(parts[0]) is not { } header || ReadJson(parts[1]) is not { } payload)
        {
            return new GatewayCallCheck.Refused("unreadable JWT");
        }

        if (Text(header, "alg") != "RS256" || Text(header, "kid") is not { Length: > 0 } kid)
        {
            return new GatewayCallCheck.Refused("not RS256 with a key id");
        }

        if (await KeyAsync(kid, cancel) is not { } key)
        {
            return new GatewayCallCheck.Refused($"unknown key id {kid}");
        }

        if (!Verifies(key, parts))
        {
            return new GatewayCallCheck.Refused("bad signature");
        }

        if (!payload.TryGetProperty("exp", out var exp) || !exp.TryGetInt64(out var expSeconds))
        {
            return new GatewayCallCheck.Refused("no expiry");
        }

        var settings = options.CurrentValue;
        var expires = DateTimeOffset.FromUnixTimeSeconds(expSeconds);
        return expires.AddSeconds(settings.ClockSkewSeconds) <= time.GetUtcNow()
            ? new GatewayCallCheck.Refused("expired")
            : new GatewayCallCheck.Trusted(kid, expires);
    }

    private async Task<RSAParameters?> KeyAsync(string kid, CancellationToken cancel)
    {
        var settings = options.CurrentValue;
        var now = time.GetUtcNow();
        var keys = _keys;
        var stale = now - keys.FetchedAt >= TimeSpan.FromMinutes(settings.KeysLifetimeMinutes);
        if (!stale && keys.ById.TryGetValue(kid, out var cached))
        {
            return cached;
        }

        await _fetching.WaitAsync(cancel);
        try
        {
            // Another caller may have fetched while this one waited.
            keys = _keys;
            stale = now - keys.FetchedAt >= TimeSpan.FromMinutes(settings.KeysLifetimeMinutes);
            if (!stale && keys.ById.TryGetValue(kid, out cached))
            {
                return cached;
            }

            var forced = !stale;
            if (forced && now - _lastForcedFetch < TimeSpan.FromSeconds(settings.UnknownKeyRefetchSeconds))
            {
                return null;
            }

            if (await FetchAsync(settings, cancel) is { } fetched)
            {
                _keys = fetched with { FetchedAt = now };
                if (forced)
                {
                    _lastForcedFetch = now;
                }
            }

            return _keys.ById.TryGetValue(kid, out var key) ? key : null;
        }
        finally
        {
            _fetching.Release();
        }
    }

    private async Task<KeySet?> FetchAsync(AbdmOptions settings, CancellationToken cancel)
    {
        try
        {
            var client = clients.CreateClient(ClientName);
            using var response = await client.GetAsync(new Uri(settings.GatewayUrl!, "gateway/v3/certs"), cancel);
            response.EnsureSuccessStatusCode();
            using var jwks = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancel));
            var byId = new Dictionary<string, RSAParameters>();
            foreach (var key in jwks.RootElement.GetProperty("keys").EnumerateArray())
            {
                if (Text(key, "kty") == "RSA" && Text(key, "kid") is { } id && Text(key, "n") is { } n && Text(key, "e") is { } e)
                {
                    byId[id] = new RSAParameters { Modulus = Base64Url.DecodeFromChars(n), Exponent = Base64Url.DecodeFromChars(e) };
                }
            }

            return new KeySet(byId, DateTimeOffset.MinValue);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException or TaskCanceledException)
        {
            // Keep the keys we had: a gateway hiccup must not refuse every scan signed with a key we already trust.
            log.LogWarning(ex, "The ABDM gateway's keys could not be fetched");
            return null;
        }
    }

    private static bool Verifies(RSAParameters key, string[] parts)
    {
        try
        {
            using var rsa = RSA.Create(key);
            var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
            return rsa.VerifyData(signed, Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return false;
        }
    }

    private static JsonElement? ReadJson(string part)
    {
        try
        {
            using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(part));
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

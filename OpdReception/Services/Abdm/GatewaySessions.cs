using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace OpdReception.Services.Abdm;

/// <summary>What asking for a gateway session gave.</summary>
public abstract record GatewaySession
{
    private GatewaySession()
    {
    }

    public sealed record Open(string AccessToken, DateTimeOffset RenewAt) : GatewaySession;

    /// <summary>The gateway refused or could not be reached; the caller retries later (the outbox's backoff).</summary>
    public sealed record Failed(string Reason) : GatewaySession;
}

/// <summary>
/// The session token our calls to the gateway carry, from POST {gateway}/api/hiecm/gateway/v3/sessions with the client
/// id and secret. One token serves every call until shortly before it expires, so a burst of scans costs one session.
/// </summary>
public sealed class GatewaySessions(IHttpClientFactory clients, IOptionsMonitor<AbdmOptions> options, TimeProvider time)
{
    /// <summary>Renewed this long before the gateway says it expires, so a call in flight never carries a dead token.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim _opening = new(1, 1);
    private GatewaySession.Open? _current;

    public async Task<GatewaySession> CurrentAsync(CancellationToken cancel)
    {
        if (_current is { } open && time.GetUtcNow() < open.RenewAt)
        {
            return open;
        }

        await _opening.WaitAsync(cancel);
        try
        {
            if (_current is { } fresh && time.GetUtcNow() < fresh.RenewAt)
            {
                return fresh;
            }

            var opened = await OpenAsync(cancel);
            _current = opened as GatewaySession.Open;
            return opened;
        }
        finally
        {
            _opening.Release();
        }
    }

    /// <summary>The gateway refused our token (401): the next call opens a new session.</summary>
    public void Forget(string accessToken)
    {
        if (_current?.AccessToken == accessToken)
        {
            _current = null;
        }
    }

    private async Task<GatewaySession> OpenAsync(CancellationToken cancel)
    {
        var settings = options.CurrentValue;
        if (settings.GatewayUrl is null)
        {
            return new GatewaySession.Failed("Scan & Share is not set up (Opd:Abdm:GatewayUrl)");
        }

        var asked = time.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.GatewayUrl, "api/hiecm/gateway/v3/sessions"))
        {
            Content = JsonContent.Create(new SessionRequest(settings.ClientId, settings.ClientSecret, "client_credentials")),
        };
        AddGatewayHeaders(request, settings, asked);
        try
        {
            using var response = await clients.CreateClient(GatewayKeys.ClientName).SendAsync(request, cancel);
            if (!response.IsSuccessStatusCode)
            {
                return new GatewaySession.Failed($"the gateway refused a session ({(int)response.StatusCode})");
            }

            var session = await response.Content.ReadFromJsonAsync<SessionResponse>(cancel);
            if (session is not { AccessToken.Length: > 0, ExpiresIn: > 0 })
            {
                return new GatewaySession.Failed("the gateway's session answer had no token");
            }

            var lifetime = TimeSpan.FromSeconds(session.ExpiresIn);
            var margin = lifetime > Margin * 2 ? Margin : lifetime / 2;
            return new GatewaySession.Open(session.AccessToken, asked + lifetime - margin);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException && !cancel.IsCancellationRequested)
        {
            return new GatewaySession.Failed($"the gateway could not be reached ({ex.GetType().Name})");
        }
    }

    /// <summary>The headers every call to the gateway carries besides its authorization.</summary>
    public static void AddGatewayHeaders(HttpRequestMessage request, AbdmOptions settings, DateTimeOffset now)
    {
        request.Headers.Add("REQUEST-ID", Guid.NewGuid().ToString());
        request.Headers.Add("TIMESTAMP", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        request.Headers.Add("X-CM-ID", settings.CmId);
    }

    private sealed record SessionRequest(string ClientId, string ClientSecret, string GrantType);

    private sealed record SessionResponse(string? AccessToken, int ExpiresIn);
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace OpdReception.Services.Abdm;

/// <summary>The on-share acknowledgement of one inbound share: the token given, or why none was.</summary>
public sealed record ShareAcknowledgement(string RequestId, string AbhaAddress, string Counter, ShareAnswer Answer);

/// <summary>What the acknowledgement tells the patient's app.</summary>
public abstract record ShareAnswer
{
    private ShareAnswer()
    {
    }

    /// <summary>A place in the doctor's queue: its day label, valid for the given minutes.</summary>
    public sealed record Seated(string TokenNumber, int ExpiryMinutes) : ShareAnswer;

    /// <summary>No token could be given; the words go to the patient's app.</summary>
    public sealed record NotSeated(string Code, string Message) : ShareAnswer;
}

/// <summary>What one attempt to deliver an acknowledgement gave; the outbox retries Retry with backoff.</summary>
public abstract record AckDelivery
{
    private AckDelivery()
    {
    }

    public sealed record Delivered : AckDelivery;

    public sealed record Retry(string Reason) : AckDelivery;

    /// <summary>The gateway rejected the acknowledgement itself (4xx other than 401/408/429); sending it again will not help.</summary>
    public sealed record Rejected(int Status) : AckDelivery;
}

/// <summary>Sends acknowledgements to POST {gateway}/api/hiecm/patient-share/v3/on-share with our session token.</summary>
public sealed class ShareAcknowledgements(
    IHttpClientFactory clients, GatewaySessions sessions, IOptionsMonitor<AbdmOptions> options, TimeProvider time)
{
    public async Task<AckDelivery> SendAsync(ShareAcknowledgement ack, CancellationToken cancel)
    {
        var settings = options.CurrentValue;
        if (settings.GatewayUrl is null)
        {
            return new AckDelivery.Retry("Scan & Share is not set up (Opd:Abdm:GatewayUrl)");
        }

        if (await sessions.CurrentAsync(cancel) is not GatewaySession.Open session)
        {
            return new AckDelivery.Retry("no gateway session");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.GatewayUrl, "api/hiecm/patient-share/v3/on-share"))
        {
            Content = JsonContent.Create(Body(ack)),
        };
        GatewaySessions.AddGatewayHeaders(request, settings, time.GetUtcNow());
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken);
        try
        {
            using var response = await clients.CreateClient(GatewayKeys.ClientName).SendAsync(request, cancel);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                sessions.Forget(session.AccessToken);
            }

            return (int)response.StatusCode switch
            {
                >= 200 and < 300 => new AckDelivery.Delivered(),
                401 or 408 or 429 or >= 500 => new AckDelivery.Retry($"the gateway answered {(int)response.StatusCode}"),
                var status => new AckDelivery.Rejected(status),
            };
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancel.IsCancellationRequested)
        {
            return new AckDelivery.Retry($"the gateway could not be reached ({ex.GetType().Name})");
        }
    }

    /// <summary>The body as the V3 documentation records it (Tests/Abdm/Fixtures/on-share.json).</summary>
    public static OnShareBody Body(ShareAcknowledgement ack) => ack.Answer switch
    {
        ShareAnswer.Seated seated => new OnShareBody(
            new OnShareAck("SUCCESS", ack.AbhaAddress, new OnShareProfile(ack.Counter, seated.TokenNumber, seated.ExpiryMinutes * 60 + "")),
            null,
            new OnShareResponse(ack.RequestId)),
        ShareAnswer.NotSeated refused => new OnShareBody(
            new OnShareAck("FAILED", ack.AbhaAddress, null),
            new OnShareError(refused.Code, refused.Message),
            new OnShareResponse(ack.RequestId)),
        _ => throw new InvalidOperationException("A share answer is seated or not."),
    };

    public sealed record OnShareBody(
        OnShareAck Acknowledgement,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OnShareError? Error,
        OnShareResponse Response);

    public sealed record OnShareAck(
        string Status, string AbhaAddress, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OnShareProfile? Profile);

    public sealed record OnShareProfile(string Context, string TokenNumber, string Expiry);

    public sealed record OnShareError(string Code, string Message);

    public sealed record OnShareResponse(string RequestId);
}

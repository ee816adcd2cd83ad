using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services.Messages;

/// <summary>The body the gateway receives, member for member (docs/messages.md).</summary>
public sealed record WebhookBody(
    string Id, string Event, int TokenId, string TokenNumber, string Phone, string Language, string Text, string? TemplateId, string CreatedAt);

/// <summary>
/// A signed JSON POST to the hospital's SMS or WhatsApp gateway. A 2xx answer is sent; any other answer, no answer
/// within the timeout, or no connection at all is a failed attempt, retried by the dispatcher.
/// </summary>
public sealed class WebhookChannel(IHttpClientFactory clients, IOptions<MessageDeliveryOptions> options, HospitalClock clock) : IMessageChannel
{
    public const string ClientName = "opd-webhook";

    /// <summary>Hindi and Tamil go as UTF-8 characters, not \u escapes, so the gateway gets the text byte for byte.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public MessageChannel Channel => MessageChannel.Webhook;

    public byte[] BodyOf(OutboxMessage message) => JsonSerializer.SerializeToUtf8Bytes(new WebhookBody(
        message.MessageId, message.Event.ToString(), message.TokenId, message.TokenNumber, message.Recipient, message.Language, message.Text,
        message.TemplateId, InUtc(message.CreatedAt).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)), Json);

    /// <summary>Times in the database are the hospital's wall clock; the gateway gets UTC.</summary>
    private DateTime InUtc(DateTime wallTime) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(wallTime, DateTimeKind.Unspecified), clock.Zone);

    public async Task<AttemptResult> SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var settings = options.Value.Webhook;
        var body = BodyOf(message);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Url) { Content = content };
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Of(body, settings.Secret!));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return response.IsSuccessStatusCode
                ? new AttemptResult.Accepted()
                : new AttemptResult.NotAccepted($"The SMS gateway answered {(int)response.StatusCode} ({response.ReasonPhrase ?? response.StatusCode.ToString()}).");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new AttemptResult.NotAccepted($"The SMS gateway did not answer within {settings.TimeoutSeconds} seconds.");
        }
        catch (HttpRequestException ex)
        {
            return new AttemptResult.NotAccepted($"The SMS gateway at {new Uri(settings.Url!).GetLeftPart(UriPartial.Authority)} could not be reached: {ex.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => "its name is not known",
                HttpRequestError.ConnectionError => "the connection was refused or dropped",
                HttpRequestError.SecureConnectionError => "its TLS certificate was not accepted",
                _ => ex.Message.TrimEnd().TrimEnd('.'),
            }}.");
        }
    }
}

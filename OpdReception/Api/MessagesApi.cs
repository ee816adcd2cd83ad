using OpdReception.Domain;
using OpdReception.Services.Messages;

namespace OpdReception.Api;

/// <summary>Patient messages: the admin's failed list and retries, and the SMS gateway's signed delivery receipts.</summary>
internal static class MessagesApi
{
    public static void MapMessages(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin/messages").WithTags("Admin");
        admin.MapGet("", async (MessageState? state, MessageAdminService service, CancellationToken ct) =>
                TypedResults.Ok(await service.OverviewAsync(state ?? MessageState.Failed, ct)))
            .Produces<MessagesOverview>().ProducesErrors(400)
            .WithSummary("Patient messages in one state (Failed by default: those that wait for a retry), newest first, with today's counts");
        admin.MapPost("/{id:long}/retry", async (long id, HttpContext http, MessageAdminService service, CancellationToken ct) =>
                (await service.RetryAsync(id, http.Actor(), ct)).ToHttp())
            .Produces<MessageView>().ProducesErrors(404, 409).WithSummary("Send a failed message again: queued now, its attempts counted afresh (recorded)");
        admin.MapPost("/retry", async (HttpContext http, MessageAdminService service, CancellationToken ct) =>
                (await service.RetryAllAsync(http.Actor(), ct)).ToHttp())
            .Produces<RetriedView>().ProducesErrors(409).WithSummary("Send every failed message again that is not too old to be of use (recorded)");

        // The gateway is no user: it proves itself by the shared secret's signature over the raw body.
        api.MapPost("/notifications/receipts", async (HttpContext http, MessageReceipts receipts, CancellationToken ct) =>
            {
                using var buffer = new MemoryStream();
                await http.Request.Body.CopyToAsync(buffer, ct);
                var body = buffer.ToArray();
                if (!receipts.SignatureMatches(body, http.Request.Headers[WebhookSignature.Header]))
                {
                    return TypedResults.Problem("The X-Opd-Signature header is missing or does not match the body signed with Opd:Notifications:Webhook:Secret.",
                        statusCode: StatusCodes.Status401Unauthorized, title: "Not signed.");
                }

                return (await receipts.RecordAsync(body, ct)).ToHttp();
            })
            .Accepts<ReceiptBody>("application/json")
            .Produces<ReceiptAnswer>().ProducesErrors(400, 401, 404, 409)
            .WithTags("Notifications").WithSummary("The SMS gateway's receipt for a message: delivered or failed (signed like the messages)");
    }
}

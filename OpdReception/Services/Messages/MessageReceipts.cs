using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services.Messages;

/// <summary>The gateway's receipts: signed as our messages are, they move a message to Delivered or Failed.</summary>
public sealed class MessageReceipts(IDbContextFactory<OpdDbContext> factory, HospitalClock clock, IOptions<MessageDeliveryOptions> options)
{
    /// <summary>A gateway's receipt may carry members of its own; only these three are read.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool SignatureMatches(ReadOnlySpan<byte> body, string? header) => WebhookSignature.Matches(body, header, options.Value.Webhook.Secret);

    public async Task<Result<ReceiptAnswer>> RecordAsync(byte[] body, CancellationToken ct)
    {
        ReceiptBody? receipt;
        try
        {
            receipt = JsonSerializer.Deserialize<ReceiptBody>(body, Json);
        }
        catch (JsonException)
        {
            return OpdProblem.Invalid("body", "The receipt must be JSON: {\"id\", \"status\": \"delivered\" or \"failed\", \"reason\"}.");
        }

        if (string.IsNullOrWhiteSpace(receipt?.Id))
        {
            return OpdProblem.Invalid("id", "The receipt must name the message's id.");
        }

        if (receipt.Status?.Trim().ToLowerInvariant() switch { "delivered" => ReceiptStatus.Delivered, "failed" => ReceiptStatus.Failed, _ => (ReceiptStatus?)null }
            is not { } status)
        {
            return OpdProblem.Invalid("status", "The status must be \"delivered\" or \"failed\".");
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var message = await db.OutboxMessages.FirstOrDefaultAsync(m => m.MessageId == receipt.Id, ct);
        if (message is null)
        {
            return OpdProblem.NotFound("Message", receipt.Id);
        }

        var now = clock.Now;
        switch (MessageReceipt.Apply(message.State, status, receipt.Reason is { Length: > 300 } longer ? longer[..300] : receipt.Reason))
        {
            case ReceiptOutcome.ToDelivered:
                message.State = MessageState.Delivered;
                message.DeliveredAt = now;
                message.SentAt ??= now;
                message.LastError = null;
                break;
            case ReceiptOutcome.ToFailed failed:
                MessageOutbox.Fail(message, now, failed.Reason);
                break;
            case ReceiptOutcome.Refused refused:
                return OpdProblem.Conflict(refused.Reason);
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new ReceiptAnswer(message.MessageId, message.State);
    }
}

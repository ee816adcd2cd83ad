using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services.Messages;

/// <summary>One message as the admin sees it: the recipient masked, the state and the reason in words.</summary>
public sealed record MessageView(
    long Id, string MessageId, int TokenId, string TokenNumber, PatientMessageEvent Event, string What, MessageChannel Channel, string Via,
    string Recipient, MessageState State, string Status, int Attempts, DateTime CreatedAt, DateTime? SentAt, DateTime? DeliveredAt,
    DateTime? FailedAt, string? LastError)
{
    public static MessageView Of(OutboxMessage m, string? notSetUp) => new(
        m.Id, m.MessageId, m.TokenId, m.TokenNumber, m.Event, MessageWords.Event(m.Event), m.Channel, MessageWords.Channel(m.Channel),
        MessageWords.Masked(m.Recipient), m.State, MessageWords.State(m.State, m.LastError, notSetUp), m.Attempts, m.CreatedAt, m.SentAt,
        m.DeliveredAt, m.FailedAt, m.LastError);
}

/// <param name="Messages">The messages asked for (failed for good by default), newest first, at most 200.</param>
/// <param name="NotSetUp">Each channel that sends nothing, and why, in words.</param>
/// <param name="StaleToday">Today's messages not sent because they were no longer true when their turn came (state Skipped).</param>
public sealed record MessagesOverview(
    MessageState State, IReadOnlyList<MessageView> Messages, int Total, int Waiting, int SentToday, int DeliveredToday, int Failed,
    IReadOnlyList<string> NotSetUp, int StaleToday = 0);

/// <summary>A message in a token's history: what, how, and what became of it.</summary>
public sealed record TokenMessageView(DateTime At, PatientMessageEvent Event, string What, MessageChannel Channel, string Via, MessageState State, string Status);

public sealed record RetriedView(int Retried);

/// <summary>The gateway's receipt: <c>{"id", "status": "delivered"|"failed", "reason"?}</c>.</summary>
public sealed record ReceiptBody(string? Id, string? Status, string? Reason);

public sealed record ReceiptAnswer(string Id, MessageState State);

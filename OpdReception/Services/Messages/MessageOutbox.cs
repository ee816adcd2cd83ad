using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services.Messages;

/// <summary>A message due for an attempt, as the dispatcher's index read finds it.</summary>
public sealed record DueMessage(long Id, MessageChannel Channel);

/// <summary>
/// The dispatcher's reads and writes of the outbox, each write its own short transaction: a message is marked
/// Sending (and its attempt counted) before the attempt, and its outcome written after, so a process killed
/// between the two leaves a Sending message that is taken again, never a message lost.
/// </summary>
public sealed class MessageOutbox(IDbContextFactory<OpdDbContext> factory, HospitalClock clock, IOptions<MessageDeliveryOptions> options)
{
    public const string AbandonedReason = "The app stopped while this message was being sent; it is sent again (the gateway may see its id twice).";

    private static readonly MessageState[] Takeable = [MessageState.Queued, MessageState.Sending];

    /// <summary>Due messages of the channels that are set up, oldest due first, through the (State, NextAttemptAt) index.</summary>
    public async Task<IReadOnlyList<DueMessage>> DueAsync(IReadOnlyCollection<MessageChannel> channels, int take, CancellationToken ct)
    {
        var now = clock.Now;
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.OutboxMessages.AsNoTracking()
            .Where(m => Takeable.Contains(m.State) && m.NextAttemptAt <= now && channels.Contains(m.Channel))
            .Where(NotHeld(db))
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Take(take)
            .Select(m => new DueMessage(m.Id, m.Channel))
            .ToListAsync(ct);
    }

    /// <summary>
    /// A token's messages on one channel go in the order they were written: a later one is held while an earlier one
    /// still waits or is being retried, so "please go in now" never overtakes "your token is A014".
    /// </summary>
    private static System.Linq.Expressions.Expression<Func<OutboxMessage, bool>> NotHeld(OpdDbContext db) =>
        m => !db.OutboxMessages.Any(e => e.TokenId == m.TokenId && e.Channel == m.Channel && e.Id < m.Id && Takeable.Contains(e.State));

    /// <summary>When the next message of these channels falls due; null when none waits.</summary>
    public async Task<DateTime?> NextDueAsync(IReadOnlyCollection<MessageChannel> channels, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.OutboxMessages.AsNoTracking()
            .Where(m => Takeable.Contains(m.State) && channels.Contains(m.Channel))
            .Where(NotHeld(db))
            .OrderBy(m => m.NextAttemptAt)
            .Select(m => (DateTime?)m.NextAttemptAt)
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Marks the message Sending and counts the attempt, in its own transaction, before anything leaves the app.
    /// Null when it is no longer due (an admin or another pass got there first), no longer true of the token (Skipped,
    /// see <see cref="MessageRelevanceRule"/>), or too late to send.
    /// </summary>
    public async Task<(OutboxMessage Message, int Attempt)?> ClaimAsync(long id, CancellationToken ct)
    {
        var settings = options.Value;
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var now = clock.Now;
        var message = await db.OutboxMessages.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (message is null || !Takeable.Contains(message.State) || message.NextAttemptAt > now)
        {
            return null;
        }

        var token = await db.Tokens.AsNoTracking().Where(t => t.Id == message.TokenId)
            .Select(t => new TokenToday(t.Status, t.Slot.Date)).FirstOrDefaultAsync(ct);
        if (MessageRelevanceRule.Decide(message.Event, message.CreatedAt, token, now) is MessageRelevance.Stale stale)
        {
            message.State = MessageState.Skipped;
            message.LastError = stale.Reason;
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return null;
        }

        var timeout = TimeSpan.FromSeconds(message.Channel == MessageChannel.Webhook ? settings.Webhook.TimeoutSeconds : settings.Smtp.TimeoutSeconds);
        switch (MessageDelivery.ClaimFor(message.Attempts, message.CreatedAt, now, timeout, settings.Retry))
        {
            case MessageClaim.Attempt attempt:
                message.State = MessageState.Sending;
                message.Attempts = attempt.AttemptNumber;
                message.NextAttemptAt = attempt.RetakeAt;
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return (message, attempt.AttemptNumber);
            case MessageClaim.TooLate late:
                Fail(message, now, late.Reason);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return null;
            default:
                throw new InvalidOperationException("Unknown claim.");
        }
    }

    /// <summary>Writes what became of the attempt, unless the message moved on meanwhile (a receipt, an admin).</summary>
    public async Task RecordAsync(long id, int attempt, DeliveryStep step, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var message = await db.OutboxMessages.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (message is null || message.State != MessageState.Sending || message.Attempts != attempt)
        {
            return;
        }

        switch (step)
        {
            case DeliveryStep.MarkSent sent:
                message.State = MessageState.Sent;
                message.SentAt = sent.At;
                message.LastError = null;
                break;
            case DeliveryStep.TryAgain again:
                message.State = MessageState.Queued;
                message.NextAttemptAt = again.At;
                message.LastError = Words(again.Reason);
                break;
            case DeliveryStep.GiveUp giveUp:
                Fail(message, clock.Now, giveUp.Reason);
                break;
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// At start nothing of this process is in flight, so every Sending message was left by a process that died
    /// mid-attempt: it is due again at once. Returns how many.
    /// </summary>
    public async Task<int> ReleaseAbandonedAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var now = clock.Now;
        var abandoned = await db.OutboxMessages.Where(m => m.State == MessageState.Sending).ToListAsync(ct);
        foreach (var message in abandoned)
        {
            message.State = MessageState.Queued;
            message.NextAttemptAt = now;
            message.LastError = AbandonedReason;
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return abandoned.Count;
    }

    internal static void Fail(OutboxMessage message, DateTime now, string reason)
    {
        message.State = MessageState.Failed;
        message.FailedAt = now;
        message.LastError = Words(reason);
    }

    private static string Words(string reason) => reason.Length <= 500 ? reason : reason[..497] + "...";
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services.Messages;

/// <summary>The admin's Messages page: what failed for good, counts of today, and retries (recorded in the admin's record).</summary>
public sealed class MessageAdminService(
    IDbContextFactory<OpdDbContext> factory, HospitalClock clock, IOptions<MessageDeliveryOptions> options, MessageSignal signal)
{
    private const int Shown = 200;

    public async Task<MessagesOverview> OverviewAsync(MessageState state = MessageState.Failed, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var today = clock.Today.ToDateTime(TimeOnly.MinValue);
        var rows = await db.OutboxMessages.AsNoTracking().Where(m => m.State == state)
            .OrderByDescending(m => m.NextAttemptAt).ThenByDescending(m => m.Id).Take(Shown).ToListAsync(ct);
        var total = rows.Count < Shown ? rows.Count : await db.OutboxMessages.CountAsync(m => m.State == state, ct);
        var waiting = await db.OutboxMessages.CountAsync(m => m.State == MessageState.Queued || m.State == MessageState.Sending, ct);
        var failed = state == MessageState.Failed ? total : await db.OutboxMessages.CountAsync(m => m.State == MessageState.Failed, ct);

        // Through the SentAt index: today's rows only, however many were ever sent.
        var sentToday = await db.OutboxMessages.Where(m => m.SentAt >= today).GroupBy(m => m.State == MessageState.Delivered)
            .Select(g => new { Delivered = g.Key, Count = g.Count() }).ToListAsync(ct);
        // A stale message is Skipped with its reason; one the patient opted out of has none.
        var staleToday = await db.OutboxMessages.CountAsync(m => m.State == MessageState.Skipped && m.LastError != null && m.CreatedAt >= today, ct);
        var notSetUp = Enum.GetValues<MessageChannel>()
            .Select(c => options.Value.NotSetUp(c) is { } why ? $"{MessageWords.Channel(c)}: {why}, so these messages wait unsent." : null)
            .OfType<string>().ToList();
        return new MessagesOverview(state, rows.Select(m => MessageView.Of(m, NotSetUp(m))).ToList(), total, waiting,
            sentToday.Sum(s => s.Count), sentToday.Where(s => s.Delivered).Sum(s => s.Count), failed, notSetUp, staleToday);
    }

    /// <summary>Puts a failed message back in the queue, due now, its attempts counted afresh.</summary>
    public async Task<Result<MessageView>> RetryAsync(long id, Actor by, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var message = await db.OutboxMessages.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (message is null)
        {
            return OpdProblem.NotFound("Message", id);
        }

        var now = clock.Now;
        if (message.State != MessageState.Failed)
        {
            return OpdProblem.Conflict($"Only a failed message can be retried; this one is: {MessageWords.State(message.State, message.LastError).ToLowerInvariant()}.");
        }

        if (MessageDelivery.TooLate(message.CreatedAt, now, options.Value.Retry) is { } late)
        {
            return OpdProblem.Conflict($"{late} Nothing was retried.");
        }

        var was = message.LastError;
        Requeue(message, now);
        AdminRecord.Add(db, now, by, "Message", $"{message.TokenNumber} · {MessageWords.Event(message.Event)}",
            $"Retried a failed {MessageWords.Channel(message.Channel)} message (it had failed: {was})");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        signal.Wake();
        return MessageView.Of(message, NotSetUp(message));
    }

    /// <summary>Every failed message not yet too late, in one go.</summary>
    public async Task<Result<RetriedView>> RetryAllAsync(Actor by, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var now = clock.Now;
        var oldest = now - options.Value.Retry.TooLateAfter;
        var failed = await db.OutboxMessages.Where(m => m.State == MessageState.Failed && m.CreatedAt >= oldest).ToListAsync(ct);
        if (failed.Count == 0)
        {
            return OpdProblem.Conflict("No failed message is recent enough to send now; nothing was retried.");
        }

        failed.ForEach(m => Requeue(m, now));
        AdminRecord.Add(db, now, by, "Message", "All failed messages", $"Retried {failed.Count} failed message(s)");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        signal.Wake();
        return new RetriedView(failed.Count);
    }

    private static void Requeue(OutboxMessage message, DateTime now)
    {
        message.State = MessageState.Queued;
        message.NextAttemptAt = now;
        message.Attempts = 0;
        message.FailedAt = null;
        message.LastError = null;
    }

    private string? NotSetUp(OutboxMessage m) => m.State == MessageState.Queued ? options.Value.NotSetUp(m.Channel) : null;

    /// <summary>A token's messages through the (TokenId, Event) index, for its history.</summary>
    public static async Task<IReadOnlyList<TokenMessageView>> OfTokenAsync(OpdDbContext db, int tokenId, MessageDeliveryOptions options, CancellationToken ct) =>
        (await db.OutboxMessages.AsNoTracking().Where(m => m.TokenId == tokenId).OrderBy(m => m.Id).ToListAsync(ct))
        .Select(m => new TokenMessageView(m.DeliveredAt ?? m.FailedAt ?? m.SentAt ?? m.CreatedAt, m.Event, MessageWords.Event(m.Event), m.Channel,
            MessageWords.Channel(m.Channel), m.State, MessageWords.State(m.State, m.LastError, m.State == MessageState.Queued ? options.NotSetUp(m.Channel) : null)))
        .ToList();
}

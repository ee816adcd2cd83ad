using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>A change a patient may hear about, for one token.</summary>
public sealed record TokenMessage(int TokenId, MessageCause Cause);

/// <summary>The templates in effect: an admin's saved wording, else the default, for each kind and language.</summary>
public sealed class TemplateBook(IReadOnlyDictionary<(MessageKind, string), NotificationTemplate> saved)
{
    /// <summary>One small table (kinds × languages at most), read inside the writer's transaction: never stale.</summary>
    public static async Task<TemplateBook> LoadAsync(OpdDbContext db, CancellationToken ct) =>
        new((await db.NotificationTemplates.AsNoTracking().ToListAsync(ct)).ToDictionary(t => (t.Event, t.Language)));

    public (string Text, string? DltTemplateId) For(MessageKind kind, string language) =>
        saved.TryGetValue((kind, language), out var own) ? (own.Text, own.DltTemplateId) : (MessageTemplates.Default(kind, language), null);
}

/// <summary>
/// Writes the outbox rows a change causes into the change's own transaction, so the message exists exactly when the
/// change does. Reads, asks <see cref="MessageRules"/> and <see cref="MessageTiming"/>, writes; delivery is the dispatcher's.
/// </summary>
public sealed class PatientOutbox(Func<NotificationOptions> notifications, IOptionsMonitor<OpdOptions> options)
{
    public NotificationOptions Settings => notifications();

    /// <summary>Saves the caller's pending changes, then adds and saves the messages they cause; the caller commits.</summary>
    public async Task WriteAsync(OpdDbContext db, IReadOnlyCollection<TokenMessage> messages, DateTime now, Actor by, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        if (messages.Count == 0)
        {
            return;
        }

        var ids = messages.Select(m => m.TokenId).Distinct().ToList();
        var tokens = await db.Tokens.AsNoTracking().Where(t => ids.Contains(t.Id))
            .Select(t => new
            {
                t.Id, t.Code, t.TokenNumber, t.Status, t.SlotId, t.Slot.DoctorId, t.Slot.Date, t.Slot.StartTime, Doctor = t.Slot.Doctor.Name, t.Slot.Doctor.Room,
                t.Slot.Doctor.LabelPrefix, t.Patient.Phone, t.Patient.Email, t.Patient.Language, t.Patient.MessagesOptOut,
            })
            .ToDictionaryAsync(t => t.Id, ct);
        var book = await TemplateBook.LoadAsync(db, ct);
        var settings = Settings;

        // A move tells the range its new day gives it, as the page and the board show it: one read per day moved into.
        var moved = new Dictionary<(int DoctorId, DateOnly Date), DayTimeline>();
        foreach (var key in messages.Where(m => m.Cause is TokenWasMoved { Expected: not null, From: null, To: null })
                     .Select(m => (tokens[m.TokenId].DoctorId, tokens[m.TokenId].Date)).Distinct().ToList())
        {
            moved[key] = await SlotQueues.DayAsync(db, key.DoctorId, key.Date, now, options.CurrentValue.Weights, options.CurrentValue.Estimates, ct);
        }

        foreach (var message in messages)
        {
            var t = tokens[message.TokenId];
            var cause = message.Cause is TokenWasMoved move && moved.GetValueOrDefault((t.DoctorId, t.Date))?.PlaceOf(t.Id) is { } place
                ? move with { From = place.EstimatedFrom, To = place.EstimatedTo }
                : message.Cause;
            var label = TokenLabels.Format(t.LabelPrefix, t.TokenNumber);
            var facts = new MessageFacts(label, t.Doctor, t.Room, t.Date, t.StartTime, settings.Link(options.CurrentValue, t.Code),
                options.CurrentValue.HospitalName, settings.DeskPhone);
            var decision = MessageRules.Decide(cause, new ContactFacts(t.Phone, t.Email, t.Language, t.MessagesOptOut), settings.DefaultLanguageCode);
            if (decision is not MessagesDue due)
            {
                continue;
            }

            foreach (var row in Rows(due, cause, facts, t.Id, book, now))
            {
                db.OutboxMessages.Add(row);
            }

            if (due.OptedOut)
            {
                db.TokenEvents.Add(new TokenEvent
                {
                    TokenId = t.Id, At = now, Action = MessageRules.SkippedAction, FromStatus = null, ToStatus = t.Status, SlotId = t.SlotId,
                    TokenNumber = t.TokenNumber, By = by.Name, ByUserId = by.UserId, Reason = MessageRules.SkippedNote(due.Kind),
                });
            }
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>The rows of one decision: the same text and id-free body per channel, each with its own stable id.</summary>
    public static IEnumerable<OutboxMessage> Rows(MessagesDue due, MessageCause cause, MessageFacts facts, int tokenId, TemplateBook book, DateTime now)
    {
        var (template, dlt) = book.For(due.Kind, due.Language);
        var text = MessageText.Render(template, MessageRules.Values(cause, facts, due.Language));
        return due.To.Select(to => new OutboxMessage
        {
            MessageId = Guid.NewGuid().ToString(),
            Event = MessageTemplates.Event(due.Kind),
            TokenId = tokenId,
            TokenNumber = facts.Label,
            Channel = to.Channel,
            Recipient = to.Recipient,
            Language = due.Language,
            Text = text,
            TemplateId = dlt,
            CreatedAt = now,
            State = to.State,
            NextAttemptAt = now,
        });
    }

    /// <summary>
    /// "Your turn is near" for the doctor's day, once per token: after a change to that day (same transaction) and from
    /// the periodic sweep as time passes. Reads that one day only; the caller holds the write transaction.
    /// </summary>
    public async Task<int> TurnNearAsync(OpdDbContext db, int doctorId, DateOnly date, DateTime now, Actor by, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        var day = await SlotQueues.DayAsync(db, doctorId, date, now, options.CurrentValue.Weights, options.CurrentValue.Estimates, ct);
        var pending = day.Places.Where(p => p.Status.IsPending() && p.Position is not null).Select(p => p.TokenId).ToList();
        if (pending.Count == 0)
        {
            return 0;
        }

        var told = (await db.Tokens.Where(t => pending.Contains(t.Id) && t.TurnNearAt != null).Select(t => t.Id).ToListAsync(ct)).ToHashSet();
        var settings = Settings;
        var near = MessageTiming.TurnNear(day.Places, DayQueue.BeginsOf(day.Slots), told, now, settings.TurnNearMinutes, settings.TurnNearPositions);
        if (near.Count == 0)
        {
            return 0;
        }

        // Marked without the tracked entity: a bookkeeping mark, not a change a desk's If-Match should trip on.
        var ids = near.Select(p => p.TokenId).ToList();
        await db.Tokens.Where(t => ids.Contains(t.Id)).ExecuteUpdateAsync(s => s.SetProperty(t => t.TurnNearAt, now), ct);
        await WriteAsync(db, near.Select(p => new TokenMessage(p.TokenId, new TurnIsNear(p.EstimatedTime, p.EstimatedFrom, p.EstimatedTo))).ToList(), now, by, ct);
        return near.Count;
    }

    /// <summary>The doctor's day before a change of delay, to compare with after it.</summary>
    public async Task<IReadOnlyList<DayPlace>> BeforeDelayAsync(OpdDbContext db, int doctorId, DateOnly date, DateTime now, CancellationToken ct) =>
        (await SlotQueues.DayAsync(db, doctorId, date, now, options.CurrentValue.Weights, options.CurrentValue.Estimates, ct)).Places;

    /// <summary>After a change of delay: who is told they will be seen later, and who carries the shift to the next change.</summary>
    public async Task DelaysAsync(OpdDbContext db, IReadOnlyList<DayPlace> before, int doctorId, DateOnly date, DateTime now, Actor by, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        var after = (await SlotQueues.DayAsync(db, doctorId, date, now, options.CurrentValue.Weights, options.CurrentValue.Estimates, ct)).Places;
        var pending = after.Where(p => p.Status.IsPending()).Select(p => p.TokenId).ToList();
        var untold = await db.Tokens.Where(t => pending.Contains(t.Id) && t.UntoldDelayMinutes != null)
            .ToDictionaryAsync(t => t.Id, t => t.UntoldDelayMinutes!.Value, ct);
        var notices = MessageTiming.Delays(before, after, untold, Settings.DelayNoticeMinutes);
        foreach (var notice in notices)
        {
            int? carried = notice is CarryDelay carry && carry.Untold != 0 ? carry.Untold : null;
            await db.Tokens.Where(t => t.Id == notice.TokenId).ExecuteUpdateAsync(s => s.SetProperty(t => t.UntoldDelayMinutes, carried), ct);
        }

        var placeOf = after.ToDictionary(p => p.TokenId);
        await WriteAsync(db, notices.OfType<TellDelay>().Select(n => new TokenMessage(n.TokenId, new TokenWasDelayed(n.Expected, n.MinutesLater,
            placeOf.GetValueOrDefault(n.TokenId)?.EstimatedFrom, placeOf.GetValueOrDefault(n.TokenId)?.EstimatedTo))).ToList(), now, by, ct);
    }
}

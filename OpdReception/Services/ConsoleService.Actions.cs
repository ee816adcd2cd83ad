using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

public sealed partial class ConsoleService
{
    /// <summary>The first checked-in patient of the doctor's day queue.</summary>
    public Task<Result<TokenView>> CallNextAsync(int doctorId, Actor by, CancellationToken ct = default) =>
        callNext.CallNextForDoctorAsync(doctorId, null, by, ct);

    public async Task<Result<TokenView>> CompleteAsync(int doctorId, int tokenId, Actor by, CancellationToken ct = default) =>
        await OwnAsync(doctorId, tokenId, ct) is { } problem
            ? problem
            : await changeStatus.ChangeStatusAsync(tokenId, TokenStatus.Completed, null, by, ct);

    public Task<Result<TokenView>> RecallAsync(int doctorId, int tokenId, Actor by, CancellationToken ct = default) =>
        ActAsync(doctorId, tokenId, by, (token, recalls, busyWith, _) => DoctorConsole.Recall(token.Status, recalls, busyWith), ct);

    public Task<Result<TokenView>> NotHereAsync(int doctorId, int tokenId, Actor by, CancellationToken ct = default) =>
        ActAsync(doctorId, tokenId, by, (token, recalls, _, now) => DoctorConsole.NotHereNow(token.Status, recalls, Settings.RecallsBeforeNoShow, now), ct);

    /// <summary>The called patient never came; a waiting or booked patient goes through the lifecycle's own no-show.</summary>
    public async Task<Result<TokenView>> NoShowAsync(int doctorId, int tokenId, Actor by, CancellationToken ct = default)
    {
        if (await OwnAsync(doctorId, tokenId, ct) is { } problem)
        {
            return problem;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var status = await db.Tokens.Where(t => t.Id == tokenId).Select(t => t.Status).SingleAsync(ct);
        return status == TokenStatus.InConsultation
            ? await ActAsync(doctorId, tokenId, by, (token, _, _, _) => DoctorConsole.NoShow(token.Status), ct)
            : await changeStatus.ChangeStatusAsync(tokenId, TokenStatus.NoShow, "Marked by the doctor", by, ct);
    }

    /// <summary>Takes back the user's last console action of the day, within the undo window; history keeps both.</summary>
    public async Task<Result<TokenView>> UndoAsync(int doctorId, Actor by, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);

        // The clock too is read once the write lock is held: the undo window and the day are judged after whatever went before.
        var now = Now();
        var today = await OpdDays.OfDoctorAsync(db, doctorId, now, options.CurrentValue, ct);
        var rows = await ActionsAsync(db, doctorId, today, ct);
        var last = LastOf(rows, by.UserId);
        if (last is null)
        {
            return OpdProblem.Conflict("There is nothing to undo.");
        }

        var slotId = await db.Tokens.Where(t => t.Id == last.Event.TokenId).Select(t => t.SlotId).SingleAsync(ct);
        var slot = (await SlotQueues.LoadForChangeAsync(db, slotId, ct))!;
        var token = slot.Tokens.Single(t => t.Id == last.Event.TokenId);
        // A line saying a message was skipped is not a change to the token.
        var changedSince = await db.TokenEvents.AnyAsync(e => e.TokenId == token.Id && e.Id > last.Event.Id && e.Action != MessageRules.SkippedAction, ct);
        // The slot was read in this write transaction, so the seat it counts, and whether the end-of-day sweep has
        // closed its day, cannot change before the commit: the sweep and the undo never both win.
        var decision = DoctorConsole.Undo(last.Event, token.Status, changedSince, now, await BusyWithAsync(db, doctorId, today, token.Id, ct),
            new UndoSeat(slot.ToState(), token.Source), dayClosed: slot.DayClosedAt is not null);
        if (decision is ConsoleRefused refused)
        {
            return OpdProblem.Conflict(refused.Reason);
        }

        var undone = (Undone)decision;
        var from = token.Status;
        token.Status = undone.BackTo;
        if (from == TokenStatus.NoShow)
        {
            token.NoShowAt = null;
        }

        slot.EmergencyExtensions += undone.ExtendsCapacity ? 1 : 0;
        token.History.Add(TokenWrites.Event(token, now, DoctorConsole.UndoneAction, from, by,
            UndidReason(last.Event.Action) + (undone.ExtendsCapacity ? "; slot was full, emergency seat added" : "")));
        return await SaveAsync(db, tx, slot, token, now, [], by, ct);
    }

    /// <summary>Running late, on a break, or on time again: every slot left today gets the delay that says so.</summary>
    public async Task<Result<string?>> AwayAsync(int doctorId, AwayRequest request, Actor by, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var now = Now();
        var today = await OpdDays.OfDoctorAsync(db, doctorId, now, options.CurrentValue, ct);
        if (!await db.Doctors.AnyAsync(d => d.Id == doctorId, ct))
        {
            return OpdProblem.NotFound("Doctor", doctorId);
        }

        var states = await db.Slots.Where(s => s.DoctorId == doctorId && s.Date == today).Select(Projections.SlotState).ToListAsync(ct);
        switch (DoctorAway.Decide(request, states, now, await OpdDays.StillServingAsync(db, doctorId, today, ct)))
        {
            case AwayRefused refused:
                return OpdProblem.Conflict(refused.Reason);
            case Away away:
                var ids = away.DelayBySlot.Keys.ToList();
                var before = await outbox.BeforeDelayAsync(db, doctorId, today, now, ct);
                var slots = await db.Slots.Where(s => ids.Contains(s.Id)).ToListAsync(ct);
                foreach (var slot in slots)
                {
                    SlotDelays.Apply(slot, away.DelayBySlot[slot.Id], now, away.Notice);
                }

                await outbox.DelaysAsync(db, before, doctorId, today, now, by, ct);
                await tx.CommitAsync(ct);
                foreach (var slot in slots)
                {
                    changes.Announce(new OpdChange(slot.Id, null, "delayed"));
                }

                return away.Notice;
            default:
                throw new InvalidOperationException("Unknown decision.");
        }
    }

    private delegate ConsoleDecision Ask(Token token, int recallsSoFar, string? doctorBusyWith, DateTime now);

    private async Task<Result<TokenView>> ActAsync(int doctorId, int tokenId, Actor by, Ask ask, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var now = Now();
        var today = await OpdDays.OfDoctorAsync(db, doctorId, now, options.CurrentValue, ct);
        var slotId = await db.Tokens.Where(t => t.Id == tokenId && t.Slot.DoctorId == doctorId && t.Slot.Date == today).Select(t => (int?)t.SlotId).FirstOrDefaultAsync(ct);
        if (slotId is null)
        {
            return OpdProblem.NotFound("Token of yours today", tokenId);
        }

        var slot = (await SlotQueues.LoadForChangeAsync(db, slotId.Value, ct))!;
        var token = slot.Tokens.Single(t => t.Id == tokenId);
        var rows = await ActionsAsync(db, doctorId, today, ct);
        var from = token.Status;
        var messages = new List<TokenMessage>();
        switch (ask(token, RecallCount(rows, tokenId), await BusyWithAsync(db, doctorId, today, tokenId, ct), now))
        {
            case ConsoleRefused refused:
                return OpdProblem.Conflict(refused.Reason);
            case CalledAgain again:
                if (slot.Status == SlotStatus.Cancelled)
                {
                    return OpdProblem.Conflict("The slot is cancelled; the desk moves its patients to another slot.");
                }

                token.Status = TokenStatus.InConsultation;
                token.History.Add(TokenWrites.Event(token, now, DoctorConsole.Recalled, from, by, $"Called again ({again.RecallCount})"));
                messages.Add(new TokenMessage(token.Id, new TokenWasCalled()));
                break;
            case BackToWaiting back:
                token.Status = TokenStatus.Waiting;
                token.QueuedAt = now;
                token.History.Add(TokenWrites.Event(token, now, DoctorConsole.NotHere, from, by, back.Note));
                break;
            case CountedAbsent absent:
                token.Status = TokenStatus.NoShow;
                token.NoShowAt = now;
                token.History.Add(TokenWrites.Event(token, now, DoctorConsole.MarkedNoShow, from, by, absent.Reason));
                break;
            default:
                throw new InvalidOperationException("Unknown decision.");
        }

        return await SaveAsync(db, tx, slot, token, now, messages, by, ct);
    }

    private async Task<Result<TokenView>> SaveAsync(
        OpdDbContext db, WriteTransaction tx, Slot slot, Token token, DateTime now, IReadOnlyCollection<TokenMessage> messages, Actor by, CancellationToken ct)
    {
        await outbox.WriteAsync(db, messages, now, by, ct);
        await outbox.TurnNearAsync(db, slot.DoctorId, slot.Date, now, "system", ct);
        await tx.CommitAsync(ct);
        changes.Announce(new OpdChange(slot.Id, token.Id, token.Status.ToString()));
        return (await SlotQueues.ViewAsync(db, token.Id, now, Settings.Weights, Settings.Estimates, withHistory: false, ct))!;
    }

    /// <summary>Another patient the doctor is with now, by label: "T004".</summary>
    private static async Task<string?> BusyWithAsync(OpdDbContext db, int doctorId, DateOnly day, int exceptTokenId, CancellationToken ct)
    {
        var number = await db.Tokens
            .Where(t => t.Id != exceptTokenId && t.Status == TokenStatus.InConsultation && t.Slot.DoctorId == doctorId && t.Slot.Date == day)
            .Select(t => new { t.TokenNumber, t.Slot.Doctor.LabelPrefix }).FirstOrDefaultAsync(ct);
        return number is null ? null : TokenLabels.Format(number.LabelPrefix, number.TokenNumber);
    }

    private async Task<OpdProblem?> OwnAsync(int doctorId, int tokenId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var today = await OpdDays.OfDoctorAsync(db, doctorId, Now(), options.CurrentValue, ct);
        return await db.Tokens.AnyAsync(t => t.Id == tokenId && t.Slot.DoctorId == doctorId && t.Slot.Date == today, ct)
            ? null
            : OpdProblem.NotFound("Token of yours today", tokenId);
    }
}

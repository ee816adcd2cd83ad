using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>
/// The desk or the doctor moves a token through its lifecycle: check in, call, complete, no-show, cancel, and a
/// patient marked absent who arrives after all. The rules decide (<see cref="Lifecycle"/>); this reads and writes.
/// </summary>
public sealed class ChangeTokenStatus(
    IDbContextFactory<OpdDbContext> factory,
    HospitalClock clock,
    IOptionsMonitor<OpdOptions> options,
    OpdChanges changes,
    PatientOutbox outbox)
{
    public Task<Result<TokenView>> CheckInAsync(int tokenId, Actor by, CancellationToken ct = default) =>
        ChangeStatusAsync(tokenId, TokenStatus.Waiting, null, by, ct);

    public Task<Result<TokenView>> CancelAsync(int tokenId, string? reason, Actor by, CancellationToken ct = default) =>
        ChangeStatusAsync(tokenId, TokenStatus.Cancelled, reason, by, ct);

    public async Task<Result<TokenView>> ChangeStatusAsync(int tokenId, TokenStatus? status, string? reason, Actor by, CancellationToken ct = default)
    {
        if (status is not { } to || !Enum.IsDefined(to))
        {
            return OpdProblem.Invalid("status", "Status is required: Waiting, InConsultation, Completed, NoShow or Cancelled.");
        }

        if (new Validation().Text(reason, "reason", "Reason", 200) is { IsValid: false } badReason)
        {
            return badReason.ToProblem();
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var slotId = await db.Tokens.Where(t => t.Id == tokenId).Select(t => (int?)t.SlotId).FirstOrDefaultAsync(ct);
        if (slotId is null)
        {
            return OpdProblem.NotFound("Token", tokenId);
        }

        var slot = (await SlotQueues.LoadForChangeAsync(db, slotId.Value, ct))!;
        var token = slot.Tokens.Single(t => t.Id == tokenId);
        return await ApplyAsync(db, tx, slot, token, to, Validation.Clean(reason), by, ct);
    }

    /// <summary>Changes a token the caller has loaded with its slot, inside the caller's write transaction, and commits it.</summary>
    internal async Task<Result<TokenView>> ApplyAsync(
        OpdDbContext db, WriteTransaction tx,
        Slot slot, Token token, TokenStatus to, string? reason, Actor by, CancellationToken ct)
    {
        var now = clock.Now;
        var from = token.Status;
        var decision = Lifecycle.Change(from, to, await ContextAsync(db, slot, token, reason, now, ct));
        return await WriteAsync(db, tx, slot, token, from, decision, reason, by, now, ct);
    }

    /// <summary>What the lifecycle needs to know about this token and its doctor's day now (self check-in asks it too).</summary>
    internal async Task<StatusContext> ContextAsync(OpdDbContext db, Slot slot, Token token, string? reason, DateTime now, CancellationToken ct)
    {
        var from = token.Status;

        // The doctor sees one patient at a time, whichever of their slots that patient is in.
        var busyWith = await db.Tokens
            .Where(t => t.Id != token.Id && t.Status == TokenStatus.InConsultation && t.Slot.DoctorId == slot.DoctorId && t.Slot.Date == slot.Date)
            .Select(t => new { t.TokenNumber, t.Slot.StartTime, t.Slot.Doctor.LabelPrefix })
            .FirstOrDefaultAsync(ct);
        var otherActive = from != TokenStatus.NoShow ? null : await db.Tokens
            .Where(t => t.Id != token.Id && t.PatientId == token.PatientId && t.Slot.DoctorId == slot.DoctorId && t.Slot.Date == slot.Date)
            .Where(Projections.IsActive)
            .Select(t => new HeldToken(t.Id, t.TokenNumber))
            .FirstOrDefaultAsync(ct);
        var stillServing = slot.Tokens.Any(t => t.Id != token.Id && t.Status is TokenStatus.Waiting or TokenStatus.InConsultation);
        var state = slot.ToState();
        if (otherActive is not null)
        {
            // The refusal names the other token by its label; the slot was loaded without its doctor.
            state = state with { LabelPrefix = await db.Doctors.Where(d => d.Id == slot.DoctorId).Select(d => d.LabelPrefix).SingleAsync(ct) };
        }

        // Only a slot of yesterday can belong to an OPD day run past midnight.
        DateOnly? opdDate = slot.Date == DateOnly.FromDateTime(now).AddDays(-1) ? await OpdDays.OfDoctorAsync(db, slot.DoctorId, now, options.CurrentValue, ct) : null;
        var context = new StatusContext(now, state, token.NoShowAt, options.CurrentValue.LateArrivalGraceMinutes, reason,
            busyWith is null ? null : $"{TokenLabels.Format(busyWith.LabelPrefix, busyWith.TokenNumber)} of the {busyWith.StartTime:HH\\:mm} slot",
            token.Source, otherActive, stillServing, opdDate);
        return context;
    }

    /// <summary>Writes the lifecycle's decision, with its history line, and commits; a rejection writes nothing.</summary>
    internal async Task<Result<TokenView>> WriteAsync(
        OpdDbContext db, WriteTransaction tx, Slot slot, Token token, TokenStatus from, StatusDecision decision, string? reason, Actor by, DateTime now,
        CancellationToken ct)
    {
        var messages = new List<TokenMessage>();
        switch (decision)
        {
            case Rejected { Kind: RejectionKind.ReasonRequired } rejected:
                return OpdProblem.Invalid("reason", rejected.Reason);
            case Rejected rejected:
                return OpdProblem.Conflict(rejected.Reason, new Dictionary<string, object?> { ["rejection"] = rejected.Kind.ToString() });
            case Moved moved:
                if (from == TokenStatus.InConsultation && moved.To == TokenStatus.Completed)
                {
                    await DoctorPaces.RecordAsync(db, token.Id, slot.DoctorId, slot.Date, now, options.CurrentValue.Estimates, ct);
                }

                TokenWrites.Move(token, moved.To, now, reason);
                token.History.Add(TokenWrites.Event(token, now, TokenWrites.ActionName(from, moved.To), from, by, reason));
                if (MessageRules.ForStatusChange(from, moved.To, by == Actor.Patient ? new PatientAsked() : new DeskCancelled(reason)) is { } cause)
                {
                    messages.Add(new TokenMessage(token.Id, cause));
                }

                break;
            case Rejoined rejoined:
                token.Status = TokenStatus.Waiting;
                token.CheckedInAt = now;
                token.NoShowAt = null;
                if (!rejoined.KeepsPlace)
                {
                    token.QueuedAt = now;
                }

                slot.EmergencyExtensions += rejoined.ExtendsCapacity ? 1 : 0;
                token.History.Add(TokenWrites.Event(token, now, "ArrivedLate", from, by, (rejoined.KeepsPlace
                    ? $"Arrived within the {options.CurrentValue.LateArrivalGraceMinutes}-minute grace period; keeps their place"
                    : $"Arrived after the {options.CurrentValue.LateArrivalGraceMinutes}-minute grace period; joins the back of their class")
                    + (rejoined.ExtendsCapacity ? "; slot was full, emergency seat added" : "")));
                break;
            default:
                throw new InvalidOperationException($"Unknown decision {decision}");
        }

        await outbox.WriteAsync(db, messages, now, by, ct);

        // A call, a finish or a cancellation moves everyone behind: whoever it brings near hears it in this same write.
        await outbox.TurnNearAsync(db, slot.DoctorId, slot.Date, now, "system", ct);
        await db.SaveChangesAsync(ct);
        if (token is { Status: TokenStatus.Waiting, FirstEstimateAt: null } && from is TokenStatus.Booked or TokenStatus.NoShow)
        {
            // A booking is told its time when it arrives: the estimate the desk's answer shows, written with the check-in.
            // Written past the tracker, so the token's version moves once for the one change the desk made. Only an
            // arrival tells a time: a call undone puts a patient back without telling them anything new.
            var day = await SlotQueues.DayAsync(db, slot.DoctorId, slot.Date, now, options.CurrentValue.Weights, options.CurrentValue.Estimates, ct);
            if (day.PlaceOf(token.Id)?.EstimatedTime is { } told)
            {
                await db.Tokens.Where(t => t.Id == token.Id && t.FirstEstimateAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.FirstEstimateAt, told), ct);
            }
        }

        await tx.CommitAsync(ct);
        changes.Announce(new OpdChange(slot.Id, token.Id, token.Status.ToString()));
        return (await SlotQueues.ViewAsync(db, token.Id, now, options.CurrentValue.Weights, options.CurrentValue.Estimates, withHistory: false, ct))!;
    }
}

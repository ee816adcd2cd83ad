using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>
/// One patient to a slot the desk names: planned by the same day-level rules as a reallocation (seats, estimates,
/// Booked again on another day), to another doctor only of the same specialization, and the desk's choice stands
/// even where staying would be earlier.
/// </summary>
public sealed class MoveToken(
    IDbContextFactory<OpdDbContext> factory,
    HospitalClock clock,
    IOptionsMonitor<OpdOptions> options,
    OpdChanges changes,
    PatientOutbox outbox)
{
    /// <summary>Exactly what <see cref="MoveTokenAsync"/> would do now; changes nothing.</summary>
    public Task<Result<ReallocationResult>> WhatIfMovedAsync(int tokenId, int? targetSlotId, CancellationToken ct = default) =>
        MoveAsync(tokenId, targetSlotId, new Actor("preview"), preview: true, ct);

    /// <summary>The move over the API: the answer names the old and new slot, label, estimate and status, as a reallocation's does.</summary>
    public Task<Result<ReallocationResult>> MoveTokenAsync(int tokenId, int? targetSlotId, Actor by, CancellationToken ct = default) =>
        MoveAsync(tokenId, targetSlotId, by, preview: false, ct);

    /// <summary>The desk's preview of a move, in the board's words.</summary>
    public async Task<Result<ReallocationPreview>> PreviewMoveAsync(int tokenId, int targetSlotId, CancellationToken ct = default)
    {
        var result = await WhatIfMovedAsync(tokenId, targetSlotId, ct);
        if (!result.IsOk)
        {
            return result.Problem!;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var from = (await db.Slots.Where(s => s.Id == result.Value!.FromSlotId).ToViewsAsync(ct)).Single();
        return PlannedMoves.ToPreview(from, result.Value!);
    }

    /// <summary>The desk's move: the token as it stands afterwards.</summary>
    public async Task<Result<TokenView>> MoveAsync(int tokenId, int targetSlotId, Actor by, CancellationToken ct = default)
    {
        var moved = await MoveTokenAsync(tokenId, targetSlotId, by, ct);
        if (!moved.IsOk)
        {
            return moved.Problem!;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var view = (await SlotQueues.ViewAsync(db, tokenId, clock.Now, options.CurrentValue.Weights, options.CurrentValue.Estimates, withHistory: false, ct))!;

        // Another doctor or day gave the next label there: the answer names the old one, so the desk reprints.
        var move = moved.Value!.Moved.Single();
        return move.KeepsLabel ? view : view with { PreviousTokenNumber = move.FromTokenNumber };
    }

    private async Task<Result<ReallocationResult>> MoveAsync(int tokenId, int? targetSlotId, Actor by, bool preview, CancellationToken ct)
    {
        if (targetSlotId is not { } targetId)
        {
            return OpdProblem.Invalid("targetSlotId", "Name the slot to move the patient to (targetSlotId).");
        }

        await using var db = await factory.CreateDbContextAsync(ct);

        // A preview reads under the same write lock, so it answers for the very state a confirmation would change.
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var now = clock.Now;
        var planned = await PlanMoveAsync(db, tokenId, targetId, now, ct);
        if (!planned.IsOk)
        {
            return planned.Problem!;
        }

        var (source, move, facts) = planned.Value!;
        var result = PlannedMoves.Answer(source, [move], new Dictionary<int, TargetFacts> { [targetId] = facts }, preview);
        if (preview)
        {
            return result;
        }

        var target = await db.Slots.Include(s => s.Doctor).SingleAsync(s => s.Id == targetId, ct);
        var message = await PlannedMoves.WriteMoveAsync(db, source.Tokens.Single(t => t.Id == tokenId), source, target, move, now, by, "Moved", ct);
        await outbox.WriteAsync(db, [message], now, by, ct);
        await tx.CommitAsync(ct);
        changes.Announce(new OpdChange(source.Id, tokenId, "moved"));
        changes.Announce(new OpdChange(targetId, tokenId, "moved"));
        return result;
    }

    private async Task<Result<(Slot Source, Reallocated Move, TargetFacts Target)>> PlanMoveAsync(
        OpdDbContext db, int tokenId, int targetSlotId, DateTime now, CancellationToken ct)
    {
        var slotId = await db.Tokens.Where(t => t.Id == tokenId).Select(t => (int?)t.SlotId).FirstOrDefaultAsync(ct);
        if (slotId is null)
        {
            return OpdProblem.NotFound("Token", tokenId);
        }

        if (slotId == targetSlotId)
        {
            return OpdProblem.Invalid("targetSlotId", "The patient is already in this slot; choose another one.");
        }

        var source = (await SlotQueues.LoadAsync(db, slotId.Value, ct))!;
        var token = source.Tokens.Single(t => t.Id == tokenId);
        if (!token.Status.IsPending())
        {
            return OpdProblem.Conflict($"{TokenLabels.Format(source.Doctor.LabelPrefix, token.TokenNumber)} is {Lifecycle.Describe(token.Status)}: only a patient not yet called can move.");
        }

        var named = await db.Slots.Where(s => s.Id == targetSlotId)
            .Select(s => new { s.DoctorId, s.Date, s.StartTime, DoctorName = s.Doctor.Name, s.Doctor.Specialization, s.Doctor.LabelPrefix })
            .SingleOrDefaultAsync(ct);
        if (named is null)
        {
            return OpdProblem.NotFound("Slot", targetSlotId);
        }

        if (named.DoctorId != source.DoctorId && !DayReallocator.SameSpecialization(named.Specialization, source.Doctor.Specialization))
        {
            return OpdProblem.Conflict(
                $"{named.DoctorName} ({named.StartTime:HH\\:mm} slot) sees {named.Specialization}; {TokenLabels.Format(source.Doctor.LabelPrefix, token.TokenNumber)} needs {source.Doctor.Specialization}. " +
                "Choose a slot of the same specialization.");
        }

        var days = new List<DoctorDayState> { await SlotQueues.DayStateAsync(db, source.DoctorId, source.Date, ct, options.CurrentValue.Estimates) };
        if ((named.DoctorId, named.Date) != (source.DoctorId, source.Date))
        {
            days.Add(await SlotQueues.DayStateAsync(db, named.DoctorId, named.Date, ct, options.CurrentValue.Estimates));
        }

        var target = days.SelectMany(d => d.Slots).Single(s => s.Slot.Id == targetSlotId).Slot;

        // Patients who already hold an active token with the target's doctor that day; this token is the one moving.
        var busy = (await db.Tokens
                .Where(t => t.Id != tokenId && t.Slot.DoctorId == named.DoctorId && t.Slot.Date == named.Date)
                .Where(Projections.IsActive)
                .Select(t => t.PatientId)
                .ToListAsync(ct))
            .Select(patient => (patient, named.DoctorId, named.Date))
            .ToHashSet();

        var decision = DayReallocator.Move(source.ToState(), new Leaving(token.Id, token.TokenNumber, token.PatientId, token.Source), target, days, now, busy,
            options.CurrentValue.Weights);
        return decision switch
        {
            MovePlanned planned => (source, planned.Move, new TargetFacts(named.DoctorName, named.Date, named.StartTime, named.LabelPrefix)),
            MoveRefused refused => OpdProblem.Conflict(refused.Reason),
            _ => throw new InvalidOperationException("A move is planned or refused."),
        };
    }
}

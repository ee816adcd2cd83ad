using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

public sealed partial class TokenService
{
    /// <summary>
    /// Empties a delayed or cancelled slot: each pending patient, in queue order, goes to the slot that gives them
    /// the earliest estimated time (the named slot, or the doctor's later slots that day and those of doctors of
    /// the same specialization); from a delayed slot only when that is earlier than staying. Each keeps its id and
    /// history, and its label within the doctor's day (the next label of the other doctor's or day's otherwise); a
    /// patient moved to another day is Booked again.
    /// </summary>
    public Task<Result<ReallocationResult>> ReallocateAsync(int slotId, int? targetSlotId, Actor by, CancellationToken ct = default) =>
        ReallocateAsync(slotId, targetSlotId, by, preview: false, ct);

    /// <summary>Exactly what <see cref="ReallocateAsync(int, int?, Actor, CancellationToken)"/> would do now; changes nothing.</summary>
    /// <param name="goingToo">Slots cancelled together with this one (a doctor's leave): planned as if already cancelled, never a target.</param>
    public Task<Result<ReallocationResult>> WhatIfReallocatedAsync(int slotId, int? targetSlotId, CancellationToken ct = default, IReadOnlyCollection<int>? goingToo = null) =>
        ReallocateAsync(slotId, targetSlotId, new Actor("preview"), preview: true, ct, goingToo);

    /// <summary>The reception board's preview: the same answer, in the board's words.</summary>
    public async Task<Result<ReallocationPreview>> PreviewReallocationAsync(
        int slotId, int? targetSlotId, CancellationToken ct = default, IReadOnlyCollection<int>? goingToo = null)
    {
        var result = await WhatIfReallocatedAsync(slotId, targetSlotId, ct, goingToo);
        if (!result.IsOk)
        {
            return result.Problem!;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var from = (await db.Slots.Where(s => s.Id == slotId).ToViewsAsync(ct)).Single();
        var plan = result.Value!;
        return new ReallocationPreview(
            from,
            plan.Moved.Select(m => new PlannedMove(m.TokenId, m.FromTokenNumber, m.PatientName, m.OldEstimate, m.ToSlotId, m.ToDoctorName,
                m.ToStartTime, m.NewTokenNumber, m.NewEstimate, m.ExtendedCapacity)).ToList(),
            plan.NotPlaced.Select(u => new PlannedUnplaced(u.TokenId, u.TokenNumber, u.PatientName, u.Reason)).ToList());
    }

    private async Task<Result<ReallocationResult>> ReallocateAsync(
        int slotId, int? targetSlotId, Actor by, bool preview, CancellationToken ct, IReadOnlyCollection<int>? goingToo = null)
    {
        if (targetSlotId == slotId)
        {
            return OpdProblem.Invalid("targetSlotId", "The target slot must differ from the slot being emptied.");
        }

        await using var db = await factory.CreateDbContextAsync(ct);

        // A preview reads under the same write lock, so it answers for the very state a confirmation would change.
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var now = Now();
        var planned = await PlanReallocationAsync(db, slotId, targetSlotId, now, ct, goingToo);
        if (!planned.IsOk)
        {
            return planned.Problem!;
        }

        var (source, outcomes, targets) = planned.Value!;
        var result = Answer(source, outcomes, targets, preview);
        if (preview || outcomes.OfType<Reallocated>().ToList() is not { Count: > 0 } moves)
        {
            return result;
        }

        var targetSlots = await db.Slots.Include(s => s.Doctor).Where(s => moves.Select(m => m.ToSlotId).Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        foreach (var move in moves)
        {
            var token = source.Tokens.Single(t => t.Id == move.TokenId);
            var target = targetSlots[move.ToSlotId];
            var from = token.Status;
            var wasLabel = TokenLabels.Format(source.Doctor.LabelPrefix, move.FromTokenNumber);
            var newLabel = TokenLabels.Format(target.Doctor.LabelPrefix, move.NewTokenNumber);
            await DayLabels.TakeAsync(db, target.DoctorId, target.Date, move.NewTokenNumber, ct);
            target.EmergencyExtensions += move.ExtendedCapacity ? 1 : 0;
            token.SlotId = move.ToSlotId;
            token.TokenNumber = move.NewTokenNumber;
            token.InSlotSince = now;
            token.Status = move.NewStatus;
            token.CheckedInAt = move.NewStatus == TokenStatus.Booked ? null : token.CheckedInAt;
            token.History.Add(Event(token, now, "Reallocated", from, by,
                $"Moved from slot {source.Id} ({wasLabel}, {source.Date:yyyy-MM-dd} {source.StartTime:HH\\:mm}) " +
                $"to slot {target.Id} ({newLabel}, {target.Date:yyyy-MM-dd} {target.StartTime:HH\\:mm}), due {move.NewEstimate:HH\\:mm}" +
                (move.ExtendedCapacity ? "; emergency seat added" : "") +
                (newLabel == wasLabel ? "" : $"; new label {newLabel}, was {wasLabel}") +
                (from != move.NewStatus ? "; booked again for that day, to check in on arrival" : "")));
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        foreach (var affected in moves.Select(m => m.ToSlotId).Append(source.Id).Distinct())
        {
            changes.Announce(new OpdChange(affected, null, "reallocated"));
        }

        return result;
    }

    private static ReallocationResult Answer(Slot source, IReadOnlyList<ReallocationOutcome> outcomes, IReadOnlyDictionary<int, TargetFacts> targets, bool preview)
    {
        string Name(int tokenId) => source.Tokens.Single(t => t.Id == tokenId).Patient.Name;
        string Was(int number) => TokenLabels.Format(source.Doctor.LabelPrefix, number);
        return new ReallocationResult(
            source.Id,
            outcomes.OfType<Reallocated>().Select(m => new MovedToken(
                m.TokenId, Was(m.FromTokenNumber), m.ToSlotId, TokenLabels.Format(targets[m.ToSlotId].LabelPrefix, m.NewTokenNumber), m.ExtendedCapacity,
                Name(m.TokenId), source.Id, m.OldEstimate, m.ToDoctorId, targets[m.ToSlotId].DoctorName, targets[m.ToSlotId].Date,
                targets[m.ToSlotId].Start, m.NewEstimate, m.NewStatus)).ToList(),
            outcomes.OfType<Stayed>().Select(s => new UnplacedToken(s.TokenId, Was(s.FromTokenNumber), s.Reason, Name(s.TokenId), s.OldEstimate)).ToList(),
            preview);
    }

    private sealed record TargetFacts(string DoctorName, DateOnly Date, TimeOnly Start, string LabelPrefix);

    private async Task<Result<(Slot Source, IReadOnlyList<ReallocationOutcome> Outcomes, IReadOnlyDictionary<int, TargetFacts> Targets)>> PlanReallocationAsync(
        OpdDbContext db, int slotId, int? targetSlotId, DateTime now, CancellationToken ct, IReadOnlyCollection<int>? goingToo = null)
    {
        var source = await SlotQueues.LoadAsync(db, slotId, ct);
        if (source is null)
        {
            return OpdProblem.NotFound("Slot", slotId);
        }

        var sourceState = source.ToState();
        if (goingToo is not null && goingToo.Contains(slotId))
        {
            // Previewing a cancellation that is not written yet: plan as the confirmation will, after the cancel.
            sourceState = sourceState with { Status = SlotStatus.Cancelled };
        }

        if (DayReallocator.WhyNot(sourceState) is { } notThisSlot)
        {
            return OpdProblem.Conflict(notThisSlot);
        }

        var targets = await CandidateTargetsAsync(db, source, targetSlotId, ct);
        if (!targets.IsOk)
        {
            return targets.Problem!;
        }

        var candidates = targets.Value!;
        if (targetSlotId is not null && !candidates[0].TakesTokens(now))
        {
            return OpdProblem.Conflict(candidates[0].IsOver(now)
                ? $"Slot {targetSlotId} is already over; choose a later slot."
                : $"Slot {targetSlotId} is {candidates[0].Status.ToString().ToLowerInvariant()} and takes no tokens; choose another slot.");
        }

        if (goingToo is not null)
        {
            candidates = candidates.Where(c => !goingToo.Contains(c.Id)).ToList();
        }

        var days = new List<DoctorDayState>();
        foreach (var (doctorId, date) in candidates.Select(t => (t.DoctorId, t.Date)).Append((source.DoctorId, source.Date)).Distinct())
        {
            days.Add(await SlotQueues.DayStateAsync(db, doctorId, date, ct));
        }

        var sourceDay = days.Single(d => d.DoctorId == source.DoctorId && d.Date == source.Date);
        var leaving = DayQueue.Arrange(sourceDay.Slots, sourceDay.Tokens, now, Settings.Weights)
            .Where(p => p.SlotId == source.Id && p.Status.IsPending())
            .Select(p => source.Tokens.Single(t => t.Id == p.TokenId))
            .Select(t => new Leaving(t.Id, t.TokenNumber, t.PatientId, t.Source))
            .ToList();

        // Patients who already hold an active token with a target's doctor that day; their token in this slot is the one moving.
        var targetDaySlots = days.SelectMany(d => d.Slots).Select(s => s.Slot.Id).Where(id => id != source.Id).ToList();
        var busy = (await db.Tokens.Where(t => targetDaySlots.Contains(t.SlotId)).Where(Projections.IsActive)
                .Select(t => new { t.PatientId, t.Slot.DoctorId, t.Slot.Date })
                .ToListAsync(ct))
            .Select(b => (b.PatientId, b.DoctorId, b.Date))
            .ToHashSet();

        var decision = DayReallocator.Plan(sourceState, leaving, candidates, days, now, busy, Settings.Weights);
        if (decision is ReallocationRefused refused)
        {
            return OpdProblem.Conflict(refused.Reason);
        }

        var slotIds = candidates.Select(c => c.Id).ToList();
        var facts = await db.Slots.Where(s => slotIds.Contains(s.Id))
            .Select(s => new { s.Id, s.Doctor.Name, s.Date, s.StartTime, s.Doctor.LabelPrefix })
            .ToDictionaryAsync(s => s.Id, s => new TargetFacts(s.Name, s.Date, s.StartTime, s.LabelPrefix), ct);
        return (source, ((ReallocationPlanned)decision).Outcomes, facts);
    }

    /// <summary>Patients who already hold an active token with one of the targets' doctors that day.</summary>
    private static async Task<HashSet<(string PatientId, int DoctorId)>> BusyPatientsAsync(
        OpdDbContext db, IReadOnlyList<SlotState> targets, DateOnly sourceDate, System.Linq.Expressions.Expression<Func<Token, bool>> besides, CancellationToken ct)
    {
        // Targets are one named slot or slots of the source's day: one date, so (patient, doctor) identifies a clash.
        var targetDoctors = targets.Select(t => t.DoctorId).Distinct().ToList();
        var targetDate = targets.Count > 0 ? targets[0].Date : sourceDate;
        return (await db.Tokens
                .Where(besides)
                .Where(t => t.Slot.Date == targetDate && targetDoctors.Contains(t.Slot.DoctorId))
                .Where(Projections.IsActive)
                .Select(t => new { t.PatientId, t.Slot.DoctorId })
                .ToListAsync(ct))
            .Select(b => (b.PatientId, b.DoctorId))
            .ToHashSet();
    }

    /// <summary>Old and new estimates by the queue's own rules: each target slot arranged with its newcomers.</summary>
    private async Task<ReallocationPreview> PreviewAsync(OpdDbContext db, Slot source, List<Token> pending, ReallocationPlan plan, DateTime now, CancellationToken ct)
    {
        var before = (await SlotQueues.DayAsync(db, source.DoctorId, source.Date, now, Settings.Weights, ct)).Places.ToDictionary(p => p.TokenId);
        var targetIds = plan.Moves.Select(m => m.ToSlotId).Distinct().ToList();
        var targets = await db.Slots.AsNoTracking().Include(s => s.Doctor)
            .Where(s => targetIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);

        // New estimates by the same day-queue rules as the board, for each doctor's day the patients would join.
        var after = new Dictionary<int, DayPlace>();
        foreach (var day in plan.Moves.GroupBy(m => (targets[m.ToSlotId].DoctorId, targets[m.ToSlotId].Date)))
        {
            var arriving = day.Select(m => (Move: m, Token: pending.Single(t => t.Id == m.TokenId)))
                .Select(x => new DayEntry(x.Token.Id, x.Move.ToSlotId, x.Token.Source, x.Token.Status, x.Token.PriorityScore, x.Token.QueuedAt))
                .ToList();
            var timeline = await SlotQueues.DayAsync(db, day.Key.DoctorId, day.Key.Date, now, Settings.Weights, ct, movedIn: arriving);
            foreach (var move in day)
            {
                if (timeline.PlaceOf(move.TokenId) is { } place)
                {
                    after[move.TokenId] = place;
                }
            }
        }

        string Name(int tokenId) => pending.Single(t => t.Id == tokenId).Patient.Name;
        return new ReallocationPreview(
            source.ToView(),
            plan.Moves.Select(m => new PlannedMove(
                m.TokenId, TokenLabels.Format(source.Doctor.LabelPrefix, m.FromTokenNumber), Name(m.TokenId), before.GetValueOrDefault(m.TokenId)?.EstimatedTime,
                m.ToSlotId, targets[m.ToSlotId].Doctor.Name, targets[m.ToSlotId].StartTime, TokenLabels.Format(targets[m.ToSlotId].Doctor.LabelPrefix, m.NewTokenNumber),
                after.GetValueOrDefault(m.TokenId)?.EstimatedTime, m.ExtendedCapacity)).ToList(),
            plan.NotPlaced.Select(u => new PlannedUnplaced(u.TokenId, TokenLabels.Format(source.Doctor.LabelPrefix, u.TokenNumber), Name(u.TokenId), u.Reason)).ToList());
    }

    /// <summary>The named slot, if it is of the same specialization; else the doctor's later slots that day and the same specialization's.</summary>
    private static async Task<Result<List<SlotState>>> CandidateTargetsAsync(OpdDbContext db, Slot source, int? targetSlotId, CancellationToken ct)
    {
        if (targetSlotId is { } id)
        {
            var named = await db.Slots.Where(s => s.Id == id).Select(s => new { s.Doctor.Specialization }).SingleOrDefaultAsync(ct);
            if (named is null)
            {
                return OpdProblem.NotFound("Slot", id);
            }

            if (!DayReallocator.SameSpecialization(named.Specialization, source.Doctor.Specialization))
            {
                return OpdProblem.Conflict(
                    $"Slot {id} is with a doctor of {named.Specialization}; these patients need {source.Doctor.Specialization}. Choose a slot of the same specialization.");
            }

            return new List<SlotState> { await db.Slots.Where(s => s.Id == id).Select(Projections.SlotState).SingleAsync(ct) };
        }

        // Doctors are few and do not grow with history; matching their specialization loosely is done here, not in SQL.
        var colleagues = (await db.Doctors.Select(d => new { d.Id, d.Specialization }).ToListAsync(ct))
            .Where(d => DayReallocator.SameSpecialization(d.Specialization, source.Doctor.Specialization))
            .Select(d => d.Id)
            .ToList();
        return await db.Slots
            .Where(s => s.Date == source.Date && s.Id != source.Id && colleagues.Contains(s.DoctorId))
            .Where(s => s.DoctorId != source.DoctorId || s.StartTime > source.StartTime)
            .Select(Projections.SlotState)
            .ToListAsync(ct);
    }
}

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
    public Task<Result<ReallocationResult>> WhatIfReallocatedAsync(int slotId, int? targetSlotId, CancellationToken ct = default) =>
        ReallocateAsync(slotId, targetSlotId, new Actor("preview"), preview: true, ct);

    /// <summary>The reception board's preview: the same answer, in the board's words.</summary>
    public async Task<Result<ReallocationPreview>> PreviewReallocationAsync(int slotId, int? targetSlotId, CancellationToken ct = default)
    {
        var result = await WhatIfReallocatedAsync(slotId, targetSlotId, ct);
        if (!result.IsOk)
        {
            return result.Problem!;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var from = (await db.Slots.Where(s => s.Id == slotId).ToViewsAsync(ct)).Single();
        return ToPreview(from, result.Value!);
    }

    /// <summary>A reallocation's or a move's answer in the board's words.</summary>
    internal static ReallocationPreview ToPreview(SlotView from, ReallocationResult plan) => new(
        from,
        plan.Moved.Select(m => new PlannedMove(m.TokenId, m.FromTokenNumber, m.PatientName, m.OldEstimate, m.ToSlotId, m.ToDoctorName,
            m.ToStartTime, m.NewTokenNumber, m.NewEstimate, m.ExtendedCapacity)).ToList(),
        plan.NotPlaced.Select(u => new PlannedUnplaced(u.TokenId, u.TokenNumber, u.PatientName, u.Reason)).ToList());

    private async Task<Result<ReallocationResult>> ReallocateAsync(int slotId, int? targetSlotId, Actor by, bool preview, CancellationToken ct)
    {
        if (targetSlotId == slotId)
        {
            return OpdProblem.Invalid("targetSlotId", "The target slot must differ from the slot being emptied.");
        }

        await using var db = await factory.CreateDbContextAsync(ct);

        // A preview reads under the same write lock, so it answers for the very state a confirmation would change.
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var now = Now();
        var planned = await PlanEmptyingAsync(db, [slotId], targetSlotId, cancelling: false, now, ct);
        if (!planned.IsOk)
        {
            return planned.Problem!;
        }

        var plan = planned.Value!;
        var result = Answers(plan, preview).Single();
        if (preview || result.Moved.Count == 0)
        {
            return result;
        }

        await WriteMovesAsync(db, plan, now, by, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        AnnounceMoves(plan);
        return result;
    }

    /// <summary>Slots emptied together, with where each of their patients goes, read and decided in one working state.</summary>
    internal sealed record EmptyingPlan(IReadOnlyList<(Slot Source, IReadOnlyList<ReallocationOutcome> Outcomes)> Slots, IReadOnlyDictionary<int, TargetFacts> Targets);

    internal static IReadOnlyList<ReallocationResult> Answers(EmptyingPlan plan, bool preview) =>
        plan.Slots.Select(s => Answer(s.Source, s.Outcomes, plan.Targets, preview)).ToList();

    /// <summary>Writes every move of the plan into the caller's transaction; the caller saves and commits.</summary>
    internal static async Task WriteMovesAsync(OpdDbContext db, EmptyingPlan plan, DateTime now, Actor by, CancellationToken ct)
    {
        var moves = plan.Slots.SelectMany(s => s.Outcomes.OfType<Reallocated>().Select(m => (s.Source, Move: m))).ToList();
        var targetIds = moves.Select(m => m.Move.ToSlotId).Distinct().ToList();
        var targetSlots = await db.Slots.Include(s => s.Doctor).Where(s => targetIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        foreach (var (source, move) in moves)
        {
            await WriteMoveAsync(db, source.Tokens.Single(t => t.Id == move.TokenId), source, targetSlots[move.ToSlotId], move, now, by, "Reallocated", ct);
        }
    }

    internal void AnnounceMoves(EmptyingPlan plan)
    {
        var affected = plan.Slots.SelectMany(s => s.Outcomes.OfType<Reallocated>().Select(m => m.ToSlotId).Append(s.Source.Id)).Distinct();
        foreach (var slotId in affected)
        {
            changes.Announce(new OpdChange(slotId, null, "reallocated"));
        }
    }

    /// <summary>
    /// The one place a planned move is written, for the desk's move, a reallocation and a leave alike: the token's new
    /// slot, label and status, the seat it takes, the label taken from the target's doctor-day, and the history line
    /// the desk reads (naming the old label when it changed, so the slip is reprinted).
    /// </summary>
    private static async Task WriteMoveAsync(
        OpdDbContext db, Token token, Slot source, Slot target, Reallocated move, DateTime now, Actor by, string action, CancellationToken ct)
    {
        var from = token.Status;
        var wasLabel = TokenLabels.Format(source.Doctor.LabelPrefix, move.FromTokenNumber);
        var newLabel = TokenLabels.Format(target.Doctor.LabelPrefix, move.NewTokenNumber);
        await DayLabels.TakeAsync(db, target.DoctorId, target.Date, move.NewTokenNumber, ct);
        target.EmergencyExtensions += move.ExtendedCapacity ? 1 : 0;
        token.SlotId = target.Id;
        token.TokenNumber = move.NewTokenNumber;
        token.InSlotSince = now;
        token.Status = move.NewStatus;
        token.CheckedInAt = move.NewStatus == TokenStatus.Booked ? null : token.CheckedInAt;
        token.History.Add(Event(token, now, action, from, by,
            $"Moved from slot {source.Id} ({wasLabel}, {source.Date:yyyy-MM-dd} {source.StartTime:HH\\:mm}) " +
            $"to slot {target.Id} ({newLabel}, {target.Date:yyyy-MM-dd} {target.StartTime:HH\\:mm}), due {move.NewEstimate:HH\\:mm}" +
            (move.ExtendedCapacity ? "; emergency seat added" : "") +
            (newLabel == wasLabel ? "; keeps its label" : $"; new label {newLabel}, was {wasLabel}: reprint the slip") +
            (from != move.NewStatus ? "; booked again for that day, to check in on arrival" : "")));
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

    internal sealed record TargetFacts(string DoctorName, DateOnly Date, TimeOnly Start, string LabelPrefix);

    /// <summary>
    /// Plans the emptying of <paramref name="slotIds"/>, in that order and in one working state, inside the caller's
    /// write transaction. With <paramref name="cancelling"/>, the slots are planned as cancelled although that is not
    /// written yet: a leave or a slot cancel, previewed or confirmed, plans the same way before it writes anything.
    /// </summary>
    internal async Task<Result<EmptyingPlan>> PlanEmptyingAsync(
        OpdDbContext db, IReadOnlyList<int> slotIds, int? targetSlotId, bool cancelling, DateTime now, CancellationToken ct)
    {
        var emptying = new List<(Slot Source, SlotState State, List<SlotState> Targets)>();
        foreach (var slotId in slotIds)
        {
            var source = await SlotQueues.LoadAsync(db, slotId, ct);
            if (source is null)
            {
                return OpdProblem.NotFound("Slot", slotId);
            }

            var state = source.ToState();
            if (cancelling)
            {
                state = state with { Status = SlotStatus.Cancelled };
            }

            if (DayReallocator.WhyNot(state) is { } notThisSlot)
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

            emptying.Add((source, state, candidates));
        }

        var days = new List<DoctorDayState>();
        var dayKeys = emptying.SelectMany(e => e.Targets.Select(t => (t.DoctorId, t.Date)).Append((e.Source.DoctorId, e.Source.Date))).Distinct();
        foreach (var (doctorId, date) in dayKeys)
        {
            days.Add(await SlotQueues.DayStateAsync(db, doctorId, date, ct));
        }

        // Each slot's pending patients in the order its day queue holds them now.
        var plans = emptying.Select(e =>
        {
            var day = days.Single(d => d.DoctorId == e.Source.DoctorId && d.Date == e.Source.Date);
            var leaving = DayQueue.Arrange(day.Slots, day.Tokens, now, Settings.Weights)
                .Where(p => p.SlotId == e.Source.Id && p.Status.IsPending())
                .Select(p => e.Source.Tokens.Single(t => t.Id == p.TokenId))
                .Select(t => new Leaving(t.Id, t.TokenNumber, t.PatientId, t.Source))
                .ToList();
            return new Emptying(e.State, leaving, e.Targets);
        }).ToList();

        // Patients who already hold an active token with a target's doctor that day; their tokens in the slots being emptied are the ones moving.
        var sourceIds = emptying.Select(e => e.Source.Id).ToHashSet();
        var otherSlots = days.SelectMany(d => d.Slots).Select(s => s.Slot.Id).Where(id => !sourceIds.Contains(id)).ToList();
        var busy = (await db.Tokens.Where(t => otherSlots.Contains(t.SlotId)).Where(Projections.IsActive)
                .Select(t => new { t.PatientId, t.Slot.DoctorId, t.Slot.Date })
                .ToListAsync(ct))
            .Select(b => (b.PatientId, b.DoctorId, b.Date))
            .ToHashSet();

        var decision = DayReallocator.PlanTogether(plans, days, now, busy, Settings.Weights);
        if (decision is ReallocationRefused refused)
        {
            return OpdProblem.Conflict(refused.Reason);
        }

        var slotIdsOfTargets = emptying.SelectMany(e => e.Targets).Select(c => c.Id).Distinct().ToList();
        var facts = await db.Slots.Where(s => slotIdsOfTargets.Contains(s.Id))
            .Select(s => new { s.Id, s.Doctor.Name, s.Date, s.StartTime, s.Doctor.LabelPrefix })
            .ToDictionaryAsync(s => s.Id, s => new TargetFacts(s.Name, s.Date, s.StartTime, s.LabelPrefix), ct);
        var outcomes = ((ReallocationsPlanned)decision).Slots;
        return new EmptyingPlan(emptying.Select((e, i) => (e.Source, outcomes[i].Outcomes)).ToList(), facts);
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

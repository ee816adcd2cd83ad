using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>Slots emptied together, with where each of their patients goes, read and decided in one working state.</summary>
internal sealed record EmptyingPlan(IReadOnlyList<(Slot Source, IReadOnlyList<ReallocationOutcome> Outcomes)> Slots, IReadOnlyDictionary<int, TargetFacts> Targets);

/// <summary>
/// Plans and writes the emptying of slots, for a reallocation, a slot cancelled and a leave alike: read and decided in
/// one working state inside the caller's write transaction.
/// </summary>
internal static class SlotEmptying
{
    public static IReadOnlyList<ReallocationResult> Answers(EmptyingPlan plan, bool preview) =>
        plan.Slots.Select(s => PlannedMoves.Answer(s.Source, s.Outcomes, plan.Targets, preview)).ToList();

    /// <summary>Writes every move of the plan into the caller's transaction; the caller saves, writes the messages returned, and commits.</summary>
    public static async Task<List<TokenMessage>> WriteMovesAsync(OpdDbContext db, EmptyingPlan plan, DateTime now, Actor by, CancellationToken ct)
    {
        var messages = new List<TokenMessage>();
        var moves = plan.Slots.SelectMany(s => s.Outcomes.OfType<Reallocated>().Select(m => (s.Source, Move: m))).ToList();
        var targetIds = moves.Select(m => m.Move.ToSlotId).Distinct().ToList();
        var targetSlots = await db.Slots.Include(s => s.Doctor).Where(s => targetIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        foreach (var (source, move) in moves)
        {
            messages.Add(await PlannedMoves.WriteMoveAsync(db, source.Tokens.Single(t => t.Id == move.TokenId), source, targetSlots[move.ToSlotId], move, now, by, "Reallocated", ct));
        }

        return messages;
    }

    /// <summary>
    /// A patient a cancellation could not place stays in the cancelled slot: the history says so, in the words the
    /// plan gave, and that line puts them on the desk's "to contact" list. The patient is told their visit is off, and why.
    /// </summary>
    public static List<TokenMessage> WriteStranded(EmptyingPlan plan, DateTime now, Actor by, CancelCause why)
    {
        var messages = new List<TokenMessage>();
        foreach (var (source, outcomes) in plan.Slots)
        {
            foreach (var stayed in outcomes.OfType<Stayed>())
            {
                var token = source.Tokens.Single(t => t.Id == stayed.TokenId);
                token.History.Add(TokenWrites.Event(token, now, StrandedAction, token.Status, by, stayed.Reason));
                messages.Add(new TokenMessage(token.Id, new TokenWasCancelled(why)));
            }
        }

        return messages;
    }

    public const string StrandedAction = "LeftInCancelledSlot";

    public static void AnnounceMoves(OpdChanges changes, EmptyingPlan plan)
    {
        var affected = plan.Slots.SelectMany(s => s.Outcomes.OfType<Reallocated>().Select(m => m.ToSlotId).Append(s.Source.Id)).Distinct();
        foreach (var slotId in affected)
        {
            changes.Announce(new OpdChange(slotId, null, "reallocated"));
        }
    }

    /// <summary>
    /// Plans the emptying of <paramref name="slotIds"/>, in that order and in one working state, inside the caller's
    /// write transaction. With <paramref name="cancelling"/>, the slots are planned as cancelled although that is not
    /// written yet: a leave or a slot cancel, previewed or confirmed, plans the same way before it writes anything.
    /// </summary>
    public static async Task<Result<EmptyingPlan>> PlanAsync(
        OpdDbContext db, IReadOnlyList<int> slotIds, int? targetSlotId, bool cancelling, DateTime now, PriorityWeights weights, EstimateOptions estimates,
        CancellationToken ct)
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
                var named = $"The {candidates[0].Date:ddd d MMM} {candidates[0].Start:HH\\:mm} slot";
                return OpdProblem.Conflict(candidates[0].IsOver(now)
                    ? $"{named} is already over; choose a later slot."
                    : $"{named} is {candidates[0].Status.ToString().ToLowerInvariant()} and takes no tokens; choose another slot.");
            }

            emptying.Add((source, state, candidates));
        }

        var days = new List<DoctorDayState>();
        var dayKeys = emptying.SelectMany(e => e.Targets.Select(t => (t.DoctorId, t.Date)).Append((e.Source.DoctorId, e.Source.Date))).Distinct();
        foreach (var (doctorId, date) in dayKeys)
        {
            days.Add(await SlotQueues.DayStateAsync(db, doctorId, date, ct, estimates));
        }

        // Each slot's pending patients in the order its day queue holds them now.
        var plans = emptying.Select(e =>
        {
            var day = days.Single(d => d.DoctorId == e.Source.DoctorId && d.Date == e.Source.Date);
            var leaving = DayQueue.Arrange(day.Slots, day.Tokens, now, weights, day.Pace)
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

        var decision = DayReallocator.PlanTogether(plans, days, now, busy, weights);
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
            var named = await db.Slots.Where(s => s.Id == id).Select(s => new { s.Doctor.Specialization, s.Doctor.Name, s.Date, s.StartTime }).SingleOrDefaultAsync(ct);
            if (named is null)
            {
                return OpdProblem.NotFound("Slot", id);
            }

            if (!DayReallocator.SameSpecialization(named.Specialization, source.Doctor.Specialization))
            {
                return OpdProblem.Conflict(
                    $"{named.Name}'s {named.Date:ddd d MMM} {named.StartTime:HH\\:mm} slot is for {named.Specialization}; these patients need {source.Doctor.Specialization}. Choose a slot of the same specialization.");
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

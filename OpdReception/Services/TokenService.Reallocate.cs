using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

public sealed partial class TokenService
{
    /// <summary>
    /// Moves the slot's pending tokens, in queue order, to the named slot, or else to the doctor's later slots
    /// that day, then to slots of the same specialization. Each keeps its id and history and gets a new number.
    /// </summary>
    public async Task<Result<ReallocationResult>> ReallocateAsync(int slotId, int? targetSlotId, Actor by, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var now = Now();
        var planned = await PlanReallocationAsync(db, slotId, targetSlotId, now, ct);
        if (!planned.IsOk)
        {
            return planned.Problem!;
        }

        var (source, pending, plan) = planned.Value!;
        var targetSlots = await db.Slots.Where(s => plan.Moves.Select(m => m.ToSlotId).Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        foreach (var move in plan.Moves)
        {
            var token = pending.Single(t => t.Id == move.TokenId);
            var target = targetSlots[move.ToSlotId];
            target.LastTokenNumber = move.NewTokenNumber;
            target.EmergencyExtensions += move.ExtendedCapacity ? 1 : 0;
            token.SlotId = move.ToSlotId;
            token.TokenNumber = move.NewTokenNumber;
            token.InSlotSince = now;
            token.History.Add(Event(token, now, "Reallocated", token.Status, by,
                $"Moved from slot {source.Id} ({StatusRules.Label(move.FromTokenNumber)}, {source.Date:yyyy-MM-dd} {source.StartTime:HH\\:mm}) " +
                $"to slot {target.Id} ({StatusRules.Label(move.NewTokenNumber)}, {target.Date:yyyy-MM-dd} {target.StartTime:HH\\:mm})" +
                (move.ExtendedCapacity ? "; emergency seat added" : "")));
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        foreach (var affected in plan.Moves.Select(m => m.ToSlotId).Append(source.Id).Distinct())
        {
            changes.Announce(new OpdChange(affected, null, "reallocated"));
        }

        return new ReallocationResult(
            source.Id,
            plan.Moves.Select(m => new MovedToken(m.TokenId, StatusRules.Label(m.FromTokenNumber), m.ToSlotId, StatusRules.Label(m.NewTokenNumber), m.ExtendedCapacity)).ToList(),
            plan.NotPlaced.Select(u => new UnplacedToken(u.TokenId, StatusRules.Label(u.TokenNumber), u.Reason)).ToList());
    }

    /// <summary>What <see cref="ReallocateAsync"/> would do now, with old and new estimates; changes nothing.</summary>
    public async Task<Result<ReallocationPreview>> PreviewReallocationAsync(int slotId, int? targetSlotId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = Now();
        var planned = await PlanReallocationAsync(db, slotId, targetSlotId, now, ct);
        if (!planned.IsOk)
        {
            return planned.Problem!;
        }

        var (source, pending, plan) = planned.Value!;
        return await PreviewAsync(db, source, pending, plan, now, ct);
    }

    private async Task<Result<(Slot Source, List<Token> Pending, ReallocationPlan Plan)>> PlanReallocationAsync(
        OpdDbContext db, int slotId, int? targetSlotId, DateTime now, CancellationToken ct)
    {
        if (targetSlotId == slotId)
        {
            return OpdProblem.Invalid("targetSlotId", "The target slot must differ from the slot being emptied.");
        }

        var source = await SlotQueues.LoadAsync(db, slotId, ct);
        if (source is null)
        {
            return OpdProblem.NotFound("Slot", slotId);
        }

        var targets = await CandidateTargetsAsync(db, source, targetSlotId, ct);
        if (targets is null)
        {
            return OpdProblem.NotFound("Slot", targetSlotId!);
        }

        if (targetSlotId is not null && !targets[0].TakesTokens(now))
        {
            return OpdProblem.Conflict(targets[0].IsOver(now)
                ? $"Slot {targetSlotId} is already over; choose a later slot."
                : $"Slot {targetSlotId} is {targets[0].Status.ToString().ToLowerInvariant()} and takes no tokens; choose another slot.");
        }

        var pending = Queue.InOrder(source.Tokens.Where(t => t.Status.IsPending()).Select(t => t.ToEntry()))
            .Select(e => source.Tokens.Single(t => t.Id == e.TokenId))
            .ToList();
        var busy = await BusyPatientsAsync(db, targets, source.Date, t => t.SlotId != source.Id, ct);
        var plan = Reallocator.Plan(
            pending.Select(t => new PendingToken(t.Id, t.TokenNumber, t.PatientId, t.Source)).ToList(), targets, now, busy);
        return (source, pending, plan);
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
                m.TokenId, StatusRules.Label(m.FromTokenNumber), Name(m.TokenId), before.GetValueOrDefault(m.TokenId)?.EstimatedTime,
                m.ToSlotId, targets[m.ToSlotId].Doctor.Name, targets[m.ToSlotId].StartTime, StatusRules.Label(m.NewTokenNumber),
                after.GetValueOrDefault(m.TokenId)?.EstimatedTime, m.ExtendedCapacity)).ToList(),
            plan.NotPlaced.Select(u => new PlannedUnplaced(u.TokenId, StatusRules.Label(u.TokenNumber), Name(u.TokenId), u.Reason)).ToList());
    }

    private static async Task<List<SlotState>?> CandidateTargetsAsync(OpdDbContext db, Slot source, int? targetSlotId, CancellationToken ct)
    {
        if (targetSlotId is { } id)
        {
            var named = await db.Slots.Where(s => s.Id == id).Select(Projections.SlotState).SingleOrDefaultAsync(ct);
            return named is null ? null : [named];
        }

        var sameDoctor = await db.Slots
            .Where(s => s.DoctorId == source.DoctorId && s.Date == source.Date && s.Id != source.Id && s.StartTime >= source.StartTime)
            .Select(Projections.SlotState)
            .ToListAsync(ct);
        var sameSpecialization = await db.Slots
            .Where(s => s.DoctorId != source.DoctorId && s.Date == source.Date && s.Doctor.Specialization == source.Doctor.Specialization)
            .Select(Projections.SlotState)
            .ToListAsync(ct);
        return sameDoctor.OrderBy(s => s.Start)
            .Concat(sameSpecialization.OrderBy(s => s.Start).ThenBy(s => s.Id))
            .ToList();
    }
}

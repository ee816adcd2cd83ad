namespace OpdReception.Domain;

/// <summary>A doctor's day as reallocation sees it: the slots with their seats, and the active tokens.</summary>
/// <param name="Pace">The doctor's pace the day's estimates chain (<see cref="DayQueue.Arrange"/>); null: the nominal minutes, no range.</param>
public sealed record DoctorDayState(int DoctorId, DateOnly Date, IReadOnlyList<DayQueueSlot> Slots, IReadOnlyList<DayEntry> Tokens, ConsultationPace? Pace = null);

/// <summary>A pending token of the slot being emptied, with what its new place depends on.</summary>
public sealed record Leaving(int TokenId, int TokenNumber, string PatientId, TokenSource Source);

/// <summary>
/// One slot to empty: its state as the plan treats it (cancelled, for a leave not written yet), its pending tokens
/// first in the queue first, and the slots they may go to.
/// </summary>
public sealed record Emptying(SlotState Source, IReadOnlyList<Leaving> Leaving, IReadOnlyList<SlotState> Targets);

/// <param name="OldEstimate">What the patient was told before anything moved: none in a slot already cancelled.</param>
public abstract record ReallocationOutcome(int TokenId, int FromTokenNumber, DateTime? OldEstimate);

/// <summary>
/// The token goes to another slot: the same label within its doctor's day, the next label of the other day otherwise;
/// and Booked again when that slot is on another day.
/// </summary>
public sealed record Reallocated(
    int TokenId, int FromTokenNumber, DateTime? OldEstimate, int ToSlotId, int ToDoctorId, int NewTokenNumber, DateTime NewEstimate,
    TokenStatus NewStatus, bool ExtendedCapacity) : ReallocationOutcome(TokenId, FromTokenNumber, OldEstimate);

/// <summary>The token stays where it is, and why.</summary>
public sealed record Stayed(int TokenId, int FromTokenNumber, DateTime? OldEstimate, string Reason) : ReallocationOutcome(TokenId, FromTokenNumber, OldEstimate);

public abstract record ReallocationDecision;

public sealed record ReallocationRefused(string Reason) : ReallocationDecision;

public sealed record ReallocationPlanned(IReadOnlyList<ReallocationOutcome> Outcomes) : ReallocationDecision;

/// <summary>One of several slots emptied together, with what happens to each of its patients.</summary>
public sealed record SlotOutcomes(int SlotId, IReadOnlyList<ReallocationOutcome> Outcomes);

/// <summary>Several slots emptied together (a leave): each slot's outcomes, in the order the slots were given.</summary>
public sealed record ReallocationsPlanned(IReadOnlyList<SlotOutcomes> Slots) : ReallocationDecision;

/// <summary>What the desk's move of one named token to one named slot comes to.</summary>
public abstract record MoveDecision;

public sealed record MoveRefused(string Reason) : MoveDecision;

public sealed record MovePlanned(Reallocated Move) : MoveDecision;

/// <summary>
/// Reallocation of a delayed or cancelled slot: each pending patient, in queue order, goes to the slot that gives
/// them the earliest estimated time, by the doctors' day queues as they stand with everyone moved so far.
/// </summary>
public static class DayReallocator
{
    public const string NoSlotOpen = "No slot of this doctor or of a colleague of the same specialization is open later that day.";

    public const string NoFreeSeat = "No suitable slot has a free seat.";

    public const string HoldsTokenEverywhere = "The patient already holds a token with every doctor that has a suitable slot.";

    // A cancelled slot's patient who stays is stranded, not merely kept waiting: the words say so, and what the desk does next.
    public const string LeftNoSlotOpen =
        "Left in the cancelled slot: no slot of this doctor or of a colleague of the same specialization is open later that day. Call the patient (To contact) to move them to another day or cancel.";

    public const string LeftNoFreeSeat =
        "Left in the cancelled slot: every colleague's slot later that day is full. Call the patient (To contact) to move them to another day or cancel.";

    public const string LeftHoldsToken =
        "Left in the cancelled slot: the patient already holds a token with every colleague who has a slot that day. Call the patient (To contact) to move them to another day or cancel.";

    /// <summary>Specializations match without regard to case or spacing: "General  medicine" is "General Medicine".</summary>
    public static bool SameSpecialization(string a, string b) => Normalize(a) == Normalize(b);

    private static string Normalize(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();

    /// <summary>Only a slot the doctor cannot hold as planned gives its patients away: the desk offers "Reallocate…" on no other.</summary>
    public static bool MayReallocate(SlotStatus status, int delayMinutes) =>
        status == SlotStatus.Cancelled || status == SlotStatus.Delayed || delayMinutes > 0;

    public static string? WhyNot(SlotState source) =>
        MayReallocate(source.Status, source.DelayMinutes)
            ? null
            : $"Only a delayed or cancelled slot can be reallocated; this slot is {source.Status.ToString().ToLowerInvariant()}.";

    /// <param name="source">The slot being emptied.</param>
    /// <param name="leaving">Its pending tokens, first in the queue first.</param>
    /// <param name="targets">Candidate slots: the doctor's later slots that day and those of the same specialization, or one named slot.</param>
    /// <param name="days">The day of every doctor involved, the source's own included, keyed by doctor and date.</param>
    /// <param name="busy">Patients who already hold an active token with a doctor on a date.</param>
    public static ReallocationDecision Plan(
        SlotState source,
        IReadOnlyList<Leaving> leaving,
        IReadOnlyList<SlotState> targets,
        IReadOnlyCollection<DoctorDayState> days,
        DateTime now,
        IReadOnlySet<(string PatientId, int DoctorId, DateOnly Date)> busy,
        PriorityWeights weights) =>
        PlanTogether([new Emptying(source, leaving, targets)], days, now, busy, weights) switch
        {
            ReallocationsPlanned planned => new ReallocationPlanned(planned.Slots.Single().Outcomes),
            var refused => refused,
        };

    /// <summary>
    /// Several slots emptied in one working state, in the order given: a seat taken by a patient of an earlier slot
    /// is not offered to a later one, and none of the slots being emptied is a target. So a leave's preview is the
    /// result its confirmation writes.
    /// </summary>
    public static ReallocationDecision PlanTogether(
        IReadOnlyList<Emptying> slots,
        IReadOnlyCollection<DoctorDayState> days,
        DateTime now,
        IReadOnlySet<(string PatientId, int DoctorId, DateOnly Date)> busy,
        PriorityWeights weights)
    {
        // One slot that may not be emptied refuses the whole plan: half a leave is never written.
        if (slots.FirstOrDefault(s => WhyNot(s.Source) is not null) is { Source: var cannot })
        {
            var why = WhyNot(cannot)!;
            return new ReallocationRefused(slots.Count == 1 ? why : $"The {cannot.Start:HH:mm} slot of {cannot.Date:ddd d MMM}: {why}");
        }

        var planner = new Planner(days, now, busy, weights);
        foreach (var slot in slots)
        {
            planner.Apply(slot.Source);
        }

        var going = slots.Select(s => s.Source.Id).ToHashSet();
        return new ReallocationsPlanned(slots
            .Select(slot => new SlotOutcomes(slot.Source.Id, slot.Leaving
                .Select(token => planner.Place(slot.Source, token, slot.Targets.Where(t => !going.Contains(t.Id)).ToList()))
                .ToList()))
            .ToList());
    }

    /// <summary>
    /// The desk moves one named patient to one named slot, whatever the slot they leave: the same seats, the same
    /// estimates and the same status rule as a reallocation, but the desk's choice stands even if staying is earlier.
    /// </summary>
    /// <param name="days">The source's day and the target's day (one, when they are the same doctor's day).</param>
    public static MoveDecision Move(
        SlotState source,
        Leaving token,
        SlotState target,
        IReadOnlyCollection<DoctorDayState> days,
        DateTime now,
        IReadOnlySet<(string PatientId, int DoctorId, DateOnly Date)> busy,
        PriorityWeights weights)
    {
        if (target.Id == source.Id)
        {
            return new MoveRefused("The patient is already in this slot; choose another one.");
        }

        if (!target.TakesTokens(now))
        {
            return new MoveRefused(target.IsOver(now)
                ? "That slot is already over; choose a later one."
                : $"That slot is {target.Status.ToString().ToLowerInvariant()} and takes no tokens; choose another.");
        }

        if (busy.Contains((token.PatientId, target.DoctorId, target.Date)))
        {
            return new MoveRefused("The patient already holds a token with that doctor that day.");
        }

        return new Planner(days, now, busy, weights).Place(source, token, [target], onlyIfEarlier: false) switch
        {
            Reallocated moved => new MovePlanned(moved),
            Stayed stayed => new MoveRefused(stayed.Reason is NoFreeSeat or LeftNoFreeSeat ? "That slot is full; choose another." : stayed.Reason),
            _ => throw new InvalidOperationException("A move either places the patient or says why not."),
        };
    }

    /// <summary>A patient moved to another day is not at the hospital that day: Booked again.</summary>
    private static DayEntry Arriving(DayEntry entry, SlotState target, DateOnly from) => entry with
    {
        SlotId = target.Id,
        Status = target.Date == from ? entry.Status : TokenStatus.Booked,
    };

    /// <summary>The days, seats and clashes as they stand with every patient placed so far.</summary>
    private sealed class Planner
    {
        private readonly Dictionary<(int DoctorId, DateOnly Date), WorkingDay> _days;
        private readonly Dictionary<int, SlotState> _slots = [];
        private readonly Dictionary<(int DoctorId, DateOnly Date), int> _lastLabel = [];
        private readonly HashSet<(string, int, DateOnly)> _taken;
        private readonly Dictionary<int, DateTime?> _told;
        private readonly DateTime _now;
        private readonly PriorityWeights _weights;

        public Planner(IReadOnlyCollection<DoctorDayState> days, DateTime now, IReadOnlySet<(string, int, DateOnly)> busy, PriorityWeights weights)
        {
            _days = days.ToDictionary(d => (d.DoctorId, d.Date), d => new WorkingDay(d));
            _taken = [.. busy];
            _now = now;
            _weights = weights;

            // What each patient was told is read before anything changes: later moves make staying earlier, but
            // the answer's "old estimate" is the time the patient last heard.
            _told = _days.Values.SelectMany(d => d.Arrange(now, weights)).ToDictionary(p => p.TokenId, p => p.EstimatedTime);
        }

        /// <summary>The source as the plan treats it, e.g. cancelled by the leave being planned.</summary>
        public void Apply(SlotState source)
        {
            if (_days.TryGetValue((source.DoctorId, source.Date), out var day))
            {
                day.Set(source);
            }
        }

        public ReallocationOutcome Place(SlotState source, Leaving token, IReadOnlyList<SlotState> targets, bool onlyIfEarlier = true)
        {
            var sourceDay = _days[(source.DoctorId, source.Date)];
            var told = _told.GetValueOrDefault(token.TokenId);
            var entry = sourceDay.Tokens.Single(t => t.TokenId == token.TokenId);
            var stay = !onlyIfEarlier || source.Status == SlotStatus.Cancelled ? null : sourceDay.EstimateOf(token.TokenId, _now, _weights);
            var open = targets.Select(Current).Where(t => t.Id != source.Id && t.TakesTokens(_now) && _days.ContainsKey((t.DoctorId, t.Date))).ToList();
            var free = open.Where(t => !_taken.Contains((token.PatientId, t.DoctorId, t.Date))).ToList();
            var options = free
                .Select(t => (Slot: t, Room: t.HasRoomFor(token.Source), Entry: Arriving(entry, t, source.Date)))
                .Select(o => (o.Slot, o.Room, o.Entry, Estimate: _days[(o.Slot.DoctorId, o.Slot.Date)].EstimateWith(o.Entry, _now, _weights)))
                .Where(o => o.Estimate is not null)
                .OrderBy(o => o.Estimate)
                .ThenBy(o => o.Slot.DoctorId == source.DoctorId ? 0 : 1)
                .ThenBy(o => o.Slot.StartsAt)
                .ThenBy(o => o.Slot.Id)
                .ToList();
            var seated = options.Where(o => o.Room).ToList();
            var extend = seated.Count == 0 && token.Source == TokenSource.Emergency && options.Count > 0;
            var best = extend ? options[0] : seated.FirstOrDefault();
            if (best.Slot is null)
            {
                // Three different answers for the desk: nowhere to go at all, nowhere without a clash, nowhere with a seat.
                var stranded = source.Status == SlotStatus.Cancelled;
                return new Stayed(token.TokenId, token.TokenNumber, told, (open.Count, free.Count) switch
                {
                    (0, _) => stranded ? LeftNoSlotOpen : NoSlotOpen,
                    (_, 0) => stranded ? LeftHoldsToken : HoldsTokenEverywhere,
                    _ => stranded ? LeftNoFreeSeat : NoFreeSeat,
                });
            }

            if (stay is { } staying && best.Estimate >= staying)
            {
                return new Stayed(token.TokenId, token.TokenNumber, told,
                    $"Staying is as early as any other slot: due at {staying:HH:mm}, the earliest elsewhere {best.Estimate:HH:mm}.");
            }

            var number = TokenLabels.NumberOnArrival(source, token.TokenNumber, best.Slot);
            var grown = best.Slot.WithOneMoreToken(token.Source, extend, keepsLabel: TokenLabels.SameDay(source, best.Slot));
            _slots[grown.Id] = grown;
            _lastLabel[(grown.DoctorId, grown.Date)] = grown.LastTokenNumber;
            sourceDay.Remove(token.TokenId);
            _days[(grown.DoctorId, grown.Date)].Add(best.Entry, grown);
            _taken.Add((token.PatientId, grown.DoctorId, grown.Date));
            return new Reallocated(token.TokenId, token.TokenNumber, told, grown.Id, grown.DoctorId, number, best.Estimate!.Value,
                best.Entry.Status, extend);
        }

        /// <summary>
        /// A target as it stands now: with the patients an earlier step seated there, and the last label an earlier
        /// step took in its doctor's day (labels run across the day's slots).
        /// </summary>
        private SlotState Current(SlotState target)
        {
            var current = _slots.TryGetValue(target.Id, out var seen) ? seen : target;
            return _lastLabel.TryGetValue((current.DoctorId, current.Date), out var last) && last > current.LastTokenNumber
                ? current with { LastTokenNumber = last }
                : current;
        }
    }

    private sealed class WorkingDay(DoctorDayState day)
    {
        private readonly List<DayQueueSlot> _slots = [.. day.Slots];

        public List<DayEntry> Tokens { get; } = [.. day.Tokens];

        public IReadOnlyList<DayPlace> Arrange(DateTime now, PriorityWeights weights) => DayQueue.Arrange(_slots, Tokens, now, weights, day.Pace);

        public DateTime? EstimateOf(int tokenId, DateTime now, PriorityWeights weights) =>
            Arrange(now, weights).FirstOrDefault(p => p.TokenId == tokenId)?.EstimatedTime;

        public DateTime? EstimateWith(DayEntry arriving, DateTime now, PriorityWeights weights) =>
            DayQueue.Arrange(_slots, [.. Tokens.Where(t => t.TokenId != arriving.TokenId), arriving], now, weights, day.Pace)
                .FirstOrDefault(p => p.TokenId == arriving.TokenId)?.EstimatedTime;

        public void Remove(int tokenId) => Tokens.RemoveAll(t => t.TokenId == tokenId);

        public void Add(DayEntry entry, SlotState grown)
        {
            Tokens.Add(entry);
            Set(grown);
        }

        public void Set(SlotState slot)
        {
            var i = _slots.FindIndex(s => s.Slot.Id == slot.Id);
            if (i >= 0)
            {
                _slots[i] = _slots[i] with { Slot = slot };
            }
        }
    }
}

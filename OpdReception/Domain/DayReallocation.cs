namespace OpdReception.Domain;

/// <summary>A doctor's day as reallocation sees it: the slots with their seats, and the active tokens.</summary>
public sealed record DoctorDayState(int DoctorId, DateOnly Date, IReadOnlyList<DayQueueSlot> Slots, IReadOnlyList<DayEntry> Tokens);

/// <summary>A pending token of the slot being emptied, with what its new place depends on.</summary>
public sealed record Leaving(int TokenId, int TokenNumber, string PatientId, TokenSource Source);

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

/// <summary>
/// Reallocation of a delayed or cancelled slot: each pending patient, in queue order, goes to the slot that gives
/// them the earliest estimated time, by the doctors' day queues as they stand with everyone moved so far.
/// </summary>
public static class DayReallocator
{
    /// <summary>Specializations match without regard to case or spacing: "General  medicine" is "General Medicine".</summary>
    public static bool SameSpecialization(string a, string b) => Normalize(a) == Normalize(b);

    private static string Normalize(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();

    /// <summary>Only a slot the doctor cannot hold as planned gives its patients away.</summary>
    public static string? WhyNot(SlotState source) =>
        source.Status == SlotStatus.Cancelled || source.Status == SlotStatus.Delayed || source.DelayMinutes > 0
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
        PriorityWeights weights)
    {
        if (WhyNot(source) is { } refused)
        {
            return new ReallocationRefused(refused);
        }

        var working = days.ToDictionary(d => (d.DoctorId, d.Date), d => new WorkingDay(d));
        var open = targets.Where(t => t.Id != source.Id && t.TakesTokens(now) && working.ContainsKey((t.DoctorId, t.Date))).ToList();
        var taken = new HashSet<(string, int, DateOnly)>(busy);
        var sourceDay = working[(source.DoctorId, source.Date)];
        var outcomes = new List<ReallocationOutcome>();
        foreach (var token in leaving)
        {
            var entry = sourceDay.Tokens.Single(t => t.TokenId == token.TokenId);
            var stay = source.Status == SlotStatus.Cancelled ? null : sourceDay.EstimateOf(token.TokenId, now, weights);
            var free = open.Where(t => !taken.Contains((token.PatientId, t.DoctorId, t.Date))).ToList();
            var options = free
                .Select(t => (Slot: t, Room: t.HasRoomFor(token.Source), Entry: Arriving(entry, t, source.Date)))
                .Select(o => (o.Slot, o.Room, o.Entry, Estimate: working[(o.Slot.DoctorId, o.Slot.Date)].EstimateWith(o.Entry, now, weights)))
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
                outcomes.Add(new Stayed(token.TokenId, token.TokenNumber, stay, free.Count == 0 && open.Count > 0
                    ? "The patient already holds a token with every doctor that has a suitable slot."
                    : "No suitable slot has a free seat."));
                continue;
            }

            if (stay is { } staying && best.Estimate >= staying)
            {
                outcomes.Add(new Stayed(token.TokenId, token.TokenNumber, stay,
                    $"Staying is as early as any other slot: due at {staying:HH:mm}, the earliest elsewhere {best.Estimate:HH:mm}."));
                continue;
            }

            var number = TokenLabels.NumberOnArrival(source, token.TokenNumber, best.Slot);
            var grown = best.Slot.WithOneMoreToken(token.Source, extend, keepsLabel: TokenLabels.SameDay(source, best.Slot));
            TokenLabels.Advance(open, grown);
            sourceDay.Remove(token.TokenId);
            working[(grown.DoctorId, grown.Date)].Add(best.Entry, grown);
            taken.Add((token.PatientId, grown.DoctorId, grown.Date));
            outcomes.Add(new Reallocated(token.TokenId, token.TokenNumber, stay, grown.Id, grown.DoctorId, number, best.Estimate!.Value,
                best.Entry.Status, extend));
        }

        return new ReallocationPlanned(outcomes);
    }

    /// <summary>A patient moved to another day is not at the hospital that day: Booked again.</summary>
    private static DayEntry Arriving(DayEntry entry, SlotState target, DateOnly from) => entry with
    {
        SlotId = target.Id,
        Status = target.Date == from ? entry.Status : TokenStatus.Booked,
    };

    private sealed class WorkingDay(DoctorDayState day)
    {
        private readonly List<DayQueueSlot> _slots = [.. day.Slots];

        public List<DayEntry> Tokens { get; } = [.. day.Tokens];

        public DateTime? EstimateOf(int tokenId, DateTime now, PriorityWeights weights) =>
            DayQueue.Arrange(_slots, Tokens, now, weights).FirstOrDefault(p => p.TokenId == tokenId)?.EstimatedTime;

        public DateTime? EstimateWith(DayEntry arriving, DateTime now, PriorityWeights weights) =>
            DayQueue.Arrange(_slots, [.. Tokens.Where(t => t.TokenId != arriving.TokenId), arriving], now, weights)
                .FirstOrDefault(p => p.TokenId == arriving.TokenId)?.EstimatedTime;

        public void Remove(int tokenId) => Tokens.RemoveAll(t => t.TokenId == tokenId);

        public void Add(DayEntry entry, SlotState grown)
        {
            Tokens.Add(entry);
            var i = _slots.FindIndex(s => s.Slot.Id == grown.Id);
            _slots[i] = _slots[i] with { Slot = grown };
        }
    }
}

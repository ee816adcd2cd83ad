namespace OpdReception.Domain;

/// <summary>One of the doctor's slots that day, with the length of its consultations.</summary>
public sealed record DayQueueSlot(SlotState Slot, int MinutesPerConsultation);

/// <summary>An active token of the doctor's day.</summary>
/// <param name="QueuedAt">The arrival the queue orders by (for a booking, when it was booked).</param>
/// <param name="CalledAt">When the doctor called the patient in; known for the patient in consultation.</param>
/// <param name="CheckedInAt">When the patient checked in (a walk-in: at issue); null for a booking not here yet.</param>
/// <param name="OvertakenBy">For a waiting walk-in, the later arrivals who already went first (<see cref="Ageing"/>).</param>
public sealed record DayEntry(
    int TokenId, int SlotId, TokenSource Source, TokenStatus Status, int PriorityScore, DateTime QueuedAt, DateTime? CalledAt = null,
    DateTime? CheckedInAt = null, int OvertakenBy = 0);

/// <summary>
/// Where a token stands in the doctor's day. Position counts only patients not yet called; the patient with the
/// doctor and the patients of a cancelled slot have none, nor an estimate.
/// </summary>
/// <param name="EstimatedFrom">The early end of the range the patient is told ("11:10–11:35"); null with no estimate.</param>
/// <param name="EstimatedTo">The late end of that range: the patient is rarely called after it.</param>
/// <param name="NominalTime">What the slots' nominal minutes per consultation alone would say: the baseline the learned estimate is judged against.</param>
public sealed record DayPlace(
    int TokenId, int SlotId, TokenStatus Status, int? Position, DateTime? EstimatedTime, bool PastSlotEnd, string Reason,
    DateTime? EstimatedFrom = null, DateTime? EstimatedTo = null, DateTime? NominalTime = null);

/// <summary>
/// The doctor's day as one timeline: the order the doctor sees patients in, across all their slots of the day,
/// and the time each patient can expect to be called.
/// </summary>
public static class DayQueue
{
    public const string WithDoctor = "With the doctor";
    public const string AwaitsNewSlot = "Slot cancelled: awaits a new slot";
    public const string EmergencyFirst = "Emergency: seen before routine patients";

    /// <summary>
    /// The patient with the doctor first; then checked-in emergencies, whatever slot they hold; then everyone else
    /// slot by slot in start order, within a slot by weight then arrival. Estimates chain through the day: each
    /// patient at the later of their slot's start (plus its delay) and the moment the doctor is expected to finish
    /// everyone ahead, never before <paramref name="now"/>. The patient in consultation counts as the rest of one
    /// consultation. Tokens of a cancelled slot come last, waiting for a new slot, with no place in the timeline.
    /// With <see cref="PriorityWeights.MaxOvertakes"/> set, waiting walk-ins overtaken too often are moved up (<see cref="Ageing"/>).
    /// With a <paramref name="pace"/> (the doctor's, learned or nominal) the estimate chains that pace and each place
    /// carries a range (<see cref="PaceChain"/>); the nominal chain is kept beside it as <see cref="DayPlace.NominalTime"/>.
    /// Without one, the estimate is the nominal chain and there is no range.
    /// </summary>
    public static IReadOnlyList<DayPlace> Arrange(
        IReadOnlyCollection<DayQueueSlot> slots, IEnumerable<DayEntry> tokens, DateTime now, PriorityWeights? weights = null,
        ConsultationPace? pace = null, RangeShape? shape = null)
    {
        weights ??= PriorityWeights.Default;
        var slotOf = slots.ToDictionary(s => s.Slot.Id);
        var active = tokens.Where(t => t.Status.IsActive() && slotOf.ContainsKey(t.SlotId)).ToList();
        var cancelled = active.Where(t => !InDoctorsQueue(t.Status, slotOf[t.SlotId].Slot.Status)).ToList();
        var inConsultation = InOrder(active.Where(t => t.Status == TokenStatus.InConsultation)).ToList();
        var pending = active.Where(t => t.Status.IsPending()).Except(cancelled).ToList();
        var emergencies = InOrder(pending.Where(IsCheckedInEmergency)).ToList();
        var routine = pending.Where(t => !IsCheckedInEmergency(t))
            .OrderBy(t => slotOf[t.SlotId].Slot.StartsAt)
            .ThenBy(t => t.SlotId)
            .ThenByDescending(t => t.PriorityScore)
            .ThenBy(t => t.QueuedAt)
            .ThenBy(t => t.TokenId)
            .ToList();

        var begins = BeginsOf(slots);
        var places = new List<DayPlace>();

        // A delay on a slot that has already started (running late, a break, the last slot extended while patients
        // wait) says the doctor is away until its delayed start: nobody is seen before then, patients left over from
        // earlier slots included.
        var awayUntil = slots.Where(s => s.Slot.Status != SlotStatus.Cancelled && s.Slot.StartsAt <= now && begins[s.Slot.Id] > now)
            .Select(s => (DateTime?)begins[s.Slot.Id])
            .Max();
        var doctorFreeAt = awayUntil ?? now;
        var learned = pace is null ? null : new PaceChain(pace, shape ?? RangeShape.Default, now);
        foreach (var token in inConsultation)
        {
            var minutes = slotOf[token.SlotId].MinutesPerConsultation;
            var endsAt = token.CalledAt is { } called ? called.AddMinutes(minutes) : now.AddMinutes(minutes);
            doctorFreeAt = Later(doctorFreeAt, endsAt);
            learned?.InConsultation(token.CalledAt, minutes);
            places.Add(new DayPlace(token.TokenId, token.SlotId, token.Status, null, null, false, WithDoctor));
        }

        if (awayUntil is { } away)
        {
            learned?.NotBefore(away);
        }

        // An emergency is seen next, but not before the doctor's day has begun.
        var dayBegins = slots.Where(s => s.Slot.Status != SlotStatus.Cancelled)
            .Select(s => (DateTime?)begins[s.Slot.Id])
            .Min() ?? now;
        var position = 0;

        // The part of a reason that names the slot and the kinds ahead is the same for every token of a kind in a slot.
        var placesInSlot = new Dictionary<(TokenSource, int), string>();
        var aged = Ageing.MoveUp(routine, weights.MaxOvertakes, begins);
        foreach (var token in emergencies.Concat(aged.Order))
        {
            var slot = slotOf[token.SlotId];
            var notBefore = IsCheckedInEmergency(token) ? dayBegins : begins[slot.Slot.Id];
            var nominal = Later(doctorFreeAt, notBefore);
            doctorFreeAt = nominal.AddMinutes(slot.MinutesPerConsultation);
            var (estimate, from, to) = learned?.Next(notBefore, slot.MinutesPerConsultation, token.Status == TokenStatus.Booked, begins[slot.Slot.Id] <= now) is { } range
                ? (range.Estimate, (DateTime?)range.From, (DateTime?)range.To)
                : (nominal, null, null);
            places.Add(new DayPlace(token.TokenId, token.SlotId, token.Status, ++position, estimate, estimate >= RunsUntil(slot.Slot, begins),
                aged.Reasons.GetValueOrDefault(token.TokenId) ?? Reason(token, slot.Slot, weights, placesInSlot), from, to, nominal));
        }

        places.AddRange(cancelled
            .OrderBy(t => slotOf[t.SlotId].Slot.StartsAt)
            .ThenBy(t => t.SlotId)
            .ThenByDescending(t => t.PriorityScore)
            .ThenBy(t => t.QueuedAt)
            .ThenBy(t => t.TokenId)
            .Select(t => new DayPlace(t.TokenId, t.SlotId, t.Status, null, null, false, AwaitsNewSlot)));
        return places;
    }

    /// <summary>
    /// Whether an active token is in the doctor's queue: not one left in a cancelled slot (unless the doctor already
    /// has them in the room). Such a patient waits for the desk to give them a new slot, so no screen may count them
    /// as waiting, show them as next or offer to call them. Every reader of the day asks here.
    /// </summary>
    public static bool InDoctorsQueue(TokenStatus status, SlotStatus slotStatus) =>
        status.IsActive() && (slotStatus != SlotStatus.Cancelled || status == TokenStatus.InConsultation);

    /// <summary>
    /// The doctor's next patient: the first checked-in patient of the day; bookings not yet here are passed over, and
    /// so are patients sent back as "not here" (<paramref name="awaitingRecall"/>): they were not at the door, so
    /// calling them again is the doctor's Recall, which counts towards their being absent, never "next".
    /// </summary>
    public static DayPlace? NextToCall(IEnumerable<DayPlace> places, int? inSlot = null, IReadOnlySet<int>? awaitingRecall = null) =>
        places.FirstOrDefault(p => p.Status == TokenStatus.Waiting && p.Position is not null && (inSlot is null || p.SlotId == inSlot)
            && awaitingRecall?.Contains(p.TokenId) != true);

    private static bool IsCheckedInEmergency(DayEntry token) =>
        token.Source == TokenSource.Emergency && token.Status == TokenStatus.Waiting;

    private static IEnumerable<DayEntry> InOrder(IEnumerable<DayEntry> tokens) =>
        tokens.OrderByDescending(t => t.PriorityScore).ThenBy(t => t.QueuedAt).ThenBy(t => t.TokenId);

    private static DateTime Begins(SlotState slot) => slot.StartsAt.AddMinutes(slot.DelayMinutes);

    /// <summary>
    /// When each slot of the day can begin. A delay is a fact about the doctor: no slot begins before an earlier slot's
    /// delayed start, even when that earlier slot has nobody in it. Cancelled slots are not run and hold nothing back.
    /// </summary>
    public static IReadOnlyDictionary<int, DateTime> BeginsOf(IEnumerable<DayQueueSlot> slots)
    {
        var begins = new Dictionary<int, DateTime>();
        DateTime? heldUntil = null;
        foreach (var slot in slots.Select(s => s.Slot).OrderBy(s => s.StartsAt).ThenBy(s => s.Id))
        {
            var own = Begins(slot);
            begins[slot.Id] = heldUntil is { } held && held > own ? held : own;
            if (slot.Status != SlotStatus.Cancelled)
            {
                heldUntil = Later(heldUntil ?? own, own);
            }
        }

        return begins;
    }

    /// <summary>The slot runs as long after its start as it was meant to, from the moment it can begin.</summary>
    private static DateTime RunsUntil(SlotState slot, IReadOnlyDictionary<int, DateTime> begins) =>
        Later(slot.RunsUntil, slot.EndsAt + (begins[slot.Id] - slot.StartsAt));

    private static DateTime Later(DateTime a, DateTime b) => a > b ? a : b;

    /// <summary>Why the token stands where it does, in a receptionist's words.</summary>
    public static string Reason(DayEntry token, SlotState slot, PriorityWeights weights) => Reason(token, slot, weights, null);

    private static string Reason(DayEntry token, SlotState slot, PriorityWeights weights, Dictionary<(TokenSource, int), string>? placesInSlot)
    {
        if (token.Status == TokenStatus.InConsultation)
        {
            return WithDoctor;
        }

        if (slot.Status == SlotStatus.Cancelled)
        {
            return AwaitsNewSlot;
        }

        if (IsCheckedInEmergency(token))
        {
            return EmergencyFirst;
        }

        var here = token.Status == TokenStatus.Waiting;
        var who = token.Source switch
        {
            TokenSource.WalkIn => here ? $"Walk-in, arrived {token.QueuedAt:HH:mm}" : "Walk-in, not here yet",
            TokenSource.Priority => here ? $"Priority, arrived {token.QueuedAt:HH:mm}" : "Priority, not here yet",
            TokenSource.Online => here ? "Booked online, checked in" : "Booked online, not checked in yet",
            TokenSource.FollowUp => here ? "Follow-up, checked in" : "Follow-up, not checked in yet",
            _ => "Emergency, not here yet",
        };
        if (placesInSlot is null || !placesInSlot.TryGetValue((token.Source, slot.Id), out var place))
        {
            place = PlaceInSlot(token.Source, slot, weights);
            placesInSlot?.Add((token.Source, slot.Id), place);
        }

        return $"{who}; {place}";
    }

    /// <summary>Which kinds of patient of the same slot come before or after this one, by the weights.</summary>
    private static string PlaceInSlot(TokenSource source, SlotState slot, PriorityWeights weights)
    {
        var routine = new[] { TokenSource.Priority, TokenSource.FollowUp, TokenSource.Online, TokenSource.WalkIn };
        var mine = weights.For(source);
        var ahead = routine.Where(s => weights.For(s) > mine).ToList();
        var behind = routine.Where(s => weights.For(s) < mine).ToList();
        var ofSlot = $"of the {slot.Start:HH:mm} slot";
        if (ahead.Count > 0)
        {
            return $"after {Names(ahead)} {ofSlot}";
        }

        return behind.Count > 0 ? $"before {Names(behind)} {ofSlot}" : $"in order of arrival {ofSlot}";
    }

    private static string Names(IReadOnlyList<TokenSource> sources)
    {
        var names = sources.Select(s => s switch
        {
            TokenSource.Priority => "priority patients",
            TokenSource.FollowUp => "follow-ups",
            TokenSource.Online => "online bookings",
            _ => "walk-ins",
        }).ToList();
        if (names.Contains("follow-ups") && names.Contains("online bookings"))
        {
            names[names.IndexOf("follow-ups")] = "bookings";
            names.Remove("online bookings");
        }

        return names.Count == 1 ? names[0] : $"{string.Join(", ", names[..^1])} and {names[^1]}";
    }
}

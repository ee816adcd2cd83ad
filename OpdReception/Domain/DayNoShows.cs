namespace OpdReception.Domain;

/// <summary>
/// Something that moved the doctor's day: a consultation ended, a checked-in patient was called or left (of
/// <paramref name="SlotId"/>, by an emergency or not), or the slot's delay changed.
/// </summary>
public sealed record DayMove(DateTime At, int SlotId, bool Emergency = false);

/// <summary>
/// Booked patients whose turn came and went, judged on the same day timeline the patient is shown (<see cref="DayQueue"/>).
/// </summary>
public static class DayNoShows
{
    /// <summary>
    /// A booking's turn has come when no checked-in patient stands ahead of it in the doctor's day and the doctor is
    /// not with a patient it waits behind: an emergency of any slot, or a patient of an earlier slot or of its own
    /// slot. A doctor who has called a patient of a later slot has passed over the booking: its turn came and
    /// went. It is then given the timeout from the latest of: its place in the day's schedule (the delays of earlier
    /// slots included), the moment it came into its slot, and the last move of the day ahead of it (a consultation of
    /// an earlier or its own slot, or of an emergency, ended; such a patient was called or left; such a slot's delay
    /// changed). So nobody is marked absent while the doctor is with someone ahead of them, nor before their turn.
    /// </summary>
    /// <param name="inSlotSince">When each booking came into its slot (issued or moved there).</param>
    public static IReadOnlyList<int> OverdueBookings(
        IReadOnlyCollection<DayQueueSlot> slots, IReadOnlyCollection<DayEntry> tokens, DateTime now, int noShowTimeoutMinutes,
        IReadOnlyCollection<DayMove> moves, IReadOnlyDictionary<int, DateTime> inSlotSince, PriorityWeights? weights = null)
    {
        var slotOf = slots.ToDictionary(s => s.Slot.Id, s => s.Slot);
        var begins = DayQueue.BeginsOf(slots);
        var dayBegins = slots.Where(s => s.Slot.Status != SlotStatus.Cancelled).Select(s => begins[s.Slot.Id]).DefaultIfEmpty(DateTime.MinValue).Min();
        var withDoctor = tokens.Where(t => t.Status == TokenStatus.InConsultation && slotOf.TryGetValue(t.SlotId, out var s) && s.Status != SlotStatus.Cancelled).ToList();

        // The schedule as planned, not as shown now: an arrangement at "now" never puts anyone in the past, and the
        // patient with the doctor would put everyone after the end of that consultation.
        var schedule = DayQueue.Arrange(slots, [.. tokens.Where(t => t.Status != TokenStatus.InConsultation)], DateTime.MinValue, weights);
        var entries = tokens.ToDictionary(t => t.TokenId);
        var overdue = new List<int>();
        foreach (var place in schedule.Where(p => p.Position is not null))
        {
            if (place.Status == TokenStatus.Waiting)
            {
                break;
            }

            var booking = entries[place.TokenId];
            if (withDoctor.Any(c => StandsAhead(c, booking, slotOf)))
            {
                continue;
            }

            var came = inSlotSince.TryGetValue(place.TokenId, out var since) ? since : booking.QueuedAt;
            var lastMoved = moves.Where(m => m.Emergency || slotOf.TryGetValue(m.SlotId, out var s) && s.StartsAt <= slotOf[booking.SlotId].StartsAt)
                .Select(m => m.At).DefaultIfEmpty(dayBegins).Max();
            var due = new[] { place.EstimatedTime!.Value, came, lastMoved, dayBegins }.Max();
            if (now > due.AddMinutes(noShowTimeoutMinutes))
            {
                overdue.Add(place.TokenId);
            }
        }

        return overdue;
    }

    /// <summary>
    /// Whether the doctor is with someone the booking waits behind: an emergency, a patient of an earlier slot, or
    /// anyone of its own slot (a walk-in called while the booking is not yet due is no sign the booking's turn passed).
    /// </summary>
    private static bool StandsAhead(DayEntry withDoctor, DayEntry booking, IReadOnlyDictionary<int, SlotState> slotOf)
    {
        if (withDoctor.Source == TokenSource.Emergency)
        {
            return true;
        }

        var (theirs, mine) = (slotOf[withDoctor.SlotId], slotOf[booking.SlotId]);
        return theirs.Id == mine.Id || theirs.StartsAt < mine.StartsAt || (theirs.StartsAt == mine.StartsAt && theirs.Id < mine.Id);
    }
}

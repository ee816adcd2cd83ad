namespace OpdReception.Domain;

/// <param name="QueuedAt">The arrival the queue orders by.</param>
/// <param name="InSlotSince">When the token came into this slot (issued or moved here); defaults to its arrival.</param>
public sealed record QueueEntry(int TokenId, TokenStatus Status, int PriorityScore, DateTime QueuedAt, DateTime? InSlotSince = null);

/// <summary>Where an active token stands: position counts only patients not yet called.</summary>
public sealed record QueuePlace(int TokenId, TokenStatus Status, int? Position, DateTime? EstimatedTime, bool PastSlotEnd);

public static class Queue
{
    /// <summary>Weight first, then first come first served; the id settles exact ties so the order is total.</summary>
    public static IEnumerable<QueueEntry> InOrder(IEnumerable<QueueEntry> entries) =>
        entries.OrderByDescending(e => e.PriorityScore).ThenBy(e => e.QueuedAt).ThenBy(e => e.TokenId);

    /// <summary>
    /// The active tokens of a slot, the one in consultation first, each waiting token with its position and
    /// estimated time: slot start + delay + one consultation for everyone seen, being seen or ahead in the queue.
    /// Given the time now, an estimate the doctor has fallen behind moves on to now + the consultations ahead,
    /// so nobody in the waiting room is shown a time already past.
    /// </summary>
    public static IReadOnlyList<QueuePlace> Arrange(SlotState slot, IEnumerable<QueueEntry> tokensOfSlot, int minutesPerConsultation, DateTime? now = null)
    {
        var all = tokensOfSlot.ToList();
        var seen = all.Count(t => t.Status is TokenStatus.Completed or TokenStatus.InConsultation);
        var beingSeen = all.Count(t => t.Status == TokenStatus.InConsultation);
        var begins = slot.StartsAt.AddMinutes(slot.DelayMinutes);
        var places = new List<QueuePlace>();
        places.AddRange(InOrder(all.Where(t => t.Status == TokenStatus.InConsultation))
            .Select(t => new QueuePlace(t.TokenId, t.Status, null, null, false)));
        var position = 0;
        foreach (var token in InOrder(all.Where(t => t.Status.IsPending())))
        {
            position++;
            var estimate = begins.AddMinutes((seen + position - 1) * minutesPerConsultation);
            if (now is { } current && current.AddMinutes((beingSeen + position - 1) * minutesPerConsultation) is var live && live > estimate)
            {
                estimate = live;
            }

            places.Add(new QueuePlace(token.TokenId, token.Status, position, estimate, estimate >= slot.EndsAt));
        }

        return places;
    }

    /// <summary>
    /// Booked patients whose turn came and went. Their turn has come when the doctor is free (here and in their
    /// other slots) and no checked-in patient is ahead of them; they are then given the timeout from the latest of:
    /// their place in the schedule, the moment they came into this slot, and the last moment the queue moved for
    /// them (<paramref name="queueLastMoved"/>: a consultation ended, someone ahead left, the delay changed). So
    /// nobody is marked absent while the doctor is busy with others, nor before a time they were given.
    /// </summary>
    public static IReadOnlyList<int> OverdueBookings(
        SlotState slot, IReadOnlyCollection<QueueEntry> tokensOfSlot, int minutesPerConsultation, DateTime now, int noShowTimeoutMinutes,
        DateTime queueLastMoved, bool doctorBusyElsewhere = false)
    {
        if (doctorBusyElsewhere || tokensOfSlot.Any(t => t.Status == TokenStatus.InConsultation))
        {
            return [];
        }

        var entries = tokensOfSlot.ToDictionary(t => t.TokenId);
        var overdue = new List<int>();
        foreach (var place in Arrange(slot, tokensOfSlot, minutesPerConsultation))
        {
            if (place.Status == TokenStatus.Waiting)
            {
                break;
            }

            var entry = entries[place.TokenId];
            var due = Latest(place.EstimatedTime!.Value, entry.InSlotSince ?? entry.QueuedAt, queueLastMoved);
            if (now > due.AddMinutes(noShowTimeoutMinutes))
            {
                overdue.Add(place.TokenId);
            }
        }

        return overdue;
    }

    private static DateTime Latest(params DateTime[] times) => times.Max();
}

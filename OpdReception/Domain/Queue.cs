namespace OpdReception.Domain;

public sealed record QueueEntry(int TokenId, TokenStatus Status, int PriorityScore, DateTime QueuedAt);

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
    /// Booked patients who have not checked in by their time plus the timeout. Their time is the schedule's
    /// estimate (not moved on by the clock), but never earlier than when they booked: a patient who books a
    /// running slot is given the time of booking, not a moment already past.
    /// </summary>
    public static IEnumerable<int> OverdueBookings(SlotState slot, IReadOnlyCollection<QueueEntry> tokensOfSlot, int minutesPerConsultation, DateTime now, int noShowTimeoutMinutes)
    {
        var bookedAt = tokensOfSlot.ToDictionary(t => t.TokenId, t => t.QueuedAt);
        return Arrange(slot, tokensOfSlot, minutesPerConsultation)
            .Where(p => p.Status == TokenStatus.Booked && p.EstimatedTime is { } at
                && now > Later(at, bookedAt[p.TokenId]).AddMinutes(noShowTimeoutMinutes))
            .Select(p => p.TokenId)
            .ToList();
    }

    private static DateTime Later(DateTime a, DateTime b) => a > b ? a : b;
}

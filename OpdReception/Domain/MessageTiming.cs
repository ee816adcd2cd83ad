namespace OpdReception.Domain;

/// <summary>What a change of delay means for one patient: tell them now, or carry the shift until it adds up.</summary>
public abstract record DelayNotice(int TokenId);

/// <param name="MinutesLater">Later than the patient was last told (at issue or by the last notice).</param>
public sealed record TellDelay(int TokenId, DateTime Expected, int MinutesLater) : DelayNotice(TokenId);

/// <param name="Untold">The shift not yet told, carried to the next change of delay.</param>
public sealed record CarryDelay(int TokenId, int Untold) : DelayNotice(TokenId);

/// <summary>When the turn-near and delay messages are due. Pure: the queue's places and the clock are parameters.</summary>
public static class MessageTiming
{
    /// <summary>
    /// The patients whose turn is near and who were not told yet: not called, with a place in the queue, and either
    /// expected within <paramref name="minutes"/> or within <paramref name="positions"/> of the door once their slot
    /// has begun (position 2 of tomorrow's or of a slot not started is not "near").
    /// </summary>
    public static IReadOnlyList<DayPlace> TurnNear(
        IEnumerable<DayPlace> places, IReadOnlyDictionary<int, DateTime> slotBegins, IReadOnlySet<int> alreadyTold, DateTime now, int minutes, int positions) =>
        places.Where(p => p.Status.IsPending() && p is { Position: not null, EstimatedTime: not null } && !alreadyTold.Contains(p.TokenId))
            .Where(p => p.EstimatedTime <= now.AddMinutes(minutes)
                        || (p.Position <= positions && slotBegins.TryGetValue(p.SlotId, out var begins) && begins <= now))
            .ToList();

    /// <summary>
    /// A doctor's or slot's delay changed: each patient still waiting whose estimate it moved carries the shift, added to
    /// what they were not told yet. Once the total reaches <paramref name="threshold"/> minutes later, they are told and
    /// the count starts again; a delay taken back counts down, so a patient is never told twice of the same lateness.
    /// </summary>
    public static IReadOnlyList<DelayNotice> Delays(
        IEnumerable<DayPlace> before, IEnumerable<DayPlace> after, IReadOnlyDictionary<int, int> untold, int threshold)
    {
        var was = before.Where(p => p.EstimatedTime is not null).ToDictionary(p => p.TokenId, p => p.EstimatedTime!.Value);
        var notices = new List<DelayNotice>();
        foreach (var place in after.Where(p => p.Status.IsPending() && p.EstimatedTime is not null))
        {
            if (!was.TryGetValue(place.TokenId, out var old))
            {
                continue;
            }

            var shift = (int)Math.Round((place.EstimatedTime!.Value - old).TotalMinutes);
            if (shift == 0)
            {
                continue;
            }

            var total = untold.GetValueOrDefault(place.TokenId) + shift;
            notices.Add(total >= threshold
                ? new TellDelay(place.TokenId, place.EstimatedTime.Value, total)
                : new CarryDelay(place.TokenId, total));
        }

        return notices;
    }
}

namespace OpdReception.Domain;

/// <summary>The routine order after ageing, with the reason of each walk-in it moved up.</summary>
public sealed record AgedOrder(IReadOnlyList<DayEntry> Order, IReadOnlyDictionary<int, string> Reasons);

/// <summary>
/// Ageing (Opd:MaxOvertakes): no waiting walk-in is overtaken by more than that many later arrivals. Walk-ins have the
/// lightest weight, so without it every heavier patient who checks in after them goes first, however long they wait.
/// <para>
/// An overtake of a waiting walk-in W is a patient of the same doctor's day, of any slot, who joined the waiting line
/// after W (see <see cref="WaitingSince"/>) and went first (with the doctor or seen) or stands ahead of W in the order,
/// emergencies excepted. A booking of an earlier slot that arrives late is a later arrival like any other, with one
/// exception: a patient of an earlier slot who arrived before W's own slot began. W came early for a later slot, and
/// the doctor seeing that slot's patients before W's slot begins is the schedule; moving W ahead of them would call W
/// before their slot, earlier than they were told. Patients not checked in overtake nobody until they are here.
/// </para>
/// </summary>
public static class Ageing
{
    /// <summary>
    /// Since when the patient stands in the waiting line: their check-in, or later if they were sent to the back since
    /// (the doctor's "not here", an arrival after the grace period).
    /// </summary>
    public static DateTime WaitingSince(DayEntry entry) =>
        entry.CheckedInAt is { } checkedIn && checkedIn > entry.QueuedAt ? checkedIn : entry.QueuedAt;

    /// <summary>
    /// The one definition of an overtake, for the engine and the simulation's count alike. Each patient is given by
    /// their source, since when they wait (<see cref="WaitingSince"/>) and when their slot begins (with its delay).
    /// </summary>
    public static bool IsOvertake(Waiter walkIn, Waiter other) =>
        other.Source != TokenSource.Emergency && other.Since > walkIn.Since
        && (other.SlotBegins >= walkIn.SlotBegins || other.Since > walkIn.SlotBegins);

    /// <summary>A patient as an overtake is judged: who, waiting since when, for a slot that begins when.</summary>
    public readonly record struct Waiter(TokenSource Source, DateTime Since, DateTime SlotBegins);

    /// <summary>
    /// The day's tokens, each waiting walk-in with <see cref="DayEntry.OvertakenBy"/> set to the later arrivals of any
    /// slot who already went first. <paramref name="dayTokens"/> is the whole day, the finished tokens
    /// too: they are the ones who went first, and the order the rules arrange holds only the active ones.
    /// </summary>
    public static IReadOnlyList<DayEntry> WithOvertakes(IReadOnlyCollection<DayQueueSlot> slots, IReadOnlyList<DayEntry> dayTokens)
    {
        var begins = DayQueue.BeginsOf(slots);
        var wentFirst = dayTokens
            .Where(t => t.Status is TokenStatus.InConsultation or TokenStatus.Completed && begins.ContainsKey(t.SlotId))
            .Select(t => new Waiter(t.Source, WaitingSince(t), begins[t.SlotId]))
            .ToList();
        if (wentFirst.Count == 0)
        {
            return dayTokens;
        }

        return dayTokens.Select(t =>
        {
            if (!IsAgeing(t) || !begins.TryGetValue(t.SlotId, out var slotBegins))
            {
                return t;
            }

            var walkIn = new Waiter(t.Source, WaitingSince(t), slotBegins);
            return t with { OvertakenBy = wentFirst.Count(w => IsOvertake(walkIn, w)) };
        }).ToList();
    }

    /// <summary>
    /// The routine order (slot by slot, within a slot by weight then arrival) with every waiting walk-in who would be
    /// overtaken more than <paramref name="maxOvertakes"/> times moved up, to just before the first later arrival
    /// beyond the limit. Walk-ins are taken longest-waiting first and never moved ahead of a walk-in waiting longer for
    /// whom they would be an overtake, so several aged walk-ins keep their own order and none costs another its place. Null leaves the order as it is.
    /// <paramref name="begins"/> is when each slot can begin (<see cref="DayQueue.BeginsOf"/>).
    /// </summary>
    public static AgedOrder MoveUp(IReadOnlyList<DayEntry> routine, int? maxOvertakes, IReadOnlyDictionary<int, DateTime> begins)
    {
        var reasons = new Dictionary<int, string>();
        if (maxOvertakes is not { } limit)
        {
            return new AgedOrder(routine, reasons);
        }

        var order = routine.ToList();
        foreach (var walkIn in routine.Where(IsAgeing).OrderBy(WaitingSince).ThenBy(t => t.TokenId))
        {
            var at = order.IndexOf(walkIn);
            var allowance = Math.Max(0, limit - walkIn.OvertakenBy);
            var overtakers = 0;
            int? beyond = null;
            var floor = 0;
            for (var i = 0; i < at; i++)
            {
                var ahead = order[i];
                if (IsAgeing(ahead) && WaitsLonger(ahead, walkIn) && !PassesFreely(walkIn, ahead, begins))
                {
                    floor = i + 1;
                }

                if (Overtakes(ahead, walkIn, begins) && ++overtakers == allowance + 1)
                {
                    beyond = i;
                }
            }

            var to = beyond is { } first ? Math.Max(first, floor) : at;
            if (to >= at)
            {
                continue;
            }

            order.RemoveAt(at);
            order.Insert(to, walkIn);
            var total = walkIn.OvertakenBy + order.Take(to).Count(t => Overtakes(t, walkIn, begins));
            reasons[walkIn.TokenId] = Reason(WaitingSince(walkIn), total);
        }

        return new AgedOrder(order, reasons);
    }

    /// <summary>Why an aged walk-in stands where they do: "waiting since 09:12; moved up after 8 later arrivals went first".</summary>
    public static string Reason(DateTime waitingSince, int overtakes) => $"Walk-in, waiting since {waitingSince:HH:mm}{MovedUpWords}" + overtakes switch
    {
        0 => "ahead of later arrivals",
        1 => "after 1 later arrival went first",
        _ => $"after {overtakes} later arrivals went first",
    };

    /// <summary>Whether a place's reason is ageing's: the console shows those beside the patient, who stands out of the usual order.</summary>
    public static bool MovedUp(string? reason) => reason?.Contains(MovedUpWords, StringComparison.Ordinal) == true;

    private const string MovedUpWords = "; moved up ";

    private static bool IsAgeing(DayEntry token) => token.Source == TokenSource.WalkIn && token.Status == TokenStatus.Waiting;

    private static bool WaitsLonger(DayEntry a, DayEntry b) =>
        WaitingSince(a) < WaitingSince(b) || (WaitingSince(a) == WaitingSince(b) && a.TokenId < b.TokenId);

    /// <summary>Whether a patient standing ahead of the walk-in overtakes them: one here, by <see cref="IsOvertake"/>.</summary>
    private static bool Overtakes(DayEntry ahead, DayEntry walkIn, IReadOnlyDictionary<int, DateTime> begins) =>
        ahead.Status == TokenStatus.Waiting && IsOvertake(Of(walkIn, begins), Of(ahead, begins));

    /// <summary>
    /// Whether a walk-in may go ahead of a walk-in waiting longer: only one of another slot whom the longer-waiting one
    /// does not count as an overtake (of an earlier slot, here before theirs began); else the move costs them their place.
    /// </summary>
    private static bool PassesFreely(DayEntry walkIn, DayEntry waitingLonger, IReadOnlyDictionary<int, DateTime> begins) =>
        walkIn.SlotId != waitingLonger.SlotId && !IsOvertake(Of(waitingLonger, begins), Of(walkIn, begins));

    private static Waiter Of(DayEntry token, IReadOnlyDictionary<int, DateTime> begins) => new(token.Source, WaitingSince(token), begins[token.SlotId]);
}

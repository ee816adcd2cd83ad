namespace OpdReception.Domain;

/// <summary>A slot of the doctor's day as the end-of-day rule sees it.</summary>
public sealed record EndOfDaySlot(int Id, SlotStatus Status, DateTime RunsUntil);

/// <summary>An active token of the doctor's day.</summary>
public sealed record EndOfDayToken(int TokenId, int SlotId, TokenStatus Status);

public abstract record EndOfDayDecision;

/// <summary>The doctor's day has not run out yet; nothing changes before <paramref name="ClosesAt"/>.</summary>
public sealed record DayStillOpen(DateTime ClosesAt) : EndOfDayDecision;

/// <summary>The day is over: these tokens close, and the day is never looked at again.</summary>
public sealed record DayOver(IReadOnlyList<Closure> Closures) : EndOfDayDecision;

public sealed record Closure(int TokenId, TokenStatus From, TokenStatus To, string Reason);

/// <summary>
/// What is left of a doctor's day once its last slot has run out and late arrivals have had their grace: a booking
/// nobody came for is a no-show, a patient still waiting is sent home, a consultation left open is completed.
/// </summary>
public static class EndOfDay
{
    public const string NeverCame = "Not checked in before the OPD closed";
    public const string OpdClosed = "OPD closed before the patient was seen";
    public const string ClosedAutomatically = "closed automatically";

    /// <summary>
    /// The last slot's end, delay included, plus the late-arrival grace. Cancelled slots are not run, so they do not
    /// keep the day open, unless every slot of the day was cancelled.
    /// </summary>
    public static DateTime ClosesAt(IReadOnlyCollection<EndOfDaySlot> slotsOfDay, int lateArrivalGraceMinutes)
    {
        if (slotsOfDay.Count == 0)
        {
            throw new ArgumentException("A doctor's day has at least one slot.", nameof(slotsOfDay));
        }

        var run = slotsOfDay.Where(s => s.Status != SlotStatus.Cancelled).ToList();
        return (run.Count > 0 ? run : slotsOfDay).Max(s => s.RunsUntil).AddMinutes(lateArrivalGraceMinutes);
    }

    /// <summary>
    /// A booking in a cancelled slot is left as it is: it awaits a new slot, perhaps on another day, and its patient
    /// was never expected in this one.
    /// </summary>
    public static EndOfDayDecision Decide(
        IReadOnlyCollection<EndOfDaySlot> slotsOfDay, IReadOnlyCollection<EndOfDayToken> tokensOfDay, DateTime now, int lateArrivalGraceMinutes)
    {
        var closesAt = ClosesAt(slotsOfDay, lateArrivalGraceMinutes);
        if (now < closesAt)
        {
            return new DayStillOpen(closesAt);
        }

        var cancelled = slotsOfDay.Where(s => s.Status == SlotStatus.Cancelled).Select(s => s.Id).ToHashSet();
        var closures = new List<Closure>();
        foreach (var token in tokensOfDay.OrderBy(t => t.TokenId))
        {
            Closure? closure = token.Status switch
            {
                TokenStatus.Booked when cancelled.Contains(token.SlotId) => null,
                TokenStatus.Booked => new(token.TokenId, token.Status, TokenStatus.NoShow, NeverCame),
                TokenStatus.Waiting => new(token.TokenId, token.Status, TokenStatus.Cancelled, OpdClosed),
                TokenStatus.InConsultation => new(token.TokenId, token.Status, TokenStatus.Completed, ClosedAutomatically),
                _ => null,
            };
            if (closure is not null)
            {
                closures.Add(closure);
            }
        }

        return new DayOver(closures);
    }
}

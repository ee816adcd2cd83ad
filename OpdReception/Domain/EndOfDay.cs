namespace OpdReception.Domain;

/// <summary>A slot of the doctor's day as the end-of-day rule sees it.</summary>
public sealed record EndOfDaySlot(int Id, SlotStatus Status, DateTime RunsUntil);

/// <summary>An active token of the doctor's day.</summary>
public sealed record EndOfDayToken(int TokenId, int SlotId, TokenStatus Status);

public abstract record EndOfDayDecision;

/// <summary>The doctor's day has not run out yet; nothing changes before <paramref name="ClosesAt"/>.</summary>
public sealed record DayStillOpen(DateTime ClosesAt) : EndOfDayDecision;

/// <summary>
/// The day's slots have run out, but patients checked in still wait or the doctor is with one: the day goes on until
/// they are seen, and is closed by force only at <paramref name="CutOffAt"/>.
/// </summary>
public sealed record DayStillServing(DateTime CutOffAt) : EndOfDayDecision;

/// <summary>The day is over: these tokens close, and the day is never looked at again.</summary>
/// <param name="AtCutOff">The cut-off closed it with patients checked in: the admin sees it the next morning.</param>
public sealed record DayOver(IReadOnlyList<Closure> Closures, bool AtCutOff = false) : EndOfDayDecision;

public sealed record Closure(int TokenId, TokenStatus From, TokenStatus To, string Reason);

/// <summary>
/// What is left of a doctor's day once its last slot has run out and late arrivals have had their grace. A hospital
/// never sends home a patient it checked in and gave a time to, nor closes a consultation while the doctor works: the
/// day closes when nobody checked in is left, and only a hard cut-off closes it over their heads. A booking nobody
/// came for is a no-show; a booking of a cancelled slot that nobody moved is cancelled.
/// </summary>
public static class EndOfDay
{
    public const string NeverCame = "Not checked in before the OPD closed";
    public const string OpdClosed = "OPD closed before the patient was seen";
    public const string ClosedAutomatically = "closed automatically";
    public const string CutOffUnseen = "Day's cut-off reached before the patient was seen";
    public const string CutOffConsultation = "closed automatically at the day's cut-off";
    public const string SlotCancelledNotRebooked = "slot cancelled, not rebooked";

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
    /// The hard cut-off: the first <paramref name="dayCutOff"/> (a time of day; midnight by default) after the day has
    /// run out. A session delayed past midnight is therefore cut off at the next one, not at the one it ran through.
    /// </summary>
    public static DateTime CutOffAt(DateTime closesAt, TimeOnly dayCutOff)
    {
        var cutOff = closesAt.Date.Add(dayCutOff.ToTimeSpan());
        return cutOff > closesAt ? cutOff : cutOff.AddDays(1);
    }

    public static EndOfDayDecision Decide(
        IReadOnlyCollection<EndOfDaySlot> slotsOfDay, IReadOnlyCollection<EndOfDayToken> tokensOfDay, DateTime now, int lateArrivalGraceMinutes,
        TimeOnly dayCutOff = default)
    {
        var closesAt = ClosesAt(slotsOfDay, lateArrivalGraceMinutes);
        if (now < closesAt)
        {
            return new DayStillOpen(closesAt);
        }

        // A patient checked in holds the day wherever they wait: one left in a cancelled slot is in the hall all the
        // same, waiting for the desk to move them, and is sent home only by the cut-off, which the admin then sees.
        var cancelled = slotsOfDay.Where(s => s.Status == SlotStatus.Cancelled).Select(s => s.Id).ToHashSet();
        var serving = tokensOfDay.Any(t => t.Status is TokenStatus.Waiting or TokenStatus.InConsultation);
        var cutOffAt = CutOffAt(closesAt, dayCutOff);
        if (serving && now < cutOffAt)
        {
            return new DayStillServing(cutOffAt);
        }

        var closures = new List<Closure>();
        foreach (var token in tokensOfDay.OrderBy(t => t.TokenId))
        {
            Closure? closure = token.Status switch
            {
                TokenStatus.Booked when cancelled.Contains(token.SlotId) => new(token.TokenId, token.Status, TokenStatus.Cancelled, SlotCancelledNotRebooked),
                TokenStatus.Booked => new(token.TokenId, token.Status, TokenStatus.NoShow, NeverCame),
                TokenStatus.Waiting when serving => new(token.TokenId, token.Status, TokenStatus.Cancelled, CutOffUnseen),
                TokenStatus.Waiting => new(token.TokenId, token.Status, TokenStatus.Cancelled, OpdClosed),
                TokenStatus.InConsultation when serving => new(token.TokenId, token.Status, TokenStatus.Completed, CutOffConsultation),
                TokenStatus.InConsultation => new(token.TokenId, token.Status, TokenStatus.Completed, ClosedAutomatically),
                _ => null,
            };
            if (closure is not null)
            {
                closures.Add(closure);
            }
        }

        return new DayOver(closures, serving);
    }
}

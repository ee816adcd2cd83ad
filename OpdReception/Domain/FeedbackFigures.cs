namespace OpdReception.Domain;

/// <summary>
/// One patient of a doctor's day as the feedback report reads them.
/// </summary>
/// <param name="Score">Their answer to "How was your visit?", 1 to 5, if they gave one.</param>
/// <param name="ArrivedAt">When they were at the hospital: checked in (a walk-in is checked in by being issued).</param>
/// <param name="CalledAt">The first time the doctor called them in; null when they were never called.</param>
/// <param name="ToldAt">The time they were first told to expect (<c>Token.FirstEstimateAt</c>); null when none was given.</param>
public sealed record VisitFacts(int? Score, DateTime? ArrivedAt, DateTime? CalledAt, DateTime? ToldAt);

/// <summary>A doctor's day in the feedback report.</summary>
/// <param name="Answers">Patients who answered the question.</param>
/// <param name="AverageScore">Their average, to one decimal; null without answers.</param>
/// <param name="Called">Patients called in whose arrival is known: the median is theirs.</param>
/// <param name="MedianWaitMinutes">The median of arrival to first call, in whole minutes; null when nobody was called.</param>
/// <param name="Told">Patients called who had been told a time: the share is of them.</param>
/// <param name="OnTimePercent">Of those, the share called within ±10 minutes of the time they were told, in whole percent.</param>
public sealed record FeedbackDay(int Answers, decimal? AverageScore, int Called, int? MedianWaitMinutes, int Told, int? OnTimePercent);

/// <summary>The feedback report's figures: what the patients said, beside the wait they got and the wait they were told.</summary>
public static class FeedbackFigures
{
    /// <summary>Called within this of the time they were told counts as on time.</summary>
    public static readonly TimeSpan OnTimeTolerance = TimeSpan.FromMinutes(10);

    public static FeedbackDay Of(IReadOnlyCollection<VisitFacts> visits)
    {
        var scores = visits.Where(v => v.Score is not null).Select(v => v.Score!.Value).ToList();
        var waits = visits.Select(v => Wait(v.ArrivedAt, v.CalledAt)).OfType<TimeSpan>().ToList();
        var told = visits.Where(v => v is { ToldAt: not null, CalledAt: not null }).ToList();
        var onTime = told.Count(v => OnTime(v.ToldAt!.Value, v.CalledAt!.Value));
        return new FeedbackDay(scores.Count, Average(scores), waits.Count, MedianMinutes(waits), told.Count, Percent(onTime, told.Count));
    }

    /// <summary>The average to one decimal, halves away from zero (4.25 is 4.3).</summary>
    public static decimal? Average(IReadOnlyCollection<int> scores) =>
        scores.Count == 0 ? null : Math.Round((decimal)scores.Sum() / scores.Count, 1, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Arrival to first call. A patient called before they were marked arrived (checked in late by the desk) waited
    /// no time at all, never a negative one; nobody called or no arrival known: no wait.
    /// </summary>
    public static TimeSpan? Wait(DateTime? arrivedAt, DateTime? calledAt) =>
        arrivedAt is { } arrived && calledAt is { } called ? (called > arrived ? called - arrived : TimeSpan.Zero) : null;

    /// <summary>The middle wait (the mean of the two middle ones for an even count), in whole minutes, halves up.</summary>
    public static int? MedianMinutes(IReadOnlyCollection<TimeSpan> waits)
    {
        if (waits.Count == 0)
        {
            return null;
        }

        var sorted = waits.Order().ToList();
        var middle = sorted.Count / 2;
        var median = sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return (int)Math.Round(median.TotalMinutes, MidpointRounding.AwayFromZero);
    }

    /// <summary>Called no more than ten minutes before or after the time they were told.</summary>
    public static bool OnTime(DateTime toldAt, DateTime calledAt) => (calledAt - toldAt).Duration() <= OnTimeTolerance;

    /// <summary>A share in whole percent, halves up; null of nobody.</summary>
    public static int? Percent(int part, int whole) =>
        whole == 0 ? null : (int)Math.Round(100m * part / whole, MidpointRounding.AwayFromZero);
}

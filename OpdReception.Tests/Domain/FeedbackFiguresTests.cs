using OpdReception.Domain;

namespace OpdReception.Tests.Domain;

/// <summary>The feedback report's figures: the average answer, the median wait and the share called within ten minutes of the time told.</summary>
public sealed class FeedbackFiguresTests
{
    private static readonly DateTime Nine = new(2030, 1, 7, 9, 0, 0);

    private static DateTime At(int minutes) => Nine.AddMinutes(minutes);

    public static TheoryData<int[], decimal?> Averages => new()
    {
        { [], null },
        { [5], 5.0m },
        { [5, 2], 3.5m },
        { [4, 4, 5], 4.3m },
        { [1, 2, 2], 1.7m },
        { [4, 5, 4, 4], 4.3m },
        { [3, 3, 3, 4, 4, 4, 4, 4], 3.6m },
        { [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2], 1.5m },
    };

    [Theory]
    [MemberData(nameof(Averages))]
    public void The_average_score_has_one_decimal_with_halves_rounded_up(int[] scores, decimal? average) =>
        Assert.Equal(average, FeedbackFigures.Average(scores));

    public static TheoryData<double[], int?> Medians => new()
    {
        { [], null },
        { [12], 12 },
        { [30, 5], 18 },
        { [40, 10, 20], 20 },
        { [10, 20, 30, 100], 25 },
        { [0, 0, 90], 0 },
        { [7.4], 7 },
        { [7.5], 8 },
        { [5, 6], 6 },
        { [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 6 },
    };

    [Theory]
    [MemberData(nameof(Medians))]
    public void The_median_wait_is_the_middle_one_or_the_mean_of_the_two_middle_ones_in_whole_minutes(double[] minutes, int? median) =>
        Assert.Equal(median, FeedbackFigures.MedianMinutes(minutes.Select(TimeSpan.FromMinutes).ToList()));

    public static TheoryData<DateTime?, DateTime?, TimeSpan?> Waits => new()
    {
        { At(0), At(25), TimeSpan.FromMinutes(25) },
        { At(10), At(10), TimeSpan.Zero },
        { At(30), At(20), TimeSpan.Zero },
        { At(0), null, null },
        { null, At(20), null },
    };

    [Theory]
    [MemberData(nameof(Waits))]
    public void The_wait_runs_from_arrival_to_the_first_call_and_is_never_negative(DateTime? arrived, DateTime? called, TimeSpan? wait) =>
        Assert.Equal(wait, FeedbackFigures.Wait(arrived, called));

    [Theory]
    [InlineData(0, true)]
    [InlineData(10, true)]
    [InlineData(-10, true)]
    [InlineData(11, false)]
    [InlineData(-11, false)]
    [InlineData(45, false)]
    public void Called_within_ten_minutes_either_side_of_the_time_told_is_on_time(int calledMinutesAfterTold, bool onTime) =>
        Assert.Equal(onTime, FeedbackFigures.OnTime(At(0), At(calledMinutesAfterTold)));

    [Theory]
    [InlineData(0, 0, null)]
    [InlineData(0, 3, 0)]
    [InlineData(1, 2, 50)]
    [InlineData(1, 3, 33)]
    [InlineData(2, 3, 67)]
    [InlineData(1, 8, 13)]
    [InlineData(4, 4, 100)]
    public void The_share_on_time_is_in_whole_percent_and_none_of_nobody(int part, int whole, int? percent) =>
        Assert.Equal(percent, FeedbackFigures.Percent(part, whole));

    public static TheoryData<VisitFacts[], FeedbackDay> Days => new()
    {
        { [], new FeedbackDay(0, null, 0, null, 0, null) },
        {
            // Told 9:00 and called 9:05 after arriving at 9:00; told 9:10 and called 9:30 after arriving at 9:00.
            [new VisitFacts(5, At(0), At(5), At(0)), new VisitFacts(2, At(0), At(30), At(10))],
            new FeedbackDay(2, 3.5m, 2, 18, 2, 50)
        },
        {
            // A booking called before it was told anything counts in the wait only; one who never answered counts in the wait and the share.
            [new VisitFacts(null, At(0), At(12), null), new VisitFacts(4, At(0), At(20), At(15)), new VisitFacts(null, At(5), At(50), At(20))],
            new FeedbackDay(1, 4.0m, 3, 20, 2, 50)
        },
        {
            // An answer from a patient whose call is not on record adds to the answers, not to the waits.
            [new VisitFacts(1, At(0), null, At(0))],
            new FeedbackDay(1, 1.0m, 0, null, 0, null)
        },
    };

    [Theory]
    [MemberData(nameof(Days))]
    public void A_doctors_day_puts_the_answers_beside_the_wait_got_and_the_wait_told(VisitFacts[] visits, FeedbackDay figures) =>
        Assert.Equal(figures, FeedbackFigures.Of(visits));
}

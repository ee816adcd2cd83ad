using OpdReception.Simulation;

namespace OpdReception.Tests.Simulation;

/// <summary>Which time told each figure judges, and the figures of ranges and squared errors, on hand-made patients.</summary>
public sealed class FirstToldTests
{
    private static readonly DateTime Day = new(2026, 12, 7);

    private static DateTime At(int hour, int minute) => Day.AddHours(hour).AddMinutes(minute);

    private static readonly CalledPatient Booking = new("Online", "Dr. A",
        [
            new(EstimateMoment.Issued, At(7, 30), At(9, 10)),     // booked in the morning
            new(EstimateMoment.CheckedIn, At(9, 0), At(9, 40)),   // arrives: the time planned around
            new(EstimateMoment.Moved, At(9, 45), At(10, 20)),     // moved 35 minutes before the call
            new(EstimateMoment.Moved, At(10, 15), At(10, 25)),    // and again, 5 minutes before it
        ],
        At(9, 0), At(10, 20));

    private static readonly CalledPatient WalkIn = new("Walk-in", "Dr. A",
        [
            new(EstimateMoment.Issued, At(9, 5), At(9, 30)),
            new(EstimateMoment.Moved, At(9, 20), At(9, 50)),
        ],
        At(9, 5), At(9, 55));

    [Fact]
    public void A_booking_is_first_told_at_check_in_and_a_walk_in_at_issue_whatever_moves_follow()
    {
        Assert.Equal(At(9, 40), Booking.FirstTold!.Estimate);
        Assert.Equal(At(9, 30), WalkIn.FirstTold!.Estimate);
    }

    [Fact]
    public void The_last_time_told_half_an_hour_before_the_call_ignores_later_updates()
    {
        Assert.Equal(At(10, 25), Booking.LastTold!.Estimate);
        Assert.Equal(At(10, 20), Booking.LastToldThirtyMinutesBefore!.Estimate);
        Assert.Equal(At(9, 50), WalkIn.LastToldThirtyMinutesBefore!.Estimate); // moved at 09:20, 35 minutes before the call
    }

    [Fact]
    public void A_patient_told_only_in_the_last_half_hour_has_no_time_told_thirty_minutes_before()
    {
        var quick = new CalledPatient("Priority", "Dr. A", [new(EstimateMoment.Issued, At(9, 0), At(9, 15))], At(9, 0), At(9, 20));

        var eta = EtaAccuracy.Of([quick, Booking], ["Priority", "Online"], ToldTime.LastThirtyMinutesBefore, Estimator.InUse);

        Assert.Null(quick.LastToldThirtyMinutesBefore);
        Assert.Equal(1, eta.Patients);
        Assert.Equal(0, eta.BySource["Priority"].Patients);
    }

    [Fact]
    public void The_headline_judges_each_patients_first_time_told()
    {
        var eta = EtaAccuracy.Of([Booking, WalkIn], ["Online", "Walk-in"], ToldTime.First, Estimator.InUse);

        Assert.Equal(40, eta.BySource["Online"].MedianSignedMinutes);  // 10:20 against 09:40
        Assert.Equal(25, eta.BySource["Walk-in"].MedianSignedMinutes); // 09:55 against 09:30
        Assert.Equal(1112.5, eta.MeanSquaredError);                     // (40² + 25²) / 2
    }

    [Fact]
    public void The_baseline_judges_the_nominal_time_and_falls_back_to_the_estimate_when_it_was_nominal()
    {
        var learned = new CalledPatient("Online", "Dr. A",
            [new(EstimateMoment.CheckedIn, At(9, 0), At(9, 40), At(9, 30), At(9, 55), Nominal: At(9, 20))], At(9, 0), At(9, 45));

        var baseline = EtaAccuracy.Of([learned, WalkIn], ["Online", "Walk-in"], ToldTime.First, Estimator.Nominal);

        Assert.Equal(25, baseline.BySource["Online"].MedianSignedMinutes); // 09:45 against the nominal 09:20
        Assert.Equal(25, baseline.BySource["Walk-in"].MedianSignedMinutes); // no nominal recorded: its estimate was the nominal one
        Assert.Equal(0, baseline.RangesTold);
        Assert.Null(baseline.WithinRangeShare);
        Assert.Null(baseline.LateBeyondRangeShare);
        Assert.Null(baseline.MedianRangeWidthMinutes);
    }

    [Theory]
    [InlineData(0, true, false)]    // on the estimate
    [InlineData(-10, true, false)]  // at the early end
    [InlineData(15, true, false)]   // at the late end
    [InlineData(-11, false, false)] // before the range: early, not late
    [InlineData(16, false, true)]   // after it
    public void A_call_falls_within_the_range_told_or_after_its_late_end(int calledAfterEstimate, bool within, bool late)
    {
        // Told 10:00 (09:50-10:15).
        var told = new EstimateGiven(EstimateMoment.Issued, At(8, 0), At(10, 0), At(9, 50), At(10, 15));

        var miss = Miss.Of(At(10, 0).AddMinutes(calledAfterEstimate), told, Estimator.InUse);

        Assert.Equal(new RangeMiss(25, within, late), miss.Range);
        Assert.Equal(calledAfterEstimate, miss.Minutes);
    }

    [Fact]
    public void Range_shares_count_only_patients_told_a_range_and_the_width_is_their_median()
    {
        Miss[] misses =
        [
            new(0, new RangeMiss(20, Within: true, LateBeyond: false)),
            new(30, new RangeMiss(30, Within: false, LateBeyond: true)),
            new(-25, new RangeMiss(40, Within: false, LateBeyond: false)),
            new(5, new RangeMiss(20, Within: true, LateBeyond: false)),
            new(12), // told a time without a range
        ];

        var figures = EtaFigures.Of(misses);

        Assert.Equal(5, figures.Patients);
        Assert.Equal(4, figures.RangesTold);
        Assert.Equal(0.5, figures.WithinRangeShare);
        Assert.Equal(0.25, figures.LateBeyondRangeShare);
        Assert.Equal(25, figures.MedianRangeWidthMinutes);
        Assert.Equal(338.8, figures.MeanSquaredError); // (0 + 900 + 625 + 25 + 144) / 5
        Assert.Equal(0.4, figures.WithinTenMinutesShare);
    }
}

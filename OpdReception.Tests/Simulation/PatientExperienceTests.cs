using OpdReception.Simulation;

namespace OpdReception.Tests.Simulation;

/// <summary>The report's figures on hand-made days, each worked out by hand.</summary>
public sealed class PatientExperienceTests
{
    private static readonly DateTime Day = new(2026, 12, 7);

    private static DateTime At(int hour, int minute) => Day.AddHours(hour).AddMinutes(minute);

    private static EstimateGiven Told(EstimateMoment moment, DateTime toldAt, DateTime estimate) => new(moment, toldAt, estimate);

    /// <summary>A patient told <paramref name="estimate"/> at issue and called <paramref name="lateBy"/> minutes after it.</summary>
    private static CalledPatient Called(string source, int lateBy, string doctor = "Dr. A", DateTime? estimate = null)
    {
        var told = estimate ?? At(10, 0);
        return new CalledPatient(source, doctor, [Told(EstimateMoment.Issued, At(8, 0), told)], At(8, 0), told.AddMinutes(lateBy));
    }

    [Fact]
    public void Median_of_an_odd_count_is_the_middle_value_and_of_an_even_count_halfway_between_the_two()
    {
        Assert.Equal(3, Stats.Median([5, 1, 3]));
        Assert.Equal(2.5, Stats.Median([4, 1, 3, 2]));
    }

    [Theory]
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 9)]
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 }, 10)]
    [InlineData(new double[] { 7 }, 7)]
    public void P90_is_the_nearest_rank(double[] values, double expected) =>
        Assert.Equal(expected, Stats.Percentile(values, 90));

    [Fact]
    public void Figures_of_called_minus_told_errors()
    {
        // Called 20 early, 5 early, on time, 10 late, 30 late; no range told with any of them.
        var figures = EtaFigures.Of([new(-20), new(-5), new(0), new(10), new(30)]);

        Assert.Equal(new EtaFigures(5, MedianSignedMinutes: 0, MedianAbsMinutes: 10, P90AbsMinutes: 30, WithinTenMinutesShare: 0.6, EarlierThanToldShare: 0.4,
            MeanSquaredError: 285, RangesTold: 0, WithinRangeShare: null, LateBeyondRangeShare: null, MedianRangeWidthMinutes: null), figures);
    }

    [Fact]
    public void No_patients_give_no_figures_rather_than_zeros()
    {
        Assert.Equal(new EtaFigures(0, null, null, null, null, null, null, 0, null, null, null), EtaFigures.Of([]));
    }

    [Fact]
    public void A_patient_is_judged_by_the_last_time_told_before_the_call()
    {
        var patient = new CalledPatient("Online", "Dr. A",
            [
                Told(EstimateMoment.Issued, At(8, 0), At(10, 0)),
                Told(EstimateMoment.CheckedIn, At(9, 50), At(10, 40)),
                Told(EstimateMoment.Moved, At(11, 0), At(11, 30)), // after the call: never heard before being called
            ],
            At(9, 50), At(10, 45));

        var eta = EtaAccuracy.Of([patient], ["Online"], ToldTime.Last, Estimator.InUse);

        Assert.Equal(At(10, 40), patient.LastTold!.Estimate);
        Assert.Equal(5, eta.MedianSignedMinutes);
        Assert.Equal(45, eta.ByMoment[nameof(EstimateMoment.Issued)].MedianSignedMinutes);
        Assert.Equal(5, eta.ByMoment[nameof(EstimateMoment.CheckedIn)].MedianSignedMinutes);
        Assert.Equal(0, eta.ByMoment[nameof(EstimateMoment.Moved)].Patients);
    }

    [Fact]
    public void Accuracy_is_split_by_source_and_by_doctor_and_every_source_has_a_row()
    {
        CalledPatient[] called =
        [
            Called("Online", -15, "Dr. A"), Called("Online", 5, "Dr. B"), Called("Online", 25, "Dr. A"),
            Called("Walk-in", 2, "Dr. B"),
        ];

        var eta = EtaAccuracy.Of(called, ["Online", "Walk-in", "Emergency"], ToldTime.First, Estimator.InUse);

        Assert.Equal(4, eta.Patients);
        Assert.Equal(3.5, eta.MedianSignedMinutes);
        Assert.Equal(10, eta.MedianAbsMinutes);
        Assert.Equal(0.5, eta.WithinTenMinutesShare);
        Assert.Equal(0.25, eta.EarlierThanToldShare);
        Assert.Equal(new EtaFigures(3, 5, 15, 25, 0.333, 0.333, 291.7, 0, null, null, null), eta.BySource["Online"]);
        Assert.Equal(new EtaFigures(1, 2, 2, 2, 1, 0, 4, 0, null, null, null), eta.BySource["Walk-in"]);
        Assert.Equal(0, eta.BySource["Emergency"].Patients);
        Assert.Equal(["Dr. A", "Dr. B"], eta.ByDoctor.Keys);
        Assert.Equal(new EtaFigures(2, 5, 20, 25, 0, 0.5, 425, 0, null, null, null), eta.ByDoctor["Dr. A"]);
    }

    [Fact]
    public void A_patient_never_told_a_time_is_left_out_of_the_accuracy_but_not_out_of_the_wait()
    {
        var untold = new CalledPatient("Walk-in", "Dr. A", [], At(9, 0), At(9, 30));

        var eta = EtaAccuracy.Of([untold, Called("Walk-in", 0)], ["Walk-in"], ToldTime.First, Estimator.InUse);
        var wait = WaitFigures.CheckInToCall([untold, Called("Walk-in", 0)]);

        Assert.Equal(1, eta.Patients);
        Assert.Equal(2, wait.Patients);
    }

    [Fact]
    public void Wait_runs_from_check_in_to_call()
    {
        CalledPatient[] called =
        [
            new("Online", "Dr. A", [], At(9, 0), At(9, 10)),
            new("Online", "Dr. A", [], At(9, 0), At(9, 40)),
            new("Walk-in", "Dr. A", [], At(9, 30), At(9, 50)),
            new("Online", "Dr. A", [], null, At(10, 0)), // called without checking in: no wait to measure
        ];

        Assert.Equal(new WaitFigures(3, MedianMinutes: 20, P90Minutes: 40), WaitFigures.CheckInToCall(called));
    }

    [Fact]
    public void Idle_is_time_on_duty_without_a_patient_and_overtime_is_seeing_patients_after_the_last_slot()
    {
        DoctorTime.Span[] duty = [new(At(9, 0), At(10, 0)), new(At(10, 0), At(11, 0))];
        DoctorTime.Span[] consultations =
        [
            new(At(9, 10), At(9, 30)),  // idle 09:00-09:10
            new(At(9, 30), At(10, 20)), // across the slots' edge; idle 10:20-10:50
            new(At(10, 50), At(11, 15)), // 15 minutes past the end
        ];

        Assert.Equal(new DoctorTime("Dr. A", Seen: 3, IdleMinutes: 40, OvertimeMinutes: 15), DoctorTime.Of("Dr. A", duty, consultations));
    }

    [Fact]
    public void A_delayed_slot_running_into_the_next_counts_each_minute_on_duty_once()
    {
        // The 09:00 slot delayed 30 minutes runs 09:30-10:30, over the 10:00 slot's first half hour.
        DoctorTime.Span[] duty = [new(At(9, 30), At(10, 30)), new(At(10, 0), At(11, 0))];

        var time = DoctorTime.Of("Dr. A", duty, [new(At(9, 30), At(10, 0))]);

        Assert.Equal(60, time.IdleMinutes);
        Assert.Equal(0, time.OvertimeMinutes);
    }

    [Fact]
    public void Sent_away_adds_up_its_reasons()
    {
        Assert.Equal(6, new SentAway(NoSeat: 1, TooLate: 2, UnseenAtClosing: 3).Total);
    }
}

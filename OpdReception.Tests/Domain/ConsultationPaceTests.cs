using OpdReception.Domain;

namespace OpdReception.Tests.Domain;

public sealed class ConsultationPaceTests
{
    private static double[] Times(int count, double minutes) => Enumerable.Repeat(minutes, count).ToArray();

    /// <summary>Around <paramref name="minutes"/>, varied as real consultations are (±30%), in a fixed pattern.</summary>
    private static double[] Varied(int count, double minutes) =>
        Enumerable.Range(0, count).Select(i => minutes * (0.7 + 0.6 * ((i * 7) % 11) / 10.0)).ToArray();

    [Fact]
    public void A_doctor_never_seen_is_expected_at_the_slots_nominal_minutes_with_the_widest_doubt()
    {
        var nominal = Assert.IsType<NominalPace>(PaceLearning.Learn([], []));

        Assert.Equal(12, nominal.MeanMinutes(12));
        Assert.Equal(PaceLearning.NominalUncertainty, nominal.Uncertainty);
    }

    [Theory]
    [InlineData(1, 0.05, 0.3)]
    [InlineData(2, 0.15, 0.45)]
    [InlineData(4, 0.3, 0.65)]
    [InlineData(10, 0.6, 0.95)]
    public void The_first_consultations_move_the_estimate_from_the_nominal_minutes_step_by_step(int seen, double atLeast, double atMost)
    {
        // A doctor taking 20 minutes in 10-minute slots: the share of the way from 10 to 20 grows with each one seen.
        var pace = Assert.IsType<LearnedPace>(PaceLearning.Learn([], Times(seen, 20)));

        var share = Math.Log(pace.MeanMinutes(10) / 10) / Math.Log(2);
        Assert.InRange(share, atLeast, atMost);
    }

    [Theory]
    [InlineData(5, 0, 10)]
    [InlineData(0, 5, 10)]
    [InlineData(40, 0, 7)]
    [InlineData(20, 20, 14)]
    public void Five_or_more_consultations_teach_the_doctors_own_pace(int earlier, int today, double minutes)
    {
        var pace = Assert.IsType<LearnedPace>(PaceLearning.Learn(Varied(earlier, minutes), Varied(today, minutes)));

        Assert.InRange(pace.MeanMinutes((int)minutes), minutes * 0.9, minutes * 1.15);
        Assert.Equal(earlier + today, pace.Consultations);
    }

    [Fact]
    public void A_few_consultations_lean_on_the_nominal_minutes_and_many_hardly_at_all()
    {
        var few = Assert.IsType<LearnedPace>(PaceLearning.Learn(Varied(5, 10), []));
        var many = Assert.IsType<LearnedPace>(PaceLearning.Learn(Varied(40, 10), []));

        Assert.InRange(few.MeanMinutes(20), 10.5, 15);
        Assert.InRange(many.MeanMinutes(20), 9, 11);
        Assert.True(many.Weight > few.Weight);
    }

    [Theory]
    [InlineData(120)]   // abandoned: the doctor forgot to press Complete
    [InlineData(300)]
    [InlineData(0)]     // a mis-click: completed as soon as called
    [InlineData(0.1)]
    public void One_abandoned_consultation_does_not_swing_the_pace(double outlier)
    {
        var steady = PaceLearning.Learn(Varied(30, 10), Varied(6, 10));
        var withOutlier = PaceLearning.Learn(Varied(30, 10), [.. Varied(5, 10), outlier]);

        Assert.InRange(withOutlier.MeanMinutes(10) / steady.MeanMinutes(10), 0.93, 1.07);
        Assert.InRange(withOutlier.Spread / steady.Spread, 0.8, 1.25);
    }

    [Theory]
    [InlineData(3, 16, 13)]
    [InlineData(4, 6, 7.5)]
    [InlineData(6, 18, 16)]
    public void A_doctor_slower_or_faster_today_is_learned_within_a_few_patients(int today, double todayMinutes, double atLeastOrAtMost)
    {
        var pace = PaceLearning.Learn(Varied(40, 10), Varied(today, todayMinutes));

        if (todayMinutes > 10)
        {
            Assert.True(pace.MeanMinutes(10) >= atLeastOrAtMost, $"learned {pace.MeanMinutes(10):0.0}");
        }
        else
        {
            Assert.True(pace.MeanMinutes(10) <= atLeastOrAtMost, $"learned {pace.MeanMinutes(10):0.00} spread {pace.Spread:0.00}");
        }
    }

    [Fact]
    public void One_slow_patient_today_does_not_outweigh_a_long_history()
    {
        var pace = PaceLearning.Learn(Varied(40, 10), [30]);

        Assert.InRange(pace.MeanMinutes(10), 9, 11.5);
    }

    [Fact]
    public void The_doubt_about_the_doctors_mean_shrinks_as_consultations_are_seen()
    {
        var few = PaceLearning.Learn(Varied(6, 10), []);
        var many = PaceLearning.Learn(Varied(40, 10), []);

        Assert.True(PaceLearning.Nominal.Uncertainty > few.Uncertainty, $"{few.Uncertainty}");
        Assert.True(few.Uncertainty > many.Uncertainty, $"{few.Uncertainty} vs {many.Uncertainty}");
    }

    [Fact]
    public void Widely_varying_consultations_give_a_wider_spread()
    {
        var even = PaceLearning.Learn(Times(20, 10), []);
        var varied = PaceLearning.Learn([.. Times(10, 5), .. Times(10, 20)], []);

        Assert.True(varied.Spread > even.Spread);
    }

    [Fact]
    public void The_window_keeps_the_last_consultations_and_counts_those_of_the_day()
    {
        var day = new DateOnly(2030, 1, 15);
        var window = PaceWindow.Empty;
        foreach (var minutes in new[] { 8.0, 9, 10 })
        {
            window = window.With(minutes, day.AddDays(-1), size: 4);
        }

        window = window.With(12.34, day, 4).With(-1, day, 4);

        Assert.Equal([9, 10, 12.3, 0], window.Minutes);
        Assert.Equal(2, window.TodayCount);
        var (earlier, today) = window.Split(day);
        Assert.Equal([9, 10], earlier);
        Assert.Equal([12.3, 0], today);
        Assert.Empty(window.Split(day.AddDays(1)).Today);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("10 12.5 7", 3)]
    [InlineData("10  x 7", 2)]   // a damaged entry is skipped, not a failure
    public void The_window_reads_back_what_it_wrote(string stored, int count)
    {
        var window = PaceWindow.Parse(stored, null, 0);

        Assert.Equal(count, window.Minutes.Count);
        Assert.Equal(window.Minutes, PaceWindow.Parse(window.Format(), null, 0).Minutes);
    }
}

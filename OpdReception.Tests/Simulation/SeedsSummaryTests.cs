using OpdReception.Simulation;

namespace OpdReception.Tests.Simulation;

/// <summary>Several days pooled over their patients, on hand-made days.</summary>
public sealed class SeedsSummaryTests
{
    private static readonly DateTime Ten = new(2026, 12, 7, 10, 0, 0);

    private static readonly string[] Sources = ["Online", "Walk-in"];

    /// <summary>A walk-in told 10:00 on the slip, which nominal minutes alone would have put at <paramref name="nominalLateBy"/> earlier.</summary>
    private static CalledPatient Patient(int calledLateBy, int nominalLateBy) =>
        new("Walk-in", "Dr. A", [new(EstimateMoment.Issued, Ten.AddHours(-1), Ten, Nominal: Ten.AddMinutes(calledLateBy - nominalLateBy))],
            Ten.AddHours(-1), Ten.AddMinutes(calledLateBy));

    private static DayReport Day(params CalledPatient[] called)
    {
        var tally = new Tally(called.Length, called.Length, 0, 0, 0, 0, 0, 0);
        return new DayReport("day", DateOnly.FromDateTime(Ten), Ten.AddHours(8), called.Length, [new TallyRow("Dr. A", called.Length, tally)],
            [new TallyRow("Walk-in", called.Length, tally)], new DeskEvents(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), new StoredCounts(0, 1), [])
        {
            EtaAccuracy = EtaAccuracy.Of(called, Sources, ToldTime.First, Estimator.InUse),
            EtaBaseline = EtaAccuracy.Of(called, Sources, ToldTime.First, Estimator.Nominal),
            Called = called,
        };
    }

    [Fact]
    public void Pooled_figures_are_taken_over_all_patients_and_days_beating_the_baseline_are_counted()
    {
        // Day 1: misses 2 and 4 (nominal 10 and 10); day 2: misses 20 (nominal 0), 6 (nominal 6) and 0 (nominal 3).
        var summary = SeedsSummary.Of("test", [(1, Day(Patient(2, 10), Patient(4, 10))), (2, Day(Patient(20, 0), Patient(6, 6), Patient(0, 3)))]);

        Assert.Equal([1, 2], summary.Days.Select(d => d.Seed));
        Assert.Equal(5, summary.Accuracy.Patients);
        Assert.Equal(4, summary.Accuracy.MedianAbsMinutes);
        Assert.Equal(91.2, summary.Accuracy.MeanSquaredError);  // (4 + 16 + 400 + 36 + 0) / 5
        Assert.Equal(49, summary.Baseline.MeanSquaredError);    // (100 + 100 + 0 + 36 + 9) / 5
        Assert.Equal(-0.861, summary.MeanSquaredErrorReduction); // worse than the baseline: a negative reduction
        Assert.Equal(1, summary.DaysBeatingBaseline);           // day 1: 10 < 100; day 2: 145.3 > 15
        Assert.Equal(5, summary.Accuracy.BySource["Walk-in"].Patients);
        Assert.Equal(0, summary.Accuracy.BySource["Online"].Patients);
        Assert.Equal(0, summary.ExitCode);
    }

    [Fact]
    public async Task Seeds_from_the_command_line_print_a_line_per_day_and_the_pooled_row()
    {
        var output = new StringWriter();

        var exit = await OpdDaySimulation.RunAsync(["--seeds", "1-2", "--patients", "10", "--service", "lognormal"], output, TestContext.Current.CancellationToken);

        var lines = output.ToString().Split('\n').Select(l => l.Trim()).ToList();
        Assert.Equal(0, exit);
        Assert.StartsWith("Seeds 1-2, 10 patients, log-normal consultations (cv 0.5)", lines[0]);
        Assert.Equal(2, lines.Count(l => l.StartsWith("| 1 |", StringComparison.Ordinal)));
        Assert.Equal(2, lines.Count(l => l.StartsWith("| all |", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("| Walk-in |", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("called in by", StringComparison.Ordinal)); // no timelines
    }

    [Fact]
    public void A_day_whose_numbers_do_not_add_up_fails_the_whole_run()
    {
        var broken = Day(Patient(0, 0)) with { DeskIssued = 2 };

        var summary = SeedsSummary.Of("test", [(1, Day(Patient(0, 0))), (2, broken)]);

        Assert.False(summary.CheckHolds);
        Assert.Equal(1, summary.ExitCode);
    }
}

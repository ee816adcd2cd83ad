namespace OpdReception.Simulation;

/// <summary>One day of a <c>--seeds</c> run, in the few figures that are compared from day to day.</summary>
public sealed record DaySummary(
    int Seed,
    bool CheckHolds,
    EtaFigures Accuracy,
    EtaFigures Baseline,
    EtaFigures LastTold,
    EtaFigures LastToldThirtyMinutesBefore,
    WaitFigures CheckInToCall,
    int SentAway,
    Fairness Fairness)
{
    public static DaySummary Of(int seed, DayReport report) => new(
        seed, report.CheckHolds, report.EtaAccuracy.TopLevel(), report.EtaBaseline.TopLevel(), report.EtaLastTold.TopLevel(),
        report.EtaLastToldThirtyMinutesBefore.TopLevel(), report.CheckInToCall, report.SentAway.Total, report.Fairness);

    /// <summary>The estimator's mean squared error is below the nominal baseline's on this day.</summary>
    public bool BeatsBaseline => Accuracy.MeanSquaredError < Baseline.MeanSquaredError;
}

/// <summary>
/// Several random days, each a line, and all their called patients pooled: pooled figures are taken over the
/// patients, not averaged over the days.
/// </summary>
public sealed record SeedsSummary(
    string Title,
    IReadOnlyList<DaySummary> Days,
    EtaAccuracy Accuracy,
    EtaAccuracy Baseline,
    EtaAccuracy LastTold,
    EtaAccuracy LastToldThirtyMinutesBefore,
    WaitFigures CheckInToCall,
    Fairness Fairness)
{
    public int DaysBeatingBaseline => Days.Count(d => d.BeatsBaseline);

    /// <summary>How much lower the estimator's pooled mean squared error is than the baseline's, as a share of it.</summary>
    public double? MeanSquaredErrorReduction => Accuracy.MeanSquaredError is { } mse && Baseline.MeanSquaredError is { } baseline && baseline > 0
        ? Math.Round(1 - (mse / baseline), 3)
        : null;

    public bool CheckHolds => Days.All(d => d.CheckHolds);

    public int ExitCode => CheckHolds ? 0 : 1;

    public static SeedsSummary Of(string title, IReadOnlyList<(int Seed, DayReport Report)> days)
    {
        var called = days.SelectMany(d => d.Report.Called).ToList();
        var sources = days.Count == 0 ? [] : days[0].Report.EtaAccuracy.BySource.Keys.ToList();
        return new(
            title,
            days.Select(d => DaySummary.Of(d.Seed, d.Report)).ToList(),
            EtaAccuracy.Of(called, sources, ToldTime.First, Estimator.InUse),
            EtaAccuracy.Of(called, sources, ToldTime.First, Estimator.Nominal),
            EtaAccuracy.Of(called, sources, ToldTime.Last, Estimator.InUse),
            EtaAccuracy.Of(called, sources, ToldTime.LastThirtyMinutesBefore, Estimator.InUse),
            WaitFigures.CheckInToCall(called),
            Fairness.Pool(days.Select(d => d.Report.Fairness).ToList(), sources));
    }
}

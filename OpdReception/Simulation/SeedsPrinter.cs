using System.Globalization;

namespace OpdReception.Simulation;

/// <summary>A <c>--seeds</c> run as Markdown tables, ready for the docs: a line per day, then all patients pooled.</summary>
internal static class SeedsPrinter
{
    public static void Print(SeedsSummary summary, TextWriter output)
    {
        var days = summary.Days;
        output.WriteLine($"{summary.Title}: {days.Count} days; \"all\" pools their called patients.");
        output.WriteLine();
        output.WriteLine("First time told (at issue; bookings at check-in), the estimate in use beside nominal minutes alone:");
        output.WriteLine();
        Row(output, "seed", "called", "median abs", "p90 abs", "within ±10 min", "mean sq. err", "nominal: median abs", "p90 abs",
            "within ±10 min", "mean sq. err", "in range", "after range", "range width");
        Row(output, Enumerable.Repeat("---", 13).ToArray());
        foreach (var day in days)
        {
            Accuracy(output, day.Seed.ToString(CultureInfo.InvariantCulture), day.Accuracy, day.Baseline);
        }

        Accuracy(output, "all", summary.Accuracy, summary.Baseline);
        output.WriteLine();
        output.WriteLine($"Mean squared error below nominal minutes' on {summary.DaysBeatingBaseline} of {days.Count} days; pooled " +
            $"{Number(summary.Accuracy.MeanSquaredError)} against {Number(summary.Baseline.MeanSquaredError)} ({Share(summary.MeanSquaredErrorReduction)} lower).");
        output.WriteLine();

        output.WriteLine("The first time told beside the last one before the call (the old headline) and the last one told 30+ minutes before:");
        output.WriteLine();
        Row(output, "seed", "first: within ±10 min", "median abs", "p90 abs", "last: within ±10 min", "median abs", "p90 abs",
            "30+ min before: told", "within ±10 min", "median abs", "p90 abs", "wait median", "wait p90", "sent away");
        Row(output, Enumerable.Repeat("---", 14).ToArray());
        foreach (var day in days)
        {
            Told(output, day.Seed.ToString(CultureInfo.InvariantCulture), day.Accuracy, day.LastTold, day.LastToldThirtyMinutesBefore, day.CheckInToCall, day.SentAway);
        }

        Told(output, "all", summary.Accuracy, summary.LastTold, summary.LastToldThirtyMinutesBefore, summary.CheckInToCall, days.Sum(d => d.SentAway));
        output.WriteLine();

        output.WriteLine("Fairness: the longest wait from check-in to call (minutes), and waiting walk-ins who saw a later arrival called first:");
        output.WriteLine();
        var sources = summary.Fairness.LongestWaitBySource.Keys.ToList();
        Row(output, ["seed", .. sources.Select(s => $"longest wait: {s}"), "walk-ins", "overtaken", "overtakes", "most for one"]);
        Row(output, Enumerable.Repeat("---", sources.Count + 5).ToArray());
        foreach (var day in days)
        {
            Fair(output, day.Seed.ToString(CultureInfo.InvariantCulture), day.Fairness, sources);
        }

        Fair(output, "all", summary.Fairness, sources);
        output.WriteLine();

        output.WriteLine("All days pooled, by source:");
        output.WriteLine();
        Row(output, "source", "called", "first: median signed", "median abs", "p90 abs", "within ±10 min", "in range", "after range",
            "nominal: median abs", "within ±10 min", "last: median abs", "within ±10 min");
        Row(output, Enumerable.Repeat("---", 12).ToArray());
        foreach (var (source, first) in summary.Accuracy.BySource)
        {
            var nominal = summary.Baseline.BySource[source];
            var last = summary.LastTold.BySource[source];
            Row(output, source, Count(first.Patients), Number(first.MedianSignedMinutes), Number(first.MedianAbsMinutes), Number(first.P90AbsMinutes),
                Share(first.WithinTenMinutesShare), Share(first.WithinRangeShare), Share(first.LateBeyondRangeShare),
                Number(nominal.MedianAbsMinutes), Share(nominal.WithinTenMinutesShare), Number(last.MedianAbsMinutes), Share(last.WithinTenMinutesShare));
        }

        if (!summary.CheckHolds)
        {
            output.WriteLine();
            output.WriteLine($"FAILED: the numbers of seed(s) {string.Join(", ", days.Where(d => !d.CheckHolds).Select(d => d.Seed))} do not add up; run them alone to see why.");
        }
    }

    private static void Accuracy(TextWriter output, string label, EtaFigures first, EtaFigures nominal) =>
        Row(output, label, Count(first.Patients), Number(first.MedianAbsMinutes), Number(first.P90AbsMinutes), Share(first.WithinTenMinutesShare),
            Number(first.MeanSquaredError), Number(nominal.MedianAbsMinutes), Number(nominal.P90AbsMinutes), Share(nominal.WithinTenMinutesShare),
            Number(nominal.MeanSquaredError), Share(first.WithinRangeShare), Share(first.LateBeyondRangeShare), Number(first.MedianRangeWidthMinutes));

    private static void Told(TextWriter output, string label, EtaFigures first, EtaFigures last, EtaFigures before, WaitFigures wait, int sentAway) =>
        Row(output, label, Share(first.WithinTenMinutesShare), Number(first.MedianAbsMinutes), Number(first.P90AbsMinutes),
            Share(last.WithinTenMinutesShare), Number(last.MedianAbsMinutes), Number(last.P90AbsMinutes),
            Count(before.Patients), Share(before.WithinTenMinutesShare), Number(before.MedianAbsMinutes), Number(before.P90AbsMinutes),
            Number(wait.MedianMinutes), Number(wait.P90Minutes), Count(sentAway));

    private static void Fair(TextWriter output, string label, Fairness fair, IReadOnlyList<string> sources) =>
        Row(output, [label, .. sources.Select(s => Number(fair.LongestWaitBySource.GetValueOrDefault(s))), Count(fair.WalkIns),
            Count(fair.WalkInsOvertaken), Count(fair.Overtakes), Count(fair.MostOvertakesOfOneWalkIn)]);

    private static void Row(TextWriter output, params string[] cells) => output.WriteLine($"| {string.Join(" | ", cells)} |");

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Number(double? value) => value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) : "-";

    private static string Share(double? share) => share is { } s ? s.ToString("0%", CultureInfo.InvariantCulture) : "-";
}

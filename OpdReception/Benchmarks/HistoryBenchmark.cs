using System.Globalization;
using OpdReception.Simulation;

namespace OpdReception.Benchmarks;

/// <summary>
/// The same operations of one doctor's day (<see cref="TodayOnTopOfHistory"/>) on an empty database and on one that
/// holds a year of a busy OPD (<see cref="YearOfHistory"/>), with the ratio of their mean times: about 1 when the
/// cost does not grow with history.
/// </summary>
internal static class HistoryBenchmark
{
    /// <summary>Each run of the writing operations takes a seat in today's big slot, which has 500.</summary>
    public const int MaxRuns = 200;

    public static async Task RunAsync(int runs, TextWriter output, CancellationToken ct)
    {
        runs = Math.Min(runs, MaxRuns);
        var day = new DateOnly(2030, 1, 7);

        // A first pass compiles the queries and warms the code, so neither side pays for it.
        await MeasureAsync(day, Math.Min(runs, 10), withHistory: false, ct);
        var (_, empty) = await MeasureAsync(day, runs, withHistory: false, ct);
        var (history, old) = await MeasureAsync(day, runs, withHistory: true, ct);

        output.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "The same operations on an empty database and on a year-old one ({0:N0} tokens, {1:N0} slots, {2:N0} patients; seeded in bulk in {3:0.0} s):",
            history!.Tokens, history.Slots, history.Patients, history.Took.TotalSeconds));
        output.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-48} {1,5} {2,14} {3,14} {4,8}", "operation", "runs", "empty mean µs", "year-old µs", "ratio"));
        foreach (var (fresh, aged) in empty.Zip(old))
        {
            output.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-48} {1,5} {2,14:0.0} {3,14:0.0} {4,7:0.00}x",
                fresh.Name, fresh.Runs.Count, fresh.MeanMicroseconds, aged.MeanMicroseconds, aged.MeanMicroseconds / fresh.MeanMicroseconds));
        }

        output.WriteLine("ratio: year-old mean against empty mean, same operation, same run, same disk.");
    }

    private static async Task<(History?, List<Measurement>)> MeasureAsync(DateOnly day, int runs, bool withHistory, CancellationToken ct)
    {
        await using var host = await SimulationHost.StartAsync(day.ToDateTime(new TimeOnly(7, 0)), ct);
        var history = withHistory ? await YearOfHistory.SeedAsync(host.ConnectionString, day, ct: ct) : null;
        var today = await TodayOnTopOfHistory.SetUpAsync(host.Desk, day, ct);
        var measured = new List<Measurement>();
        foreach (var operation in today.Operations(ct))
        {
            await operation.Run(-1);
            measured.Add(await Measurement.TimeAsync(operation.Name, runs, operation.Run));
        }

        return (history, measured);
    }
}

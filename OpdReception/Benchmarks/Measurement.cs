using System.Diagnostics;
using System.Globalization;

namespace OpdReception.Benchmarks;

/// <summary>How long one kind of operation took, each run timed on its own.</summary>
public sealed record Measurement(string Name, IReadOnlyList<TimeSpan> Runs, TimeSpan Wall)
{
    public double MeanMicroseconds => Runs.Average(r => r.TotalMicroseconds);

    public double Percentile(double p) => Runs.Select(r => r.TotalMicroseconds).Order().ElementAt((int)Math.Min(Runs.Count - 1, Math.Floor(p * Runs.Count)));

    public double PerSecond => Runs.Count / Wall.TotalSeconds;

    public static async Task<Measurement> TimeAsync(string name, int count, Func<int, Task> operation)
    {
        var runs = new TimeSpan[count];
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var one = Stopwatch.StartNew();
            await operation(i);
            runs[i] = one.Elapsed;
        }

        return new Measurement(name, runs, wall.Elapsed);
    }

    /// <summary>Several callers at once: each run is one caller's wait, the rate is what the desk sees overall.</summary>
    public static async Task<Measurement> TimeConcurrentlyAsync(string name, int count, int callers, Func<int, Task> operation)
    {
        var runs = new TimeSpan[count];
        var next = -1;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) is var i && i < count)
            {
                var one = Stopwatch.StartNew();
                await operation(i);
                runs[i] = one.Elapsed;
            }
        })));
        return new Measurement(name, runs, wall.Elapsed);
    }

    public string Row(Measurement? baseline) => string.Format(
        CultureInfo.InvariantCulture,
        "{0,-44} {1,7} {2,11:0.0} {3,11:0.0} {4,11:0.0} {5,11:0} {6,8}",
        Name, Runs.Count, MeanMicroseconds, Percentile(0.5), Percentile(0.95), PerSecond,
        baseline is null ? "" : $"{MeanMicroseconds / baseline.MeanMicroseconds:0.00}x");

    public static string Header => string.Format(
        CultureInfo.InvariantCulture, "{0,-44} {1,7} {2,11} {3,11} {4,11} {5,11} {6,8}",
        "operation", "runs", "mean µs", "p50 µs", "p95 µs", "per second", "ratio");
}

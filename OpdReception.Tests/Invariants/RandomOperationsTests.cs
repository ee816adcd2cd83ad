using System.Diagnostics;
using System.Text;

namespace OpdReception.Tests.Invariants;

/// <summary>
/// #16 "Must show": random sequences of operations (issue of every kind, check in, call, complete, no-show, not here,
/// recall, undo, delays, cancel a token or a slot, reallocate, move, leave, both sweeps, the clock moving on) over the
/// real services and a real SQLite file never leave a slot over capacity, never give a label twice in a doctor's day,
/// never cancel a checked-in patient before the day's cut-off; and each token's history agrees with it, and a closed
/// day leaves nobody waiting. Checked after every step. A failure is shrunk to a shortest sequence that still breaks
/// the same property, and reported step by step.
/// </summary>
public sealed class RandomOperationsTests
{
    private const int Length = 150;

    /// <summary>
    /// Fixed seeds, 1 to 20: a failure is the same failure on every machine and every run. OPD_SEEDS=7 (or 3,9)
    /// plays only those, to look into one.
    /// </summary>
    public static TheoryData<int> Seeds => new(Environment.GetEnvironmentVariable("OPD_SEEDS") is { Length: > 0 } only
        ? only.Split(',').Select(int.Parse)
        : Enumerable.Range(1, 20));

    private const string Throws = "no operation throws";

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Every_property_holds_after_every_step_of_a_random_day(int seed)
    {
        var steps = Steps.Draw(seed, Length);

        var played = await PlayAsync(steps, until: null);

        // The day as played, for whoever reads the test's output: what was asked, and what was done or refused.
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join("\n", played.Log));
        if (played.Failures.Count == 0)
        {
            return;
        }

        var report = new StringBuilder($"Seed {seed}: {played.Failures.Count} propert(ies) broken.\n");
        foreach (var (property, failure) in played.Failures)
        {
            var shortest = await ShrinkAsync(steps.Take(failure.Step + 1).ToList(), property);
            var replay = await PlayAsync(shortest, until: property);
            report.AppendLine($"\n## {property}: first broken at step {failure.Step + 1} of {Length}: {failure.Detail}");
            report.AppendLine($"Shortest sequence found ({shortest.Count} steps): {replay.Failures[property].Detail}");
            foreach (var line in replay.Log)
            {
                report.AppendLine("  " + line);
            }
        }

        Assert.Fail(report.ToString());
    }

    private sealed record Failure(int Step, string Detail);

    private sealed record Played(IReadOnlyDictionary<string, Failure> Failures, IReadOnlyList<string> Log);

    /// <summary>
    /// Plays the steps on a fresh hospital, checking every property after each; records the first time each breaks.
    /// With <paramref name="until"/>, stops as soon as that one breaks (shrinking).
    /// </summary>
    private static async Task<Played> PlayAsync(IReadOnlyList<Step> steps, string? until)
    {
        var failures = new Dictionary<string, Failure>();
        var log = new List<string>();
        var clock = Stopwatch.StartNew();
        await using var world = await OpdWorld.StartAsync();
        var started = clock.Elapsed;
        var checking = TimeSpan.Zero;
        long checkedEvents = 0;
        for (var i = 0; i < steps.Count; i++)
        {
            try
            {
                log.Add($"{i + 1,3}. {await world.PlayAsync(steps[i])}");
            }
            catch (Exception ex)
            {
                log.Add($"{i + 1,3}. {steps[i].Kind} threw {ex.GetType().Name}: {ex.Message}");
                failures.TryAdd(Throws, new Failure(i, $"{steps[i].Kind}: {ex}"));
                break;
            }

            var check = Stopwatch.StartNew();
            await using var db = await world.Database.CreateDbContextAsync();
            var (broken, last) = await DayInvariants.CheckAsync(db, checkedEvents, OpdWorld.CutOff, OpdWorld.GraceMinutes);
            checking += check.Elapsed;
            checkedEvents = last;
            foreach (var b in broken)
            {
                failures.TryAdd(b.Property, new Failure(i, b.Detail));
            }

            if (until is not null && failures.ContainsKey(until))
            {
                break;
            }
        }

        log.Add($"Started in {started.TotalMilliseconds:0} ms, played in {(clock.Elapsed - started - checking).TotalMilliseconds:0} ms, checked in {checking.TotalMilliseconds:0} ms.");
        return new Played(failures, log);
    }

    /// <summary>
    /// Removes runs of steps, halving the run each pass, while the property still breaks: a shortest sequence within a
    /// time budget, not the shortest of all. A removed run's minutes stay, so the steps left happen at the same times.
    /// </summary>
    private static async Task<IReadOnlyList<Step>> ShrinkAsync(List<Step> steps, string property)
    {
        var budget = Stopwatch.StartNew();
        for (var chunk = Math.Max(1, steps.Count / 2); chunk >= 1 && budget.Elapsed < TimeSpan.FromMinutes(2); chunk /= 2)
        {
            for (var at = 0; at < steps.Count && budget.Elapsed < TimeSpan.FromMinutes(2);)
            {
                var without = Without(steps, at, chunk);
                if (without.SequenceEqual(steps))
                {
                    at += chunk;
                    continue;
                }

                var played = await PlayAsync(without, until: property);
                if (played.Failures.TryGetValue(property, out var failure))
                {
                    steps = without.Take(failure.Step + 1).ToList();
                }
                else
                {
                    at += chunk;
                }
            }
        }

        return steps;
    }

    /// <summary>The steps without <paramref name="count"/> of them from <paramref name="at"/>: their minutes go to the step before, or to a wait.</summary>
    private static List<Step> Without(List<Step> steps, int at, int count)
    {
        var removed = steps.Skip(at).Take(count).ToList();
        if (removed.All(s => s.Kind == Op.Wait) && at > 0)
        {
            // Only time: folding it into the step before is the one change left to try.
            return steps.Take(at - 1).Append(steps[at - 1] with { Minutes = steps[at - 1].Minutes + removed.Sum(s => s.Minutes) }).Concat(steps.Skip(at + count)).ToList();
        }

        if (removed.All(s => s.Kind == Op.Wait))
        {
            return steps;
        }

        var minutes = removed.Sum(s => s.Minutes);
        IEnumerable<Step> before = at > 0
            ? steps.Take(at - 1).Append(steps[at - 1] with { Minutes = steps[at - 1].Minutes + minutes })
            : [new Step(Op.Wait, 0, 0, 0, minutes)];
        return before.Concat(steps.Skip(at + count)).ToList();
    }
}

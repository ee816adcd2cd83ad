using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace OpdReception.Benchmarks;

/// <summary>Timed reads and the reallocation on one server; the same steps run on an empty and on a year-old database.</summary>
public sealed record ReadFigures(IReadOnlyList<Measurement> Reads, Measurement Reallocation, int Moved);

/// <summary>
/// Today's queues set up through the API: one slot per queue size (a slot holds at most 500 seats, so a bigger queue
/// is 500 walk-ins and the rest emergencies, each of which adds a seat, as the rules allow), one doctor's day of several
/// slots, and a cancelled slot whose patients are then reallocated to a named slot of another doctor in one request.
/// The same steps run on two servers at once, one on an empty database and one on a year-old one, and each timed
/// request goes to the two in turn: both servers are equally warm and share whatever else the machine is doing, so
/// the ratio between them is the database's doing, not the moment's.
/// </summary>
public static class ReadBenchmark
{
    /// <summary>Reallocations timed on each server, after one that warms the path; the figure is their median.</summary>
    public const int Reallocations = 3;

    public static async Task<(ReadFigures Empty, ReadFigures Old)> CompareAsync(AppServer empty, AppServer old, BenchSize size, CancellationToken ct)
    {
        var emptyReads = await SetUpAsync(empty, size, ct);
        var oldReads = await SetUpAsync(old, size, ct);

        // A fresh server runs its code unoptimized at first and recompiles what is hot in the background: as many
        // rounds of every read as are timed, then a pause for the last recompilations, so the figures are a running
        // server's, as a hospital's is all day, and not its first minute's.
        for (var round = 0; round < size.ReadRuns; round++)
        {
            foreach (var (server, reads) in new[] { (empty, emptyReads), (old, oldReads) })
            {
                foreach (var (_, path) in reads)
                {
                    await GetAsync(server.Client, path, ct);
                }
            }
        }

        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        var emptyTimes = new List<Measurement>();
        var oldTimes = new List<Measurement>();
        foreach (var ((name, emptyPath), (_, oldPath)) in emptyReads.Zip(oldReads))
        {
            var (e, o) = await InTurnAsync(name, size.ReadRuns, () => GetAsync(empty.Client, emptyPath, ct), () => GetAsync(old.Client, oldPath, ct));
            emptyTimes.Add(e);
            oldTimes.Add(o);
        }

        var (emptyMoves, oldMoves) = (new BenchApi(empty.Client), new BenchApi(old.Client));
        await ReallocateAsync(emptyMoves, size.ReallocatedTokens, ct);
        await ReallocateAsync(oldMoves, size.ReallocatedTokens, ct);
        var emptyRuns = new List<TimeSpan>();
        var oldRuns = new List<TimeSpan>();
        for (var i = 0; i < Reallocations; i++)
        {
            emptyRuns.Add(await ReallocateAsync(emptyMoves, size.ReallocatedTokens, ct));
            oldRuns.Add(await ReallocateAsync(oldMoves, size.ReallocatedTokens, ct));
        }

        var reallocation = $"reallocate {size.ReallocatedTokens:N0} tokens of a cancelled slot";
        return (new ReadFigures(emptyTimes, new Measurement(reallocation, emptyRuns, Sum(emptyRuns)), size.ReallocatedTokens),
            new ReadFigures(oldTimes, new Measurement(reallocation, oldRuns, Sum(oldRuns)), size.ReallocatedTokens));
    }

    /// <summary>The reads of today's queues on one server, named and with the path that reads each.</summary>
    private static async Task<List<(string Name, string Path)>> SetUpAsync(AppServer server, BenchSize size, CancellationToken ct)
    {
        var api = new BenchApi(server.Client);
        var reads = new List<(string Name, string Path)>();
        foreach (var tokens in size.QueueSizes)
        {
            var doctor = await api.DoctorAsync($"Dr. Queue {tokens}", ct: ct);
            var slot = await api.TodaySlotAsync(doctor, Math.Min(tokens, BenchSize.MaxCapacity), ct);
            await api.FillAsync(slot, Math.Min(tokens, BenchSize.MaxCapacity), "walkin", ct: ct);
            await api.FillAsync(slot, Math.Max(0, tokens - BenchSize.MaxCapacity), "emergency", ct: ct);
            reads.Add(($"slot queue of {tokens:N0} tokens", $"/api/tokens/queue/{slot}"));
        }

        var dayDoctor = await api.DoctorAsync("Dr. Day", ct: ct);
        foreach (var slot in await api.TodaySlotsAsync(dayDoctor, size.DaySlots, size.TokensPerDaySlot, ct))
        {
            await api.FillAsync(slot, size.TokensPerDaySlot, "walkin", ct: ct);
        }

        reads.Add(($"doctor's day queue ({size.DaySlots} slots, {size.DaySlots * size.TokensPerDaySlot:N0} tokens)",
            $"/api/doctors/{dayDoctor}/queue?date={BenchApi.Today:yyyy-MM-dd}"));
        return reads;
    }

    /// <summary>Each run times the one server and then the other, in alternating order, so neither always goes first.</summary>
    private static async Task<(Measurement First, Measurement Second)> InTurnAsync(string name, int runs, Func<Task> first, Func<Task> second)
    {
        var (a, b) = (new List<TimeSpan>(), new List<TimeSpan>());
        for (var i = 0; i < runs; i++)
        {
            if (i % 2 == 0)
            {
                a.Add(await TimeAsync(first));
                b.Add(await TimeAsync(second));
            }
            else
            {
                b.Add(await TimeAsync(second));
                a.Add(await TimeAsync(first));
            }
        }

        return (new Measurement(name, a, Sum(a)), new Measurement(name, b, Sum(b)));
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task> operation)
    {
        var one = Stopwatch.StartNew();
        await operation();
        return one.Elapsed;
    }

    private static TimeSpan Sum(IEnumerable<TimeSpan> runs) => runs.Aggregate(TimeSpan.Zero, (a, b) => a + b);

    /// <summary>A doctor called away: their filled slot is cancelled and its patients moved to another doctor's slot in one request, timed.</summary>
    private static async Task<TimeSpan> ReallocateAsync(BenchApi api, int tokens, CancellationToken ct)
    {
        var from = await api.TodaySlotAsync(await api.DoctorAsync("Dr. Called Away", "Benchmark Reallocation", ct), tokens, ct);
        var to = await api.TodaySlotAsync(await api.DoctorAsync("Dr. Standing In", "Benchmark Reallocation", ct), tokens, ct);
        await api.FillAsync(from, tokens, "walkin", ct: ct);
        await api.CancelSlotAsync(from, ct);
        var timer = Stopwatch.StartNew();
        var answer = await BenchApi.MustAsync(api.Client.PostAsJsonAsync($"/api/tokens/reallocate/{from}", new { targetSlotId = to }, ct), HttpStatusCode.OK, ct);
        var took = timer.Elapsed;
        var moved = answer.GetProperty("moved").GetArrayLength();
        if (moved != tokens)
        {
            throw new InvalidOperationException($"The reallocation moved {moved} of {tokens} tokens.");
        }

        return took;
    }

    private static async Task GetAsync(HttpClient client, string path, CancellationToken ct)
    {
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead, ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }
    }
}

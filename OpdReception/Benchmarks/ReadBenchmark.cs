using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace OpdReception.Benchmarks;

/// <summary>
/// Timed reads and the reallocation on one server; the same steps run on an empty and on a year-old database.
/// <paramref name="ServerCpuMs"/> is the server process's CPU time (user and kernel) from just before to just after each
/// read, per read: other work on a shared machine changes it far less than the time a read takes, though it includes
/// whatever the server's own background threads (the collector, the JIT) did meanwhile.
/// </summary>
public sealed record ReadFigures(IReadOnlyList<Measurement> Reads, IReadOnlyList<double> ServerCpuMs, Measurement Reallocation, double ReallocationCpuMs, int Moved);

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
    public const int Reallocations = 5;

    public static async Task<(ReadFigures Empty, ReadFigures Old)> CompareAsync(AppServer empty, AppServer old, BenchSize size, CancellationToken ct)
    {
        var emptyReads = await SetUpAsync(empty, size, ct);
        var oldReads = await SetUpAsync(old, size, ct);

        // A fresh server runs its code unoptimized at first and recompiles what is hot in the background: as many
        // rounds of every read as are timed, and for at least a third of a second per timed run (20 s in the full
        // run: on a busy machine the recompiling waits for a core), then a pause for the last recompilations, so the
        // figures are a running server's, as a hospital's is all day, and not its first minute's.
        var warming = Stopwatch.StartNew();
        for (var round = 0; round < size.ReadRuns || warming.Elapsed < TimeSpan.FromSeconds(size.ReadRuns / 3.0); round++)
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

        // Round by round, every read on both servers, so a pause of the machine or of one server's collector lands
        // on one run of each figure, not on every run of one.
        var (emptyRuns, oldRuns) = (emptyReads.Select(_ => new List<TimeSpan>()).ToList(), oldReads.Select(_ => new List<TimeSpan>()).ToList());
        var (emptyCpu, oldCpu) = (new TimeSpan[emptyReads.Count], new TimeSpan[oldReads.Count]);
        for (var round = 0; round < size.ReadRuns; round++)
        {
            for (var i = 0; i < emptyReads.Count; i++)
            {
                var (read, emptyPath, oldPath) = (i, emptyReads[i].Path, oldReads[i].Path);
                var (e, o) = await InTurnAsync(round,
                    () => TimedAsync(empty, emptyPath, emptyCpu, read, ct), () => TimedAsync(old, oldPath, oldCpu, read, ct));
                emptyRuns[i].Add(e);
                oldRuns[i].Add(o);
            }
        }

        var emptyTimes = emptyReads.Select((r, i) => new Measurement(r.Name, emptyRuns[i], Sum(emptyRuns[i]))).ToList();
        var oldTimes = oldReads.Select((r, i) => new Measurement(r.Name, oldRuns[i], Sum(oldRuns[i]))).ToList();
        var (emptyMoves, oldMoves) = (new BenchApi(empty.Client), new BenchApi(old.Client));
        await ReallocateAsync(empty, emptyMoves, size.ReallocatedTokens, ct);
        await ReallocateAsync(old, oldMoves, size.ReallocatedTokens, ct);
        var (emptyMoved, oldMoved) = (new List<(TimeSpan Took, TimeSpan Cpu)>(), new List<(TimeSpan Took, TimeSpan Cpu)>());
        for (var i = 0; i < Reallocations; i++)
        {
            var order = i % 2 == 0 ? new[] { (empty, emptyMoves, emptyMoved), (old, oldMoves, oldMoved) } : [(old, oldMoves, oldMoved), (empty, emptyMoves, emptyMoved)];
            foreach (var (server, api, runs) in order)
            {
                runs.Add(await ReallocateAsync(server, api, size.ReallocatedTokens, ct));
            }
        }

        var reallocation = $"reallocate {size.ReallocatedTokens:N0} tokens of a cancelled slot";
        double[] PerRead(TimeSpan[] cpu) => [.. cpu.Select(c => c.TotalMilliseconds / size.ReadRuns)];
        Measurement Moves(List<(TimeSpan Took, TimeSpan Cpu)> runs) => new(reallocation, [.. runs.Select(r => r.Took)], Sum(runs.Select(r => r.Took)));
        double MedianCpu(List<(TimeSpan Took, TimeSpan Cpu)> runs) => runs.Select(r => r.Cpu.TotalMilliseconds).Order().ElementAt(runs.Count / 2);
        return (new ReadFigures(emptyTimes, PerRead(emptyCpu), Moves(emptyMoved), MedianCpu(emptyMoved), size.ReallocatedTokens),
            new ReadFigures(oldTimes, PerRead(oldCpu), Moves(oldMoved), MedianCpu(oldMoved), size.ReallocatedTokens));
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

    /// <summary>Times the one server and then the other, in an order that alternates by round, so neither always goes first.</summary>
    private static async Task<(TimeSpan First, TimeSpan Second)> InTurnAsync(int round, Func<Task<TimeSpan>> first, Func<Task<TimeSpan>> second)
    {
        if (round % 2 == 0)
        {
            var a = await first();
            return (a, await second());
        }

        var b = await second();
        return (await first(), b);
    }

    /// <summary>One read, timed; the server's CPU time around it is added to <paramref name="cpu"/>, outside the timing.</summary>
    private static async Task<TimeSpan> TimedAsync(AppServer server, string path, TimeSpan[] cpu, int read, CancellationToken ct)
    {
        var before = server.ProcessorTime();
        var one = Stopwatch.StartNew();
        await GetAsync(server.Client, path, ct);
        var took = one.Elapsed;
        cpu[read] += server.ProcessorTime() - before;
        return took;
    }

    private static TimeSpan Sum(IEnumerable<TimeSpan> runs) => runs.Aggregate(TimeSpan.Zero, (a, b) => a + b);

    /// <summary>
    /// A doctor called away: their filled slot is cancelled and its patients moved to another doctor's slot in one
    /// request, timed, with the server's CPU time around it.
    /// </summary>
    private static async Task<(TimeSpan Took, TimeSpan Cpu)> ReallocateAsync(AppServer server, BenchApi api, int tokens, CancellationToken ct)
    {
        var from = await api.TodaySlotAsync(await api.DoctorAsync("Dr. Called Away", "Benchmark Reallocation", ct), tokens, ct);
        var to = await api.TodaySlotAsync(await api.DoctorAsync("Dr. Standing In", "Benchmark Reallocation", ct), tokens, ct);
        await api.FillAsync(from, tokens, "walkin", ct: ct);
        await api.CancelSlotAsync(from, ct);
        var cpu = server.ProcessorTime();
        var timer = Stopwatch.StartNew();
        var answer = await BenchApi.MustAsync(api.Client.PostAsJsonAsync($"/api/tokens/reallocate/{from}", new { targetSlotId = to }, ct), HttpStatusCode.OK, ct);
        var took = timer.Elapsed;
        cpu = server.ProcessorTime() - cpu;
        var moved = answer.GetProperty("moved").GetArrayLength();
        if (moved != tokens)
        {
            throw new InvalidOperationException($"The reallocation moved {moved} of {tokens} tokens.");
        }

        return (took, cpu);
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

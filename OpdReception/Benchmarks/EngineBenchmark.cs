using Microsoft.Data.Sqlite;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Simulation;

namespace OpdReception.Benchmarks;

/// <summary>
/// `benchmark engine`: the engine in process, without HTTP. Every figure is measured in the same run as its baseline, on the same disk:
/// a token issued through the engine against the bare durable write it cannot avoid (one fsync'd SQLite
/// transaction), and the pure rules against the cheapest thing they could be (a plain sort).
/// </summary>
public static class EngineBenchmark
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct = default)
    {
        if (!TryParse(args, out var runs))
        {
            output.WriteLine("usage: benchmark engine [--runs N]   (N from 10 to 100000, default 300)");
            return 2;
        }

        var day = new DateOnly(2030, 1, 7);
        await using var host = await SimulationHost.StartAsync(day.ToDateTime(new TimeOnly(7, 0)), ct);
        var desk = host.Desk;
        var doctor = (await desk.Doctors.CreateAsync(new DoctorRequest("Dr. Bench", "General Medicine", ["Monday"], "1"), "benchmark", ct)).Value!;
        var slots = new List<SlotView>();
        for (var hour = 9; hour < 17; hour++)
        {
            var created = await desk.Slots.CreateAsync(new SlotRequest(doctor.Id, day, new TimeOnly(hour, 0), new TimeOnly(hour + 1, 0), 500, 5), ct);
            slots.Add(created.Value!);
        }

        output.WriteLine($"OpdReception benchmark: {runs} runs each, {Environment.ProcessorCount} cores, SQLite WAL + synchronous=FULL on {Path.GetTempPath()}");
        output.WriteLine();
        output.WriteLine(Measurement.Header);

        var bareWrite = await BareDurableWriteAsync(runs, ct);
        output.WriteLine(bareWrite.Row(null));
        Task Issue(int slot, TokenSource source) => Must(desk.IssueToken.IssueAsync(
            new IssueRequest(slots[slot % slots.Count].Id, source, null, "Bench Patient", "+91 98765 43210", NewPatient: true), "benchmark", ct));

        await Issue(0, TokenSource.WalkIn);
        var issue = await Measurement.TimeAsync("issue a token (engine, one desk)", runs, i => Issue(i, TokenSource.WalkIn));
        output.WriteLine(issue.Row(bareWrite));
        var contended = await Measurement.TimeConcurrentlyAsync("issue a token (engine, 8 desks, one slot)", runs, 8, _ => Issue(3, TokenSource.Online));
        output.WriteLine(contended.Row(bareWrite));
        var queue = await Measurement.TimeAsync($"read a queue ({(await desk.TokenQueries.QueueAsync(slots[3].Id, ct)).Value!.Tokens.Count} tokens)", runs, _ => Must(desk.TokenQueries.QueueAsync(slots[3].Id, ct)));
        output.WriteLine(queue.Row(bareWrite));

        output.WriteLine();
        // The day arrangement production uses: 200 patients over a doctor's four slots, an emergency among them.
        var daySlots = Enumerable.Range(0, 4).Select(i => new DayQueueSlot(
            new SlotState(i + 1, 1, day, new TimeOnly(9 + 2 * i, 0), new TimeOnly(11 + 2 * i, 0), 60, 0, 50, 50, SlotStatus.Open, 0), 5)).ToArray();
        var entries = Enumerable.Range(1, 200).Select(i => new DayEntry(i, i % 4 + 1, i % 50 == 0 ? TokenSource.Emergency : (TokenSource)(i % 4),
            i % 3 == 0 ? TokenStatus.Booked : TokenStatus.Waiting, (i % 5 + 1) * 100, day.ToDateTime(new TimeOnly(8, 0)).AddSeconds(i))).ToArray();
        var state = daySlots[0].Slot;
        var sort = await Measurement.TimeAsync("sort 200 entries (baseline)", runs, _ => Task.FromResult(entries.OrderByDescending(e => e.PriorityScore).ToList()));
        output.WriteLine(sort.Row(null));
        var arrange = await Measurement.TimeAsync("arrange a doctor's day of 200 (rules)", runs, _ => Task.FromResult(DayQueue.Arrange(daySlots, entries, day.ToDateTime(new TimeOnly(10, 0)))));
        output.WriteLine(arrange.Row(sort));
        var decide = await Measurement.TimeAsync("decide one issue (rules)", runs, _ => Task.FromResult(TokenDesk.Issue(state, TokenSource.WalkIn, PriorityWeights.Default, day.ToDateTime(new TimeOnly(10, 0)), null, [])));
        output.WriteLine(decide.Row(sort));
        output.WriteLine();
        output.WriteLine($"ratio: mean time against the row's baseline (the bare durable write above, or the plain sort).");
        output.WriteLine();
        await HistoryBenchmark.RunAsync(runs, output, ct);
        return 0;
    }

    /// <summary>The floor for any acknowledged write on this disk: one immediate transaction, one row, fsync'd.</summary>
    private static async Task<Measurement> BareDurableWriteAsync(int runs, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("opd-bench-");
        try
        {
            await using var connection = new SqliteConnection($"Data Source={Path.Combine(folder.FullName, "bare.db")};Pooling=False");
            await connection.OpenAsync(ct);
            await using (var setup = connection.CreateCommand())
            {
                setup.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE t (id INTEGER PRIMARY KEY, slot INTEGER, number INTEGER);";
                await setup.ExecuteNonQueryAsync(ct);
            }

            return await Measurement.TimeAsync("bare durable write (baseline)", runs, async i =>
            {
                await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
                await using var insert = connection.CreateCommand();
                insert.Transaction = tx;
                insert.CommandText = "INSERT INTO t (slot, number) VALUES (1, $n)";
                insert.Parameters.AddWithValue("$n", i);
                await insert.ExecuteNonQueryAsync(ct);
                await tx.CommitAsync(ct);
            });
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task Must<T>(Task<Result<T>> operation)
    {
        var result = await operation;
        if (!result.IsOk)
        {
            throw new InvalidOperationException($"Benchmark step refused: {result.Problem!.Detail}");
        }
    }

    private static bool TryParse(string[] args, out int runs)
    {
        runs = 300;
        return args switch
        {
            [] => true,
            ["--runs", var n] => int.TryParse(n, out runs) && runs is >= 10 and <= 100_000,
            _ => false,
        };
    }
}

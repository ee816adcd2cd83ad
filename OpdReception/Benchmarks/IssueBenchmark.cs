using System.Globalization;

namespace OpdReception.Benchmarks;

/// <summary>
/// Issuing over HTTP at 1, 8, 32 and 128 clients in two shapes (spread over many slots, all into one slot), against
/// the raw durable insert measured in the same run on the same disk; then every slot is read back and checked.
/// </summary>
public static class IssueBenchmark
{
    private const string Group = "Issuing a token over HTTP (POST /api/tokens/walkin)";

    public static async Task<(List<BenchRow> Rows, CorrectnessCheck Check)> RunAsync(AppServer server, BenchSize size, string folder, TextWriter output, CancellationToken ct)
    {
        var api = new BenchApi(server.Client);
        var rows = new List<BenchRow>();

        // The disk is shared: other work's fsyncs slow the raw insert down at times. It is measured before and after the
        // bursts, and the faster of the two is the baseline, so no ratio looks better for a moment's contention.
        var rawBefore = await RawCeiling.MeasureAsync(folder, size.RawInserts, ct);
        output.WriteLine($"  raw durable insert: {rawBefore.PerSecond:0}/s");

        var ledger = new Dictionary<int, List<Issued>>();
        var warmSlots = new List<int>();
        for (var d = 0; d < 2; d++)
        {
            warmSlots.Add(await api.TodaySlotAsync(await api.DoctorAsync($"Dr. Warm Up {d + 1}", ct: ct), BenchSize.MaxCapacity, ct));
        }

        var spread = new List<int>();
        for (var d = 0; d < size.SpreadSlots; d++)
        {
            spread.Add(await api.TodaySlotAsync(await api.DoctorAsync($"Dr. Spread {d + 1:00}", ct: ct), BenchSize.MaxCapacity, ct));
        }

        // Warm up: the server compiles its queries and the client opens as many connections as the most clients will use.
        foreach (var clients in new[] { 1, size.Clients.Max() })
        {
            var warm = await IssueLoad.RunAsync(server, "warm-up", clients, size.WarmupRequests / 2, i => warmSlots[i % warmSlots.Count], ct);
            Record(ledger, warm);
        }

        // The runtime recompiles hot methods in the background a little after they get hot; let it finish off the clock.
        await Task.Delay(TimeSpan.FromSeconds(2), ct);

        var problems = new List<string>();
        var bursts = new List<(string Figure, IssueLoad Load, int ExpectedRefusals)>();
        foreach (var clients in size.Clients)
        {
            var offset = clients * 7;
            var load = await IssueLoad.RunAsync(server, "spread", clients, size.Requests(clients), i => spread[(i + offset) % spread.Count], ct);
            Record(ledger, load);
            bursts.Add(($"spread over {spread.Count} slots of as many doctors, {clients} client{(clients == 1 ? "" : "s")}", load, 0));
            output.WriteLine($"  spread, {clients} clients: {load.TokensPerSecond:0} tokens/s");
        }

        foreach (var clients in size.Clients)
        {
            var doctor = await api.DoctorAsync($"Dr. One Slot {clients}", ct: ct);
            var slot = await api.TodaySlotAsync(doctor, size.ConcentratedCapacity, ct);
            var load = await IssueLoad.RunAsync(server, "one slot", clients, size.ConcentratedCapacity + size.ConcentratedOverflow, _ => slot, ct);
            Record(ledger, load);
            bursts.Add(($"one slot of {size.ConcentratedCapacity} seats, {size.ConcentratedCapacity + size.ConcentratedOverflow} requests, {clients} client{(clients == 1 ? "" : "s")}",
                load, size.ConcentratedOverflow));
            output.WriteLine($"  one slot, {clients} clients: {load.TokensPerSecond:0} tokens/s");
        }

        var rawAfter = await RawCeiling.MeasureAsync(folder, size.RawInserts, ct);
        output.WriteLine($"  raw durable insert again: {rawAfter.PerSecond:0}/s");
        var raw = rawAfter.PerSecond > rawBefore.PerSecond ? rawAfter : rawBefore;
        var rawText = $"raw insert {BenchReport.Number(raw.PerSecond)}/s";
        rows.Add(new BenchRow(Group, "raw durable insert: one row per transaction, one connection (Microsoft.Data.Sqlite)",
            $"{BenchReport.Number(raw.PerSecond)}/s · p50 {Ms(raw.Percentile(0.5))} · p99 {Ms(raw.Percentile(0.99))} " +
            $"(the faster of {BenchReport.Number(rawBefore.PerSecond)}/s before the bursts and {BenchReport.Number(rawAfter.PerSecond)}/s after)", raw.PerSecond, "inserts/s")
        {
            Details = new Dictionary<string, double>
            {
                ["inserts"] = raw.Runs.Count,
                ["p50Ms"] = raw.Percentile(0.5) / 1000,
                ["p99Ms"] = raw.Percentile(0.99) / 1000,
                ["beforePerSecond"] = rawBefore.PerSecond,
                ["afterPerSecond"] = rawAfter.PerSecond,
            },
        });
        rows.AddRange(bursts.Select(b => Row(b.Figure, b.Load, b.ExpectedRefusals, raw, rawText, problems)));

        var check = await CheckAsync(api, ledger, problems, ct);
        rows.Add(new BenchRow(Group, "correctness of every slot, read back through the API",
            check.Passed
                ? $"passed: {check.Slots} slots, {check.Acknowledged:N0} tokens acknowledged = {check.Found:N0} found"
                : $"FAILED: {check.Problems.Count} problems",
            check.Problems.Count, "problems"));
        return (rows, check);
    }

    private static BenchRow Row(string figure, IssueLoad load, int expectedRefusals, Measurement raw, string rawText, List<string> problems)
    {
        var errors = load.Errors.Count + Math.Abs(load.Refused - expectedRefusals);
        problems.AddRange(load.Errors.Take(5).Select(e => $"{figure}: {e}"));
        if (load.Refused != expectedRefusals)
        {
            problems.Add($"{figure}: {load.Refused} refused as full, expected {expectedRefusals}");
        }

        var value = string.Format(CultureInfo.InvariantCulture, "{0} tokens/s · p50 {1} · p95 {2} · p99 {3} · {4} error{5}{6} · server {7:0.00} cores, {8} CPU ms/request",
            BenchReport.Number(load.TokensPerSecond), Ms(load.Timing.Percentile(0.5)), Ms(load.Timing.Percentile(0.95)), Ms(load.Timing.Percentile(0.99)),
            errors, errors == 1 ? "" : "s", expectedRefusals > 0 ? $" · {load.Refused} refused as full (expected)" : "",
            load.ServerCores, BenchReport.Number(load.ServerCpuMillisecondsPerRequest));
        return new BenchRow(Group, figure, value, load.TokensPerSecond, "tokens/s", rawText, load.TokensPerSecond / raw.PerSecond)
        {
            Details = new Dictionary<string, double>
            {
                ["clients"] = load.Clients,
                ["requests"] = load.Requests,
                ["created"] = load.Created.Count,
                ["refused"] = load.Refused,
                ["errors"] = errors,
                ["p50Ms"] = load.Milliseconds(0.5),
                ["p95Ms"] = load.Milliseconds(0.95),
                ["p99Ms"] = load.Milliseconds(0.99),
                ["seconds"] = load.Timing.Wall.TotalSeconds,
                ["serverCores"] = load.ServerCores,
                ["serverCpuMsPerRequest"] = load.ServerCpuMillisecondsPerRequest,
            },
        };
    }

    private static void Record(Dictionary<int, List<Issued>> ledger, IssueLoad load)
    {
        foreach (var token in load.Created)
        {
            (ledger.TryGetValue(token.SlotId, out var tokens) ? tokens : ledger[token.SlotId] = []).Add(token);
        }
    }

    /// <summary>Every token a 201 acknowledged is in its slot, no number twice, no slot past its seats, and the slot counts what it holds.</summary>
    private static async Task<CorrectnessCheck> CheckAsync(BenchApi api, Dictionary<int, List<Issued>> ledger, List<string> problems, CancellationToken ct)
    {
        var found = 0;
        foreach (var (slotId, acknowledged) in ledger.OrderBy(l => l.Key))
        {
            var slot = await api.CountAsync(slotId, ct);
            found += slot.TokenNumbers.Count;
            var duplicates = slot.TokenNumbers.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            if (duplicates.Count > 0)
            {
                problems.Add($"slot {slotId}: numbers issued twice: {string.Join(", ", duplicates.Take(5))}");
            }

            if (slot.TokenNumbers.Count > slot.MaxCapacity + slot.EmergencyExtensions)
            {
                problems.Add($"slot {slotId}: {slot.TokenNumbers.Count} tokens in {slot.MaxCapacity} seats (+{slot.EmergencyExtensions} for emergencies)");
            }

            var answered = acknowledged.Select(t => t.TokenNumber).ToHashSet();
            if (acknowledged.Count != answered.Count)
            {
                problems.Add($"slot {slotId}: the same number was acknowledged to two requests");
            }

            if (!answered.SetEquals(slot.TokenNumbers))
            {
                problems.Add($"slot {slotId}: {acknowledged.Count} acknowledged, {slot.TokenNumbers.Count} in the queue, " +
                    $"{answered.Except(slot.TokenNumbers).Count()} acknowledged but missing, {slot.TokenNumbers.Except(answered).Count()} never acknowledged");
            }

            if (slot.BookedCount != acknowledged.Count)
            {
                problems.Add($"slot {slotId}: counts {slot.BookedCount} seats taken, {acknowledged.Count} were acknowledged");
            }
        }

        return new CorrectnessCheck(ledger.Count, ledger.Values.Sum(t => t.Count), found, problems);
    }

    public static string Ms(double microseconds) => BenchReport.Number(microseconds / 1000) + " ms";
}

using System.Diagnostics;

namespace OpdReception.Benchmarks;

/// <summary>
/// The `benchmark` command: the app as its own process on loopback, measured over HTTP as desks and boards use it, each
/// figure beside a baseline measured in the same run on the same disk. Prints the table and writes it as JSON and
/// Markdown. `benchmark engine` keeps the older in-process figures (the engine and the pure rules without HTTP).
/// </summary>
public static class OpdBenchmark
{
    public const string Usage = "usage: benchmark [--quick] [--only issuing|reads|boards|displays|patient-pages] [--out FOLDER]   (the HTTP benchmark; writes FOLDER/latest.json and latest.md, default docs/bench)\n" +
                                "       benchmark engine [--runs N]         (the engine in process, without HTTP)";

    /// <summary>The exit code when every figure was measured but a slot came out wrong.</summary>
    public const int CorrectnessFailed = 3;

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct = default)
    {
        if (args is ["engine", .. var rest])
        {
            return await EngineBenchmark.RunAsync(rest, output, ct);
        }

        if (!TryParse(args, out var size, out var outFolder, out var only))
        {
            output.WriteLine(Usage);
            return 2;
        }

        var took = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        var folder = Directory.CreateTempSubdirectory("opd-bench-");
        try
        {
            var machine = MachineInfo.Read(folder.FullName);
            output.WriteLine($"OpdReception benchmark ({size.Name}, {machine.Build} build) over HTTP: {machine.Cores} cores, {machine.Cpu}; databases in {folder.FullName} ({machine.FileSystem}); load {machine.LoadAtStart}");
            output.WriteLine($"The server runs as its own process in Production, with {AppServer.IssueLimitSetting} so the benchmark is not throttled.");
            if (Environment.GetEnvironmentVariable(AppServer.ServerVariable) is { Length: > 0 } other)
            {
                output.WriteLine($"The server measured is another build: {Path.GetFullPath(other)} ({AppServer.ServerVariable}).");
            }

            var notes = new List<string>();
            var rows = new List<BenchRow>();
            CorrectnessCheck check = new(0, 0, 0, []);
            if (only is null or Part.Issuing)
            {
                await using var server = await StartAsync(folder, "issuing", history: null, output, ct);
                output.WriteLine("Issuing...");
                (var issueRows, check) = await IssueBenchmark.RunAsync(server, size, folder.FullName, output, ct);
                rows.AddRange(issueRows);
            }

            if (only is null or Part.Reads)
            {
                // Both servers at once: each timed read goes to one and then the other (ReadBenchmark).
                History? history = null;
                await using var emptyServer = await StartAsync(folder, "empty", history: null, output, ct);
                await using var oldServer = await StartAsync(folder, "year-old", tokens => history = tokens, output, ct, size.HistoryTokens);
                output.WriteLine("Reads and a reallocation, an empty and a year-old database in turn...");
                var (empty, old) = await ReadBenchmark.CompareAsync(emptyServer, oldServer, size, ct);
                rows.AddRange(ReadRows(empty, old, history!, size));
            }

            if (only is null or Part.Boards)
            {
                await using var server = await StartAsync(folder, "boards", history: null, output, ct);
                output.WriteLine("Live boards in headless Chromium...");
                rows.AddRange(await CircuitBenchmark.RunAsync(server, size, notes, gc: null, timeToBoards: true, ct));
            }

            if (only is null or Part.Displays)
            {
                await using var quiet = await StartAsync(folder, "no-displays", history: null, output, ct);
                await using var watched = await StartAsync(folder, "displays", history: null, output, ct);
                output.WriteLine("Issuing with no display and with open displays, two servers in turn...");
                rows.AddRange(await DisplayBenchmark.RunAsync(quiet, watched, size, notes, output, ct));
            }

            if (only is null or Part.PatientPages)
            {
                var database = Path.Combine(folder.FullName, "patient-pages.db");
                await using var server = await StartAsync(folder, "patient-pages", history: null, output, ct, environment: PatientPageBenchmark.Settings);
                output.WriteLine("Patient pages: open streams, tabs in headless Chromium, and the first load's size...");
                rows.AddRange(await PatientPageBenchmark.RunAsync(server, database, size, notes, output, ct));
            }

            notes.Insert(0, "Clients and server share the machine's cores: the load generator (this process) and Chromium take CPU the server would otherwise have.");
            notes.Insert(1, $"A slot holds at most {BenchSize.MaxCapacity} seats: a bigger queue is {BenchSize.MaxCapacity} walk-ins and the rest emergencies, each of which adds a seat, issued through the API like the rest.");
            notes.Insert(2, $"Each HTTP issue is one POST /api/tokens/walkin with its own patient; spread bursts go round the slots, one-slot bursts ask for {size.ConcentratedOverflow} more seats than the slot has, so exactly that many 409 refusals are expected. Latency is per request, from send to the whole answer read.");
            var mode = only is null ? size.Name : $"{size.Name}, {PartName(only.Value)} only";
            var report = new BenchReport(mode, started, took.Elapsed, machine.Finished(), Settings(), rows, check, notes);
            output.Write(report.ToText());
            output.WriteLine();
            output.WriteLine(check.Passed ? "Correctness: passed." : "Correctness: FAILED: " + string.Join("; ", check.Problems.Take(10)));
            Write(report, size, outFolder, only, output);
            return check.Passed ? 0 : CorrectnessFailed;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static async Task<AppServer> StartAsync(
        DirectoryInfo folder, string name, Action<History>? history, TextWriter output, CancellationToken ct, int historyTokens = 0, IReadOnlyDictionary<string, string>? environment = null)
    {
        var database = Path.Combine(folder.FullName, $"{name}.db");
        await AppServer.CreateAdminAsync(database, ct);
        if (history is not null)
        {
            // Written into the file before the server opens it, as a year of use would have left it.
            var written = await YearOfHistory.SeedAsync($"Data Source={database}", BenchApi.Today, historyTokens, ct);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            output.WriteLine($"  a year of history: {written.Tokens:N0} tokens, {written.Slots:N0} slots, {written.Patients:N0} patients, written in {written.Took.TotalSeconds:0.0} s");
            history(written);
        }

        return await AppServer.StartAsync(database, ct, environment);
    }

    private static IEnumerable<BenchRow> ReadRows(ReadFigures empty, ReadFigures old, History history, BenchSize size)
    {
        var group = $"Reading over HTTP, one client, {size.ReadRuns} runs each after as many to warm up, the two databases in turn (today's queues; year-old = {history.Tokens:N0} tokens of history)";
        for (var i = 0; i < empty.Reads.Count; i++)
        {
            var (fresh, aged) = (empty.Reads[i], old.Reads[i]);
            yield return ReadRow(group, $"{fresh.Name}, empty database", fresh, empty.ServerCpuMs[i], null);
            yield return ReadRow(group, $"{aged.Name}, year-old database", aged, old.ServerCpuMs[i], fresh);
        }

        var reallocation = $"A cancelled slot's tokens reallocated to a named slot (POST /api/tokens/reallocate/{{slot}}, one request; median of {ReadBenchmark.Reallocations} after one to warm up, the two databases in turn)";
        string Moved(ReadFigures f) => $"{IssueBenchmark.Ms(f.Reallocation.Percentile(0.5))} · server CPU {IssueBenchmark.Ms(f.ReallocationCpuMs * 1000)}";
        yield return new BenchRow(reallocation, $"{empty.Reallocation.Name}, empty database", Moved(empty), empty.Reallocation.Percentile(0.5) / 1000, "ms");
        yield return new BenchRow(reallocation, $"{old.Reallocation.Name}, year-old database", Moved(old),
            old.Reallocation.Percentile(0.5) / 1000, "ms", "empty database", old.Reallocation.Percentile(0.5) / empty.Reallocation.Percentile(0.5));
    }

    private static BenchRow ReadRow(string group, string figure, Measurement read, double serverCpuMs, Measurement? empty) => new(
        group, figure, $"p50 {IssueBenchmark.Ms(read.Percentile(0.5))} · p95 {IssueBenchmark.Ms(read.Percentile(0.95))} · server CPU {serverCpuMs.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} ms per read",
        read.Percentile(0.5) / 1000, "ms (p50)", empty is null ? null : "empty database", empty is null ? null : read.Percentile(0.5) / empty.Percentile(0.5))
    {
        Details = new Dictionary<string, double>
        {
            ["runs"] = read.Runs.Count, ["p50Ms"] = read.Percentile(0.5) / 1000, ["p95Ms"] = read.Percentile(0.95) / 1000, ["meanMs"] = read.MeanMicroseconds / 1000,
            ["serverCpuMs"] = serverCpuMs,
        },
    };

    private static List<string> Settings() =>
    [
        "ASPNETCORE_ENVIRONMENT=Production, plain http on 127.0.0.1 (no TLS)",
        $"{AppServer.IssueLimitSetting} (default 120: the benchmark would otherwise be throttled with 429)",
        "Opd:SignInAttemptsPerMinute=1000",
        $"Opd:TimeZone={BenchApi.Zone.Id} (where it is about midday now: walk-ins go into today's slots, which must not be over)",
        "Opd:Synchronous=Full (the default: every acknowledged token fsynced)",
        "the server's GC as the app ships (workstation GC, set in OpdReception.csproj)",
        $"{DisplayBenchmark.ScreensSetting} (default 20 per address: every display the benchmark opens comes from 127.0.0.1)",
    ];

    private static void Write(BenchReport report, BenchSize size, string? outFolder, Part? only, TextWriter output)
    {
        var folder = outFolder ?? Path.Combine(RepositoryRoot(), "docs", "bench");
        Directory.CreateDirectory(folder);
        // A part run never overwrites the whole run's figures that docs/benchmarks.md quotes.
        var name = (size == BenchSize.Full ? "latest" : $"latest-{size.Name}") + (only is null ? "" : $"-{PartName(only.Value)}");
        File.WriteAllText(Path.Combine(folder, $"{name}.json"), report.ToJson());
        File.WriteAllText(Path.Combine(folder, $"{name}.md"), report.ToMarkdown());
        output.WriteLine($"Written: {Path.Combine(folder, name)}.json and .md");
    }

    /// <summary>The repository the command runs in (the folder holding OpdReception/), else the working folder.</summary>
    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(Environment.CurrentDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "OpdReception", "OpdReception.csproj")))
            {
                return folder.FullName;
            }
        }

        return Environment.CurrentDirectory;
    }

    private static string PartName(Part part) => part == Part.PatientPages ? "patient-pages" : part.ToString().ToLowerInvariant();

    /// <summary>One part of the run alone, for measuring a change to that part without waiting for the rest.</summary>
    private enum Part { Issuing, Reads, Boards, Displays, PatientPages }

    private static bool TryParse(string[] args, out BenchSize size, out string? outFolder, out Part? only)
    {
        size = BenchSize.Full;
        outFolder = null;
        only = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    size = BenchSize.Quick;
                    break;
                case "--only" when i + 1 < args.Length && Enum.TryParse<Part>(args[i + 1].Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var part):
                    only = part;
                    i++;
                    break;
                case "--out" when i + 1 < args.Length:
                    outFolder = Path.GetFullPath(args[++i]);
                    break;
                default:
                    return false;
            }
        }

        return true;
    }
}

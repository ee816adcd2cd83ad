using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Data.Sqlite;

namespace OpdReception.Benchmarks;

/// <summary>
/// What each phone following its token costs the server: N patient pages open at once, each its page loaded and its
/// event stream held open, as a phone's browser holds it (server VmRSS before and after, divided by N); a few real
/// tabs in headless Chromium measured the same way; how soon a doctor's call reaches every open stream of that
/// doctor's patients; and the bytes a phone downloads on first load (<see cref="PatientPageSize"/>). Against an
/// older build (OPD_BENCH_SERVER) whose page is a circuit, the streams are not there and only the tabs and the size
/// are measured, the same way, for comparison.
/// </summary>
public static class PatientPageBenchmark
{
    public const string Group = "Patient pages (/t/{code}: the slip's QR page, open on each patient's phone)";
    public const double MemoryTargetKilobytes = 20;

    private const int Doctors = 4;

    /// <summary>Every page and stream the benchmark opens comes from 127.0.0.1: the per-address limits are raised for it.</summary>
    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>
    {
        ["Opd__MaxAnonymousScreensPerClient"] = "100000",
        ["Opd__PatientPage__RequestsPerMinutePerAddress"] = "1000000",
        ["Opd__PatientPage__MaxOpenStreamsPerAddress"] = "1000000",
    };

    public static async Task<List<BenchRow>> RunAsync(AppServer server, string databaseFile, BenchSize size, List<string> notes, TextWriter output, CancellationToken ct)
    {
        // The quick run proves the steps work and measures nothing worth waiting for.
        var settle = TimeSpan.FromSeconds(size == BenchSize.Full ? 30 : 2);
        var api = new BenchApi(server.Client);
        var slots = new List<int>();
        for (var d = 0; d < Doctors; d++)
        {
            var slot = await api.TodaySlotAsync(await api.DoctorAsync($"Dr. Phones {d + 1}", ct: ct), BenchSize.MaxCapacity, ct);
            slots.Add(slot);
            await api.FillAsync(slot, (size.PatientPages + size.PatientTabs + 1 + Doctors - 1) / Doctors, ct: ct);
        }

        var codes = await CodesAsync(databaseFile, ct);
        output.WriteLine($"  {codes.Count} tokens issued over {Doctors} doctors");
        var rows = new List<BenchRow> { await PatientPageSize.MeasureAsync(server.Address, codes[0].Code, ct) };

        using var phones = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = server.Address,
            Timeout = Timeout.InfiniteTimeSpan,
        };

        // A few first, closed again, so the figure does not carry the first page's one-time costs (JIT, pools).
        var warm = await OpenAsync(phones, codes.Take(Math.Max(10, size.PatientPages / 10)).Select(c => c.Code), ct);
        if (warm is null)
        {
            notes.Add("Patient-page streams not measured: the server measured has no /t/{code}/events stream (an older build, whose page is a circuit); its tabs and size are.");
        }
        else
        {
            warm.ForEach(s => s.Dispose());
            var before = await SettledKilobytesAsync(server, settle, ct);
            var threadsBefore = Threads(server);
            var half = size.PatientPages / 2;
            var streams = (await OpenAsync(phones, codes.Take(half).Select(c => c.Code), ct))!;
            var middle = await SettledKilobytesAsync(server, settle, ct);
            streams.AddRange((await OpenAsync(phones, codes.Skip(half).Take(size.PatientPages - half).Select(c => c.Code), ct))!);
            var after = await SettledKilobytesAsync(server, settle, ct);
            var row = MemoryRow($"server memory per open patient page, {streams.Count} open (page loaded, its event stream held open)", after - before, streams.Count);
            rows.Add(row with
            {
                Value = row.Value.TrimEnd(')') + string.Format(CultureInfo.InvariantCulture, "; the last {0}: {1} KB each; server threads {2} before, {3} after)",
                    streams.Count - half, BenchReport.Number((double)(after - middle) / (streams.Count - half)), threadsBefore, Threads(server)),
            });
            output.WriteLine($"  {streams.Count} streams: {BenchReport.Number((double)(after - before) / streams.Count)} KB each");

            rows.Add(await CallReachesStreamsAsync(api, slots[0], streams.Where((_, i) => codes[i].SlotId == slots[0]).ToList(), ct));
            streams.ForEach(s => s.Dispose());
        }

        rows.AddRange(await TabsAsync(server, settle, codes.Skip(size.PatientPages).Take(size.PatientTabs + 1).Select(c => c.Code).ToList(), notes, ct));
        notes.Add($"Patient pages: {Doctors} doctors' queues of walk-ins, every page of its own token; each open page is one GET of the page and one GET of /t/{{code}}/events " +
            "held open and read (as EventSource does), from this process. Memory is the server's VmRSS after the pages are open and 30 s have passed, minus the same before, " +
            "divided by their number; no GC is forced. The tabs are real pages in headless Chromium, each in a browser context of its own (a browser holds at most 6 " +
            "connections to one host per profile, and every open stream is one). The server runs with Opd:MaxAnonymousScreensPerClient=100000 and " +
            "Opd:PatientPage:RequestsPerMinutePerAddress=1000000: every page comes from 127.0.0.1.");
        return rows;
    }

    /// <summary>A stream open on the server: its answer and its reader, the last read line kept.</summary>
    private sealed class Stream(HttpResponseMessage answer, StreamReader reader) : IDisposable
    {
        /// <summary>The headline of the last state read: the place in words, which a call changes.</summary>
        public string Headline { get; private set; } = "";

        /// <summary>States the stream sent meanwhile (the clock's minute moves "Updated hh:mm") are read past until the headline changes.</summary>
        public async Task NextHeadlineAsync(CancellationToken ct)
        {
            var before = Headline;
            while (Headline == before)
            {
                await NextDataAsync(ct);
            }
        }

        public async Task<string> NextDataAsync(CancellationToken ct)
        {
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                // A state, not a beat ("data: 1" after "event: beat").
                if (line.StartsWith("data: {", StringComparison.Ordinal))
                {
                    using var state = System.Text.Json.JsonDocument.Parse(line["data: ".Length..]);
                    Headline = state.RootElement.GetProperty("f").GetProperty("headline").GetString() ?? "";
                    return line;
                }
            }

            throw new InvalidOperationException("A patient page's stream ended.");
        }

        public void Dispose()
        {
            reader.Dispose();
            answer.Dispose();
        }
    }

    /// <summary>Opens the pages 16 at a time, each its page and then its stream, and reads each stream's first state; null when the server has no streams.</summary>
    private static async Task<List<Stream>?> OpenAsync(HttpClient phones, IEnumerable<string> codes, CancellationToken ct)
    {
        var all = codes.ToList();
        var opened = new Stream?[all.Count];
        var next = -1;
        var missing = false;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < all.Count && !missing)
            {
                (await phones.GetAsync($"/t/{all[i]}", ct)).EnsureSuccessStatusCode();
                var answer = await phones.GetAsync($"/t/{all[i]}/events", HttpCompletionOption.ResponseHeadersRead, ct);
                if (answer.StatusCode == HttpStatusCode.NotFound || answer.Content.Headers.ContentType?.MediaType != "text/event-stream")
                {
                    answer.Dispose();
                    missing = true;
                    return;
                }

                answer.EnsureSuccessStatusCode();
                var stream = new Stream(answer, new StreamReader(await answer.Content.ReadAsStreamAsync(ct)));
                await stream.NextDataAsync(ct);
                opened[i] = stream;
            }
        }));
        if (missing)
        {
            foreach (var stream in opened)
            {
                stream?.Dispose();
            }

            return null;
        }

        return [.. opened.Select(s => s!)];
    }

    /// <summary>The doctor calls the next patient: every page of that doctor's queue moves up, each told by its own stream.</summary>
    private static async Task<BenchRow> CallReachesStreamsAsync(BenchApi api, int slot, List<Stream> streams, CancellationToken ct)
    {
        var took = new double[streams.Count];
        var clock = Stopwatch.StartNew();
        var heard = streams.Select(async (s, i) =>
        {
            await s.NextHeadlineAsync(ct);
            took[i] = clock.Elapsed.TotalMilliseconds;
        }).ToList();
        var sent = clock.Elapsed.TotalMilliseconds;
        await BenchApi.MustAsync(api.Client.PostAsync($"/api/slots/{slot}/call-next", null, ct), HttpStatusCode.OK, ct);
        await Task.WhenAll(heard).WaitAsync(TimeSpan.FromSeconds(60), ct);
        var delays = took.Select(t => t - sent).Order().ToList();
        return new BenchRow(Group, $"call-next (POST) to the new place on every open page of that doctor's patients ({streams.Count} streams)",
            string.Format(CultureInfo.InvariantCulture, "median {0} ms · max {1} ms", BenchReport.Number(delays[delays.Count / 2]), BenchReport.Number(delays[^1])),
            delays[delays.Count / 2], "ms");
    }

    /// <summary>Real tabs in headless Chromium, each in its own context: live by its stream, or by its circuit on an older build.</summary>
    private static async Task<List<BenchRow>> TabsAsync(AppServer server, TimeSpan settle, List<string> codes, List<string> notes, CancellationToken ct)
    {
        await using var browser = await HeadlessChromium.StartAsync(ct);
        if (browser is null)
        {
            notes.Add($"Patient pages in Chromium not measured: Chromium is not installed at {HeadlessChromium.Executable}.");
            return [];
        }

        const string live = "document.documentElement.dataset.live === 'on' || !!document.querySelector('[data-testid=circuit-ready]')";
        var warm = await browser.OpenAsync(new Uri(server.Address, $"/t/{codes[0]}").ToString(), await browser.NewContextAsync(ct), ct);
        await browser.WaitUntilAsync(warm, live, TimeSpan.FromSeconds(120), ct);
        var before = await SettledKilobytesAsync(server, settle, ct);
        var tabs = new List<string>();
        foreach (var code in codes.Skip(1))
        {
            tabs.Add(await browser.OpenAsync(new Uri(server.Address, $"/t/{code}").ToString(), await browser.NewContextAsync(ct), ct));
        }

        await Task.WhenAll(tabs.Select(t => browser.WaitUntilAsync(t, live, TimeSpan.FromSeconds(120), ct)));
        var circuit = (await browser.EvaluateAsync(tabs[0], "!!document.querySelector('[data-testid=circuit-ready]')", ct)).ValueKind == System.Text.Json.JsonValueKind.True;
        var after = await SettledKilobytesAsync(server, settle, ct);
        return [MemoryRow($"server memory per patient page open in headless Chromium, {tabs.Count} tabs ({(circuit ? "a Blazor circuit each" : "an event stream each")})", after - before, tabs.Count)];
    }

    private static int Threads(AppServer server) => int.Parse(
        File.ReadLines($"/proc/{server.ProcessId}/status").First(l => l.StartsWith("Threads:", StringComparison.Ordinal))["Threads:".Length..].Trim(), CultureInfo.InvariantCulture);

    private static BenchRow MemoryRow(string figure, long kilobytes, int pages)
    {
        var each = (double)kilobytes / pages;
        return new BenchRow(Group, figure, string.Format(CultureInfo.InvariantCulture, "{0} KB per page ({1:N0} KB for {2})", BenchReport.Number(each), kilobytes, pages),
            each, "KB", $"target {MemoryTargetKilobytes} KB", each / MemoryTargetKilobytes);
    }

    /// <summary>
    /// The resident set once the pages are open and quiet: 30 s, so the thread pool's extra threads that opening them
    /// started have retired (an idle worker leaves after 20 s) and the figure is what open pages keep, not what opening them took.
    /// </summary>
    private static async Task<long> SettledKilobytesAsync(AppServer server, TimeSpan settle, CancellationToken ct)
    {
        await Task.Delay(settle, ct);
        return server.ResidentKilobytes();
    }

    /// <summary>The slips' codes, as the desk prints them in the QR: read from the server's own database file (the API never hands them out).</summary>
    private static async Task<List<(string Code, int SlotId)>> CodesAsync(string databaseFile, CancellationToken ct)
    {
        await using var db = new SqliteConnection($"Data Source={databaseFile};Mode=ReadOnly");
        await db.OpenAsync(ct);
        await using var query = db.CreateCommand();
        query.CommandText = "SELECT Code, SlotId FROM Tokens ORDER BY Id";
        await using var rows = await query.ExecuteReaderAsync(ct);
        var codes = new List<(string, int)>();
        while (await rows.ReadAsync(ct))
        {
            codes.Add((rows.GetString(0), rows.GetInt32(1)));
        }

        return codes;
    }
}

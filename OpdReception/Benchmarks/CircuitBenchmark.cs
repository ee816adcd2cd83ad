using System.Globalization;

namespace OpdReception.Benchmarks;

/// <summary>
/// What each open queue board costs the server, and how soon an issued token reaches the boards. Real pages in headless
/// Chromium on a server of their own: the waiting-room display (/display, anonymous) and the desk board
/// (/reception/board/{doctor}, a receptionist signed in with the cookie). Memory is the server's resident set (VmRSS)
/// before and after opening N pages, divided by N: no garbage collection is forced, the GC runs as the app ships.
/// </summary>
public static class CircuitBenchmark
{
    private const string Group = "Live boards (Blazor Server circuits in headless Chromium)";
    private const string DoctorName = "Dr. Board";
    private const string DeskEmail = "desk@bench.opd.local";
    private const double MemoryTargetKilobytes = 500;

    /// <summary>Says whether a token label is shown: in a display tile's "Next" line, or as a row of the desk board.</summary>
    private const string DisplayShows = "l => Array.from(document.querySelectorAll('[data-testid=next]')).some(e => e.textContent.split(/\\s+/).includes(l))";
    private const string BoardShows = "l => !!document.querySelector('[data-testid=queue] tr[data-token=\"' + l + '\"]')";

    private sealed record Page(string Session, string Kind);

    /// <param name="gc">Which garbage collector the server runs with, named in each memory figure when not the one the app ships with.</param>
    /// <param name="timeToBoards">Whether to time issued tokens reaching the boards too (once per run is enough).</param>
    public static async Task<List<BenchRow>> RunAsync(AppServer server, BenchSize size, List<string> notes, string? gc, bool timeToBoards, CancellationToken ct)
    {
        await using var browser = await HeadlessChromium.StartAsync(ct);
        if (browser is null)
        {
            notes.Add($"Live boards not measured{(gc is null ? "" : $" with {gc}")}: Chromium is not installed at {HeadlessChromium.Executable} (apt-get install -y chromium).");
            return [];
        }

        // Boards show today: one slot that runs until the day's end, so a walk-in issued now is waiting in it.
        var api = new BenchApi(server.Client);
        await api.UserAsync(DeskEmail, "Receptionist", ct);
        var doctor = await api.DoctorAsync(DoctorName, ct: ct);
        var slot = await api.TodaySlotAsync(doctor, BenchSize.MaxCapacity, ct);

        var desk = await browser.NewContextAsync(ct);
        var signIn = await browser.OpenAsync(new Uri(server.Address, "/signin").ToString(), desk, ct);
        await browser.WaitUntilAsync(signIn, $"location.origin === '{server.Address.GetLeftPart(UriPartial.Authority)}' && document.readyState === 'complete'", TimeSpan.FromSeconds(60), ct);
        var status = await browser.EvaluateAsync(signIn,
            $"fetch('/account/signin', {{ method: 'POST', headers: {{ 'Content-Type': 'application/json' }}, body: JSON.stringify({{ email: '{DeskEmail}', password: '{AppServer.Password}' }}) }}).then(r => r.status)", ct);
        if (status.GetInt32() != 200)
        {
            throw new InvalidOperationException($"The receptionist could not sign in in the browser ({status}).");
        }

        var displayUrl = new Uri(server.Address, "/display").ToString();
        var boardUrl = new Uri(server.Address, $"/reception/board/{doctor}").ToString();
        var pages = new List<Page>();

        // One page of each first, so the figures below do not carry the server's first render of either.
        pages.AddRange(await OpenAsync(browser, displayUrl, null, "display", 1, ct));
        pages.AddRange(await OpenAsync(browser, boardUrl, desk, "board", 1, ct));

        var rows = new List<BenchRow>();
        var before = await SettledKilobytesAsync(server, ct);
        var (displays, last) = (0, before);
        foreach (var count in size.DisplayPages)
        {
            pages.AddRange(await OpenAsync(browser, displayUrl, null, "display", count - displays, ct));
            var now = await SettledKilobytesAsync(server, ct);
            var row = MemoryRow($"server memory per open waiting-room display (/display), {count} open{Gc(gc)}", now - before, count);

            // Past the first batch, what the latest pages added alone: one-time costs of the first circuits left out.
            rows.Add(displays == 0 ? row : row with
            {
                Value = row.Value.TrimEnd(')') + string.Format(CultureInfo.InvariantCulture, "; the last {0}: {1} KB each)", count - displays, BenchReport.Number((double)(now - last) / (count - displays))),
            });
            (displays, last) = (count, now);
        }

        var beforeBoards = await SettledKilobytesAsync(server, ct);
        pages.AddRange(await OpenAsync(browser, boardUrl, desk, "board", size.BoardPages, ct));
        rows.Add(MemoryRow($"server memory per open desk board (/reception/board), {size.BoardPages} open{Gc(gc)}", await SettledKilobytesAsync(server, ct) - beforeBoards, size.BoardPages));
        if (!timeToBoards)
        {
            return rows;
        }

        var delays = await TimeToBoardsAsync(browser, api, pages, slot, size.LatencyTrials, ct);
        foreach (var kind in new[] { "display", "board" })
        {
            var mine = delays.Where(d => d.Kind == kind).Select(d => d.Milliseconds).Order().ToList();
            var open = pages.Count(p => p.Kind == kind);
            rows.Add(new BenchRow(Group, $"issued token (POST) to visible on every open {kind} ({open} open, {size.LatencyTrials} tokens)",
                $"median {BenchReport.Number(mine[mine.Count / 2])} ms · max {BenchReport.Number(mine[^1])} ms", mine[mine.Count / 2], "ms"));
        }

        notes.Add("Memory per circuit: the server's VmRSS (/proc/PID/status) after the pages are live and 2 s have passed, minus the same before they opened, divided by their number; " +
            "no GC is forced, so the figure includes heap the GC has not given back and code the JIT compiled while the pages opened; the server runs the GC the app ships with " +
            "(set in OpdReception.csproj) unless a row names another. One display and one board were opened first, untimed.");
        notes.Add("Token to board: each page notes by its own clock (a MutationObserver, performance.timeOrigin + now) when the token's label appears; the time is from just before the POST was sent.");
        return rows;
    }

    private static string Gc(string? gc) => gc is null ? "" : $", {gc}";

    private static BenchRow MemoryRow(string figure, long kilobytes, int pages)
    {
        var each = (double)kilobytes / pages;
        return new BenchRow(Group, figure, string.Format(CultureInfo.InvariantCulture, "{0} KB per circuit ({1:N0} KB for {2})", BenchReport.Number(each), kilobytes, pages),
            each, "KB", "target 500 KB", each / MemoryTargetKilobytes);
    }

    private static async Task<List<Page>> OpenAsync(HeadlessChromium browser, string url, string? context, string kind, int count, CancellationToken ct)
    {
        var opened = new List<Page>();
        for (var i = 0; i < count; i++)
        {
            opened.Add(new Page(await browser.OpenAsync(url, context, ct), kind));
        }

        // The layout renders a hidden marker once the circuit is up; the board must also have found its doctor.
        var live = kind == "board"
            ? "!!document.querySelector('[data-testid=circuit-ready]') && !!document.querySelector('[data-testid=queue]')"
            : "!!document.querySelector('[data-testid=circuit-ready]')";
        await Task.WhenAll(opened.Select(p => browser.WaitUntilAsync(p.Session, live, TimeSpan.FromSeconds(120), ct)));
        return opened;
    }

    private static async Task<long> SettledKilobytesAsync(AppServer server, CancellationToken ct)
    {
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        return server.ResidentKilobytes();
    }

    private static async Task<List<(string Kind, double Milliseconds)>> TimeToBoardsAsync(
        HeadlessChromium browser, BenchApi api, List<Page> pages, int slot, int trials, CancellationToken ct)
    {
        foreach (var page in pages)
        {
            await browser.EvaluateAsync(page.Session, $$"""
                (() => {
                    const shows = {{(page.Kind == "board" ? BoardShows : DisplayShows)}};
                    window.__want = null;
                    window.__seenAt = null;
                    window.__check = () => {
                        if (window.__want && window.__seenAt === null && shows(window.__want)) window.__seenAt = performance.timeOrigin + performance.now();
                    };
                    new MutationObserver(window.__check).observe(document.body, { childList: true, subtree: true, characterData: true });
                    return true;
                })()
                """, ct);
        }

        var delays = new List<(string, double)>();
        for (var trial = 1; trial <= trials; trial++)
        {
            var label = $"T{trial:000}";
            foreach (var page in pages)
            {
                await browser.EvaluateAsync(page.Session, $"window.__seenAt = null; window.__want = '{label}'; window.__check(); true", ct);
            }

            var sent = DateTime.UtcNow.Subtract(DateTime.UnixEpoch).TotalMilliseconds;
            var token = await api.IssueAsync(slot, "walkin", null, ct);
            if (token.TokenNumber != label)
            {
                throw new InvalidOperationException($"Expected the board's slot to issue {label}, it issued {token.TokenNumber}.");
            }

            foreach (var page in pages)
            {
                await browser.WaitUntilAsync(page.Session, "window.__seenAt !== null", TimeSpan.FromSeconds(30), ct);
                delays.Add((page.Kind, (await browser.EvaluateAsync(page.Session, "window.__seenAt", ct)).GetDouble() - sent));
            }

            // The display's "Next" line holds only the first few waiting; with this one gone the next token is first again.
            await api.CancelTokenAsync(token.Id, ct);
        }

        return delays;
    }
}

using System.Globalization;

namespace OpdReception.Benchmarks;

/// <summary>
/// What open waiting-room displays cost the desk: issuing p95 with none open, then with
/// <see cref="BenchSize.LoadedDisplays"/> real displays open in headless Chromium (each a live circuit re-rendering on
/// every change), then with none again, on one server. Every display shows every room (/display), so every issued
/// token is a change each of them must follow.
/// </summary>
public static class DisplayBenchmark
{
    private const string Group = "Issuing while waiting-room displays are open (POST /api/tokens/walkin, 8 clients; displays are real circuits in headless Chromium)";
    private const int Clients = 8;
    private const int Rooms = 8;
    private const double Target = 2;

    /// <summary>The server's limit of anonymous screens per address, raised (<see cref="AppServer"/>): every tab comes from loopback.</summary>
    public const string ScreensSetting = "Opd:MaxAnonymousScreensPerClient=1000";

    public static async Task<List<BenchRow>> RunAsync(AppServer server, BenchSize size, List<string> notes, TextWriter output, CancellationToken ct)
    {
        // One renderer process for every tab of the site: two hundred tabs would otherwise be two hundred processes.
        var browser = await HeadlessChromium.StartAsync(ct, ["--process-per-site"]);
        if (browser is null)
        {
            notes.Add($"Issuing with open displays not measured: Chromium is not installed at {HeadlessChromium.Executable} (apt-get install -y chromium).");
            return [];
        }

        try
        {
            var api = new BenchApi(server.Client);
            var slots = new List<int>();
            for (var d = 0; d < Rooms; d++)
            {
                slots.Add(await api.TodaySlotAsync(await api.DoctorAsync($"Dr. Display {d + 1}", ct: ct), BenchSize.MaxCapacity, ct));
            }

            var next = 0;
            async Task<IssueLoad> BurstAsync(string shape, int requests)
            {
                var offset = next;
                next += requests;
                var load = await IssueLoad.RunAsync(server, shape, Clients, requests, i => slots[(i + offset) % slots.Count], ct);
                if (load.Errors.Count > 0 || load.Refused > 0)
                {
                    throw new InvalidOperationException($"Issuing with displays failed: {load.Refused} refused, {string.Join("; ", load.Errors.Take(3))}");
                }

                return load;
            }

            // Warm up the server's issuing and the display's first render, then settle, off the clock.
            await BurstAsync("warm-up", size.DisplayLoadRequests / 2);
            var first = await browser.OpenAsync(new Uri(server.Address, "/display").ToString(), null, ct);
            await browser.WaitUntilAsync(first, "!!document.querySelector('[data-testid=circuit-ready]')", TimeSpan.FromSeconds(120), ct);
            await Task.Delay(TimeSpan.FromSeconds(2), ct);

            var none = await BurstAsync("no display", size.DisplayLoadRequests);
            output.WriteLine($"  0 displays: p95 {IssueBenchmark.Ms(none.Timing.Percentile(0.95))}");

            var url = new Uri(server.Address, "/display").ToString();
            var pages = new List<string>();
            for (var i = 1; i < size.LoadedDisplays; i++)
            {
                pages.Add(await browser.OpenAsync(url, null, ct));
            }

            await Task.WhenAll(pages.Select(p => browser.WaitUntilAsync(p, $"document.querySelectorAll('[data-testid=room]').length === {Rooms}", TimeSpan.FromSeconds(300), ct)));
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
            var open = await BurstAsync("displays open", size.DisplayLoadRequests);
            output.WriteLine($"  {size.LoadedDisplays} displays: p95 {IssueBenchmark.Ms(open.Timing.Percentile(0.95))}");

            // Every display is live to the end: it shows every room.
            await Task.WhenAll(pages.Prepend(first).Select(p => browser.WaitUntilAsync(p, $"document.querySelectorAll('[data-testid=room]').length === {Rooms}", TimeSpan.FromSeconds(60), ct)));

            await browser.DisposeAsync();
            browser = null;
            await Task.Delay(TimeSpan.FromSeconds(3), ct);
            var after = await BurstAsync("displays closed", size.DisplayLoadRequests);
            output.WriteLine($"  0 displays again: p95 {IssueBenchmark.Ms(after.Timing.Percentile(0.95))}");

            // The faster of the two baselines: contention on the shared machine never flatters the ratio.
            var baseline = after.Timing.Percentile(0.95) < none.Timing.Percentile(0.95) ? after : none;
            notes.Add($"Displays: each of the {size.LoadedDisplays} tabs is a real /display page, its circuit live on the server and every room on it, so each issued token is a change every display re-renders " +
                "(through one shared read of the board per change). Chromium runs the tabs in one renderer process (--process-per-site) on the same 2 cores as the server and the load generator, " +
                $"so its work on every change is in the figure too. The server runs with {ScreensSetting}: every tab comes from 127.0.0.1. The baseline is the faster of the bursts before the displays opened and after they closed.");
            return
            [
                Row("no display open (before)", none, null),
                Row($"{size.LoadedDisplays} displays open", open, baseline),
                Row("no display open (after closing them)", after, null),
            ];
        }
        finally
        {
            if (browser is not null)
            {
                await browser.DisposeAsync();
            }
        }
    }

    private static BenchRow Row(string figure, IssueLoad load, IssueLoad? baseline) => new(
        Group, $"{figure}, {load.Requests} tokens over {Rooms} rooms",
        string.Format(CultureInfo.InvariantCulture, "p50 {0} · p95 {1} · {2} tokens/s · server CPU {3} ms per token",
            IssueBenchmark.Ms(load.Timing.Percentile(0.5)), IssueBenchmark.Ms(load.Timing.Percentile(0.95)), BenchReport.Number(load.TokensPerSecond),
            BenchReport.Number(load.ServerCpuMillisecondsPerRequest)),
        load.Timing.Percentile(0.95) / 1000, "ms (p95)",
        baseline is null ? null : $"p95 with no display (target under {Target}x)",
        baseline is null ? null : load.Timing.Percentile(0.95) / baseline.Timing.Percentile(0.95))
    {
        Details = new Dictionary<string, double>
        {
            ["p50Ms"] = load.Timing.Percentile(0.5) / 1000, ["p95Ms"] = load.Timing.Percentile(0.95) / 1000, ["tokensPerSecond"] = load.TokensPerSecond,
            ["serverCpuMsPerToken"] = load.ServerCpuMillisecondsPerRequest,
        },
    };
}

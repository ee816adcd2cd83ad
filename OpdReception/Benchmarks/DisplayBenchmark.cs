using System.Globalization;

namespace OpdReception.Benchmarks;

/// <summary>
/// What open waiting-room displays cost the desk: issuing p95 on a server with no display open against the same on a
/// server with <see cref="BenchSize.LoadedDisplays"/> real displays open in headless Chromium (each a live circuit
/// re-rendering on every change). The two servers run side by side and take their bursts in turn, round after round,
/// so load from elsewhere on the shared machine falls on both alike (as the reads benchmark does). Every display shows
/// every room (/display), so every issued token is a change each of them must follow.
/// </summary>
public static class DisplayBenchmark
{
    private const string Group = "Issuing while waiting-room displays are open (POST /api/tokens/walkin, 8 clients; displays are real circuits in headless Chromium)";
    private const int Clients = 8;
    private const int Rooms = 8;
    private const double Target = 2;

    /// <summary>The server's limit of anonymous screens per address, raised (<see cref="AppServer"/>): every tab comes from loopback.</summary>
    public const string ScreensSetting = "Opd:MaxAnonymousScreensPerClient=1000";

    public static async Task<List<BenchRow>> RunAsync(AppServer quiet, AppServer watched, BenchSize size, List<string> notes, TextWriter output, CancellationToken ct)
    {
        // One renderer process for every tab of the site: two hundred tabs would otherwise be two hundred processes.
        await using var browser = await HeadlessChromium.StartAsync(ct, ["--process-per-site"]);
        if (browser is null)
        {
            notes.Add($"Issuing with open displays not measured: Chromium is not installed at {HeadlessChromium.Executable} (apt-get install -y chromium).");
            return [];
        }

        var none = await Desks.StartAsync(quiet, ct);
        var open = await Desks.StartAsync(watched, ct);

        // Warm both servers' issuing, off the clock.
        await none.BurstAsync(size.DisplayLoadRequests / 4, ct);
        await open.BurstAsync(size.DisplayLoadRequests / 4, ct);

        var url = new Uri(watched.Address, "/display").ToString();
        var pages = new List<string>();
        for (var i = 0; i < size.LoadedDisplays; i++)
        {
            pages.Add(await browser.OpenAsync(url, null, ct));
        }

        var allRooms = $"document.querySelectorAll('[data-testid=room]').length === {Rooms}";
        await Task.WhenAll(pages.Select(p => browser.WaitUntilAsync(p, allRooms, TimeSpan.FromSeconds(300), ct)));
        await Task.Delay(TimeSpan.FromSeconds(2), ct);

        const int rounds = 6;
        for (var round = 0; round < rounds; round++)
        {
            await none.BurstAsync(size.DisplayLoadRequests / rounds, ct, timed: true);
            await open.BurstAsync(size.DisplayLoadRequests / rounds, ct, timed: true);
        }

        // Every display is still live at the end: it shows every room.
        await Task.WhenAll(pages.Select(p => browser.WaitUntilAsync(p, allRooms, TimeSpan.FromSeconds(60), ct)));
        output.WriteLine($"  0 displays: p95 {IssueBenchmark.Ms(none.P95)}; {size.LoadedDisplays} displays: p95 {IssueBenchmark.Ms(open.P95)}");

        notes.Add($"Displays: each of the {size.LoadedDisplays} tabs is a real /display page with every room on it, its circuit live on the server, so each issued token is a change every display " +
            $"re-renders (through one shared read of the board per change). The two servers take their bursts in turn, {rounds} rounds each; Chromium runs the tabs in one renderer process " +
            $"(--process-per-site) on the same cores as the servers and the load generator, so its work on every change is in the figure too. Both servers run with {ScreensSetting}: every tab comes from 127.0.0.1.");
        return
        [
            none.Row("no display open", size, null),
            open.Row($"{size.LoadedDisplays} displays open", size, none),
        ];
    }

    /// <summary>Eight desks issuing walk-ins on one server, spread over its rooms; every timed answer is kept.</summary>
    private sealed class Desks(AppServer server, List<int> slots)
    {
        private readonly List<TimeSpan> _runs = [];
        private TimeSpan _wall;
        private TimeSpan _cpu;
        private int _issued;

        public double P95 => Timing.Percentile(0.95);

        private Measurement Timing => new("issue", _runs, _wall);

        public static async Task<Desks> StartAsync(AppServer server, CancellationToken ct)
        {
            var api = new BenchApi(server.Client);
            var slots = new List<int>();
            for (var d = 0; d < Rooms; d++)
            {
                slots.Add(await api.TodaySlotAsync(await api.DoctorAsync($"Dr. Display {d + 1}", ct: ct), BenchSize.MaxCapacity, ct));
            }

            return new Desks(server, slots);
        }

        public async Task BurstAsync(int requests, CancellationToken ct, bool timed = false)
        {
            var offset = _issued;
            _issued += requests;
            var load = await IssueLoad.RunAsync(server, "displays", Clients, requests, i => slots[(i + offset) % slots.Count], ct);
            if (load.Errors.Count > 0 || load.Refused > 0)
            {
                throw new InvalidOperationException($"Issuing with displays failed: {load.Refused} refused, {string.Join("; ", load.Errors.Take(3))}");
            }

            if (timed)
            {
                _runs.AddRange(load.Timing.Runs);
                _wall += load.Timing.Wall;
                _cpu += load.ServerCpu;
            }
        }

        public BenchRow Row(string figure, BenchSize size, Desks? baseline) => new(
            Group, $"{figure}, {_runs.Count} tokens over {Rooms} rooms",
            string.Format(CultureInfo.InvariantCulture, "p50 {0} · p95 {1} · {2} tokens/s · server CPU {3} ms per token",
                IssueBenchmark.Ms(Timing.Percentile(0.5)), IssueBenchmark.Ms(P95), BenchReport.Number(_runs.Count / _wall.TotalSeconds),
                BenchReport.Number(_cpu.TotalMilliseconds / _runs.Count)),
            P95 / 1000, "ms (p95)",
            baseline is null ? null : $"p95 with no display (target under {Target}x)",
            baseline is null ? null : P95 / baseline.P95)
        {
            Details = new Dictionary<string, double>
            {
                ["p50Ms"] = Timing.Percentile(0.5) / 1000, ["p95Ms"] = P95 / 1000, ["tokensPerSecond"] = _runs.Count / _wall.TotalSeconds,
                ["serverCpuMsPerToken"] = _cpu.TotalMilliseconds / _runs.Count, ["displays"] = baseline is null ? 0 : size.LoadedDisplays,
            },
        };
    }
}

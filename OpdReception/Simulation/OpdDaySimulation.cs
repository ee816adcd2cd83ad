namespace OpdReception.Simulation;

/// <summary>The `simulate` command: plays an OPD day on a simulated clock and prints its timeline and statistics.</summary>
public static class OpdDaySimulation
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct = default)
    {
        if (!SimulationArgs.TryParse(args, out var settings, out var error))
        {
            output.WriteLine($"simulate: {error}");
            output.WriteLine();
            output.WriteLine(SimulationArgs.Usage);
            return 2;
        }

        if (settings is null)
        {
            output.WriteLine(SimulationArgs.Usage);
            return 0;
        }

        if (settings.LastSeed is not null)
        {
            var summary = await RunSeedsAsync(settings, ct);
            SeedsPrinter.Print(summary, output);
            if (settings.JsonPath is { } file)
            {
                await ReportJson.WriteAsync(summary, file, ct);
                output.WriteLine($"Summary written to {file}");
            }

            return summary.ExitCode;
        }

        var report = await RunDayAsync(settings, output, ct);
        return report.ExitCode;
    }

    /// <summary>The days of <c>--seeds</c>, one after the other (each on its own database), without their timelines.</summary>
    public static async Task<SeedsSummary> RunSeedsAsync(SimulationSettings settings, CancellationToken ct = default)
    {
        var first = settings.Seed ?? throw new ArgumentException("A seeds run needs its first seed.", nameof(settings));
        var days = new List<(int, DayReport)>();
        for (var seed = first; seed <= (settings.LastSeed ?? first); seed++)
        {
            days.Add((seed, await RunDayAsync(settings.Day(seed), TextWriter.Null, ct)));
        }

        var service = settings.Service is { Model: ServiceModel.LogNormal, Cv: var cv }
            ? FormattableString.Invariant($"log-normal consultations (cv {cv:0.##})")
            : "uniform consultations (6 to 14 minutes)";
        var ageing = settings.MaxOvertakes is { } max ? $", at most {max} overtakes" : "";
        return SeedsSummary.Of($"Seeds {first}-{settings.LastSeed}, {settings.Patients} patients, {service}{ageing}", days);
    }

    public static async Task<DayReport> RunDayAsync(SimulationSettings settings, TextWriter output, CancellationToken ct = default)
    {
        var plan = settings.Seed is { } seed
            ? RandomDay.Build(ScriptedDay.Date, seed, settings.Patients, settings.Service)
            : ScriptedDay.Build(ScriptedDay.Date, settings.Patients);
        if (settings.MaxOvertakes is { } max)
        {
            plan = plan with { Title = $"{plan.Title}, at most {max} overtakes of a waiting walk-in" };
        }

        await using var host = await SimulationHost.StartAsync(plan.At(DayPlan.DeskOpens), null, settings.MaxOvertakes, ct);
        var timeline = new Timeline(output);
        timeline.Header(plan);
        var run = await new DayRunner(host.Desk, plan, timeline).RunAsync(ct: ct);
        var report = await DayReports.ReadAsync(host.Desk, run, ct);
        ReportPrinter.Print(report, output);
        if (settings.JsonPath is { } path)
        {
            await ReportJson.WriteAsync(report, path, ct);
            output.WriteLine($"Report written to {path}");
        }

        return report;
    }
}

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

        var report = await RunDayAsync(settings, output, ct);
        return report.ExitCode;
    }

    public static async Task<DayReport> RunDayAsync(SimulationSettings settings, TextWriter output, CancellationToken ct = default)
    {
        var plan = settings.Seed is { } seed
            ? RandomDay.Build(ScriptedDay.Date, seed, settings.Patients)
            : ScriptedDay.Build(ScriptedDay.Date, settings.Patients);
        await using var host = await SimulationHost.StartAsync(plan.At(DayPlan.DeskOpens), ct);
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

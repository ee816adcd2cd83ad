using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpdReception.Data;
using OpdReception.Services;

namespace OpdReception.Simulation;

/// <summary>
/// Fills an empty development database with today's OPD as it stands mid-morning: the simulation's scripted day,
/// a little busier, played through the real services up to about 11:30, so every status and source is on screen;
/// then the doctors' weeks ahead (<see cref="DemoWeeks"/>), so booking ahead works too.
/// </summary>
public static class DemoDay
{
    /// <summary>Busier than the reference day, so the mid-morning queues have people in them.</summary>
    public const int Patients = 72;

    /// <summary>
    /// Late enough for completed, delayed and reallocated tokens; early enough for afternoon bookings still to come.
    /// The day runs on a little past it until a doctor is with a patient.
    /// </summary>
    public static readonly TimeOnly StopsAt = new(11, 30);

    /// <summary>Plays the demo day into the database unless it already has doctors; returns what was seeded, or null.</summary>
    public static async Task<DayReport?> SeedIfEmptyAsync(
        IDbContextFactory<OpdDbContext> factory, IOptionsMonitor<OpdOptions> options, OpdChanges changes, DateOnly today, CancellationToken ct = default)
    {
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            if (await db.Doctors.AnyAsync(ct))
            {
                return null;
            }
        }

        var plan = ScriptedDay.Build(today, Patients) with { Title = "demo day" };
        var desk = OpdDesk.Create(factory, options, changes, new ManualClock(plan.At(DayPlan.DeskOpens)));
        var run = await new DayRunner(desk, plan, new Timeline(TextWriter.Null)).RunAsync(StopsAt, ct);
        var report = await DayReports.ReadAsync(desk, run, ct);
        await DemoWeeks.PlanAsync(factory, today, ct);
        return report;
    }
}

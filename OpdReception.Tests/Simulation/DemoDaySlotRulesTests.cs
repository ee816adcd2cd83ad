using Microsoft.EntityFrameworkCore;
using OpdReception.Services;
using OpdReception.Simulation;

namespace OpdReception.Tests.Simulation;

/// <summary>Issue 6, defect 8: the demo day opens its slots through the same rules as an admin.</summary>
public sealed class DemoDaySlotRulesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("2026-11-29", true)]    // a Sunday: the Monday-to-Saturday doctors hold extra sessions
    [InlineData("2026-12-08", false)]   // a Tuesday: ordinary OPD slots
    public async Task Slots_on_a_day_off_are_opened_as_extra_sessions(string date, bool extra)
    {
        await using var database = new TempDatabase();
        await database.MigrateAsync();
        var day = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);

        var report = await DemoDay.SeedIfEmptyAsync(database.Factory, database.Options, new OpdChanges(), day, Ct);

        Assert.NotNull(report);
        await using var db = await database.Factory.CreateDbContextAsync(Ct);
        var doctors = await db.Doctors.ToListAsync(Ct);
        var slots = await db.Slots.Where(s => s.Date == day).ToListAsync(Ct);
        Assert.NotEmpty(slots);
        Assert.All(slots, s => Assert.Equal(extra, s.ExtraSession));
        Assert.All(slots, s => Assert.Equal(extra, !doctors.Single(d => d.Id == s.DoctorId).OpdDays.Contains(s.Date.DayOfWeek)));
    }
}

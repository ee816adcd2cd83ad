using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Simulation;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Simulation;

public sealed class DemoDayTests
{
    private static readonly DateOnly Today = new(2026, 12, 8);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Seeds_every_status_and_every_source_with_an_extended_and_a_delayed_slot()
    {
        await using var database = new TempDatabase();
        await database.MigrateAsync();

        var report = await DemoDay.SeedIfEmptyAsync(database.Factory, database.Options, new OpdChanges(), Today, Ct);

        Assert.NotNull(report);
        Assert.True(report.CheckHolds, string.Join("; ", report.Unexpected));
        await using var db = await database.Factory.CreateDbContextAsync(Ct);
        var tokens = await db.Tokens.Select(t => new { t.Status, t.Source }).ToListAsync(Ct);
        Assert.InRange(tokens.Count, 24, 100);
        Assert.Equal(Enum.GetValues<TokenStatus>().Order(), tokens.Select(t => t.Status).Distinct().Order());
        Assert.Equal(Enum.GetValues<TokenSource>().Order(), tokens.Select(t => t.Source).Distinct().Order());

        var slots = await db.Slots.Where(s => s.Date == Today).ToListAsync(Ct);
        Assert.NotEmpty(slots);
        Assert.Equal(0, await db.Slots.CountAsync(s => s.Date < Today || s.Date > Today.AddDays(DemoWeeks.Days), Ct));
        Assert.Equal(3, await db.Doctors.Select(d => d.Specialization).Distinct().CountAsync(Ct));
        Assert.Contains(slots, s => s.EmergencyExtensions > 0);
        Assert.Contains(slots, s => s.Status == SlotStatus.Delayed && s.DelayMinutes > 0);
        Assert.InRange(report.EndedAt.TimeOfDay, TimeSpan.FromHours(11.5), TimeSpan.FromHours(12.5));
    }

    [Fact]
    public async Task Every_demo_doctor_gets_a_weekly_template_and_open_slots_on_each_of_their_OPD_days_of_the_next_two_weeks()
    {
        await using var database = new TempDatabase();
        await database.MigrateAsync();

        await DemoDay.SeedIfEmptyAsync(database.Factory, database.Options, new OpdChanges(), Today, Ct);

        await using var db = await database.Factory.CreateDbContextAsync(Ct);
        var doctors = await db.Doctors.Include(d => d.WeeklySessions).ToListAsync(Ct);
        var ahead = await db.Slots.Where(s => s.Date > Today).Select(s => new { s.DoctorId, s.Date, s.Status, s.ExtraSession }).ToListAsync(Ct);
        Assert.Equal(4, doctors.Count);
        foreach (var doctor in doctors)
        {
            Assert.NotEmpty(doctor.WeeklySessions);
            Assert.All(doctor.WeeklySessions, s => Assert.Contains(s.Day, doctor.OpdDays));
            var sessionDays = doctor.WeeklySessions.Select(s => s.Day).ToHashSet();
            var opdDates = Enumerable.Range(1, DemoWeeks.Days).Select(Today.AddDays).Where(d => sessionDays.Contains(d.DayOfWeek)).ToList();
            Assert.Equal(opdDates, ahead.Where(s => s.DoctorId == doctor.Id).Select(s => s.Date).Distinct().Order());
        }

        Assert.All(ahead, s => Assert.Equal((SlotStatus.Open, false), (s.Status, s.ExtraSession)));
        Assert.Contains(doctors, d => d.WeeklySessions.Select(s => s.Day).Distinct().Count() < 6);
    }

    [Fact]
    public async Task Leaves_a_database_with_doctors_alone()
    {
        await using var database = new TempDatabase();
        await database.MigrateAsync();
        await new DoctorService(database.Factory, new OpdChanges(), new HospitalClock(TimeProvider.System, TimeZoneInfo.Utc))
            .CreateAsync(new DoctorRequest("Dr. Existing", "Neurology", ["Monday"], null), "test", Ct);

        var report = await DemoDay.SeedIfEmptyAsync(database.Factory, database.Options, new OpdChanges(), Today, Ct);

        Assert.Null(report);
        await using var db = await database.Factory.CreateDbContextAsync(Ct);
        Assert.Equal(1, await db.Doctors.CountAsync(Ct));
        Assert.Equal(0, await db.Tokens.CountAsync(Ct));
    }

    [Theory]
    [InlineData("Development", "true", true)]
    [InlineData("Development", "false", false)]
    [InlineData("Production", "true", false)]
    public async Task App_start_seeds_only_in_development_when_the_option_is_on(string environment, string seed, bool expectSeeded)
    {
        await using var database = new TempDatabase();
        await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseEnvironment(environment)
            .UseSetting("ConnectionStrings:Opd", database.ConnectionString)
            .UseSetting("Opd:SeedDemoDay", seed)
            .UseSetting("Opd:AutoNoShow", "false")
            .UseSetting(TestCertificate.PathSetting, TestCertificate.At(Path.ChangeExtension(OpdDatabase.DataFile(database.ConnectionString), ".keys.pfx")))
            .UseSetting(TestCertificate.PasswordSetting, TestCertificate.Password));

        _ = app.Services; // builds the host, which prepares the database

        await using var db = await database.Factory.CreateDbContextAsync(Ct);
        Assert.Equal(expectSeeded ? 4 : 0, await db.Doctors.CountAsync(Ct));
        Assert.Equal(expectSeeded, await db.Tokens.AnyAsync(Ct));
    }
}

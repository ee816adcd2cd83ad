using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Simulation;

namespace OpdReception.Tests.Simulation;

/// <summary>
/// The reference day played through the real services, closed, and the superintendent's report (read from the daily
/// summaries alone) held against the simulation's own account of the same day.
/// </summary>
public sealed class ReportFromSimulationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_report_of_a_simulated_day_agrees_with_the_simulations_own_statistics()
    {
        await using var database = new TempDatabase();
        await database.MigrateAsync();
        var plan = ScriptedDay.Build(ScriptedDay.Date);
        var desk = OpdDesk.Create(database.Factory, database.Options, new OpdChanges(), new ManualClock(plan.At(DayPlan.DeskOpens)));
        var run = await new DayRunner(desk, plan, new Timeline(TextWriter.Null)).RunAsync(ct: Ct);
        var day = await DayReports.ReadAsync(desk, run, Ct);
        // Whatever the runner left open closes at the day's cut-off, as it would overnight.
        desk.Clock.Set(plan.Date.AddDays(1).ToDateTime(new TimeOnly(0, 30)));
        await desk.CloseFinishedDays.CloseFinishedDaysAsync(Ct);
        var clock = new HospitalClock(desk.Clock, desk.Clock.LocalTimeZone);

        var result = await new Reports(database.Factory, clock, new DaySummaries(database.Factory, clock)).ReadAsync(plan.Date, plan.Date, null, Ct);

        Assert.True(day.CheckHolds, string.Join("\n", day.Problems));
        var report = result.Value!;
        Assert.Equal(plan.Doctors.Count, report.Days);
        var all = report.Tables.Patients.Single(p => p.Doctor == ReportFigures.AllDoctors);
        Assert.Equal(
            [day.For(TokenSource.Online).Issued, day.For(TokenSource.WalkIn).Issued, day.For(TokenSource.Priority).Issued,
                day.For(TokenSource.FollowUp).Issued, day.For(TokenSource.Emergency).Issued, day.Total.Issued],
            [all.Online, all.WalkIn, all.Priority, all.FollowUp, all.Emergency, all.Patients]);
        var total = day.Total;
        Assert.Equal(
            (total.Completed + total.InConsultation, total.NoShow + total.NeverArrived, total.Cancelled + total.StillWaiting),
            (all.Seen, all.DidNotCome, all.Cancelled));
        Assert.True(all.Seen > 0 && all.DidNotCome > 0 && all.Cancelled > 0, "the reference day has every outcome");

        var waits = report.Tables.Waits.Single(w => w.Doctor == ReportFigures.AllDoctors);
        Assert.Equal((day.CheckInToCall.Patients, day.CheckInToCall.MedianMinutes, day.CheckInToCall.P90Minutes), (waits.Waited, waits.WaitMedian, waits.WaitP90));
        Assert.Equal(total.ExtraSeats, report.Tables.Seats.Single(s => s.Doctor == ReportFigures.AllDoctors).EmergencySeatsAdded);
        foreach (var row in day.ByDoctor)
        {
            var name = row.Label[..row.Label.IndexOf(" (", StringComparison.Ordinal)];
            var doctor = report.Tables.Patients.Single(p => p.Doctor == name);
            Assert.Equal((row.Tally.Issued, row.Tally.Completed + row.Tally.InConsultation), (doctor.Patients, doctor.Seen));
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>The hospital's clock decides "now" and "today", whatever zone the server runs in.</summary>
public sealed class HospitalClockTests
{
    [Fact]
    public async Task Before_dawn_in_Kolkata_is_already_today_there_while_UTC_is_still_on_yesterday()
    {
        await using var app = new OpdApp();
        var desk = new Desk(app.CreateClient());
        app.Clock.Set(OpdApp.Day.ToDateTime(new TimeOnly(4, 30)));
        var doctor = await desk.Doctor();
        var early = await desk.Slot(doctor.Id, "04:00", "06:00");

        var issued = await desk.Issue("walkin", early.Id);
        var queue = await (await desk.Client.GetAsync($"/api/doctors/{doctor.Id}/queue")).ReadJson();
        var called = await (await desk.Client.PostAsync($"/api/doctors/{doctor.Id}/call-next", null)).Read<TokenView>();

        Assert.Equal(new DateTime(2030, 1, 6, 23, 0, 0), app.Clock.GetUtcNow().UtcDateTime);
        Assert.Equal("2030-01-07", queue.GetProperty("date").GetString());
        Assert.Equal("2030-01-07T04:30:00+05:30", queue.GetProperty("tokens")[0].GetProperty("estimatedTime").GetString());
        Assert.Equal(issued.Id, called.Id);
    }

    [Fact]
    public async Task A_hospital_west_of_Greenwich_gets_its_own_offset_and_date()
    {
        await using var app = new OpdApp().InZone("America/New_York");
        var desk = new Desk(app.CreateClient());
        var doctor = await desk.Doctor();
        var late = await desk.Slot(doctor.Id, "20:00", "23:00");
        app.Clock.Set(OpdApp.Day.ToDateTime(new TimeOnly(20, 0)));

        var token = await (await desk.TryIssue("walkin", late.Id)).ReadJson();
        var queue = await desk.Client.GetFromJsonAsync<DayQueueView>($"/api/doctors/{doctor.Id}/queue", Json.Options);

        Assert.Equal(new DateTime(2030, 1, 8, 1, 0, 0), app.Clock.GetUtcNow().UtcDateTime);
        Assert.Equal("2030-01-07T20:00:00-05:00", token.GetProperty("estimatedTime").GetString());
        Assert.Equal(OpdApp.Day, queue!.Date);
    }

    [Fact]
    public async Task An_unknown_time_zone_stops_the_app_at_start_naming_the_setting()
    {
        await using var app = new OpdApp().With("Opd:TimeZone", "Mars/Olympus_Mons");

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Opd:TimeZone", error.ToString());
        await Task.CompletedTask;
    }

    [Fact]
    public void The_hospital_clock_reads_the_same_instant_in_its_own_zone()
    {
        var instant = new ManualClock(new DateTime(2026, 11, 29, 20, 0, 0));
        var clock = new HospitalClock(instant, TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata"));

        Assert.Equal((new DateTime(2026, 11, 30, 1, 30, 0), new DateOnly(2026, 11, 30)), (clock.Now, clock.Today));
        Assert.Equal("Asia/Kolkata (UTC+05:30)", clock.Describe());
    }
}

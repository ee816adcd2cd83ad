using System.Net;
using System.Text.Json;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>Issue 6, defect 8: which slots may open, through the API; the app's clock stands at 08:00 on Monday 2030-01-07.</summary>
public sealed class SlotRulesApiTests(OpdApp app) : IClassFixture<OpdApp>
{
    private readonly Desk _desk = new(app.CreateClient());

    private Task<HttpResponseMessage> Open(int doctorId, string date, string start = "09:00", string end = "10:00", bool? extraSession = null, int capacity = 6, int minutes = 10) =>
        _desk.Client.Post("/api/slots", new { doctorId, date, startTime = start, endTime = end, maxCapacity = capacity, minutesPerConsultation = minutes, extraSession });

    private async Task<int> SlotCount(int doctorId) =>
        (await (await _desk.Client.GetAsync($"/api/slots?doctorId={doctorId}")).Read<List<SlotView>>()).Count;

    [Theory]
    [InlineData("2030-01-06", HttpStatusCode.BadRequest)]   // yesterday
    [InlineData("2029-01-07", HttpStatusCode.BadRequest)]
    [InlineData("2031-01-08", HttpStatusCode.BadRequest)]   // a year and a day ahead
    [InlineData("9999-12-31", HttpStatusCode.BadRequest)]
    [InlineData("2031-01-07", HttpStatusCode.Created)]      // exactly a year ahead
    [InlineData("2030-01-07", HttpStatusCode.Created)]      // today
    public async Task Slots_open_from_today_up_to_a_year_ahead(string date, HttpStatusCode expected)
    {
        var doctor = await _desk.Doctor();

        var response = await Open(doctor.Id, date);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.BadRequest)
        {
            var problem = await response.ReadJson();
            Assert.True(problem.GetProperty("errors").TryGetProperty("date", out _));
            Assert.Equal(0, await SlotCount(doctor.Id));
        }
    }

    [Fact]
    public async Task A_slot_dated_9999_12_31_is_refused_so_nothing_about_it_can_answer_500()
    {
        var doctor = await _desk.Doctor();
        var today = await _desk.Slot(doctor.Id, "09:00", "10:00");

        var far = await Open(doctor.Id, "9999-12-31", "23:00", "23:59", extraSession: true, capacity: 500, minutes: 240);

        Assert.Equal(HttpStatusCode.BadRequest, far.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _desk.Client.PatchAsync($"/api/slots/{today.Id}/delay?delay_minutes=480", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _desk.Client.GetAsync($"/api/slots/doctor/{doctor.Id}/available?date=9999-12-31")).StatusCode);
    }

    [Fact]
    public async Task A_day_outside_the_doctors_opd_days_needs_extra_session()
    {
        var doctor = await _desk.Doctor(opdDays: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]);

        var sunday = await Open(doctor.Id, "2030-01-13");
        var extra = await Open(doctor.Id, "2030-01-13", extraSession: true);
        var tuesday = await Open(doctor.Id, "2030-01-08");

        Assert.Equal(HttpStatusCode.Conflict, sunday.StatusCode);
        var detail = (await sunday.ReadJson()).GetProperty("detail").GetString();
        Assert.Contains("Sunday", detail);
        Assert.Contains("extraSession", detail);
        Assert.Equal(HttpStatusCode.Created, extra.StatusCode);
        Assert.True((await extra.Read<SlotView>()).ExtraSession);
        Assert.Equal(HttpStatusCode.Created, tuesday.StatusCode);
        Assert.False((await tuesday.Read<SlotView>()).ExtraSession);
    }

    [Fact]
    public async Task Moving_a_slot_to_a_day_off_or_onto_another_slot_is_refused_too()
    {
        var doctor = await _desk.Doctor(opdDays: ["Monday"]);
        await _desk.Slot(doctor.Id, "09:00", "10:00");
        var later = await _desk.Slot(doctor.Id, "11:00", "12:00");

        var toTuesday = await _desk.Client.PutAsync($"/api/slots/{later.Id}", JsonContent(new { doctorId = doctor.Id, date = "2030-01-08", startTime = "11:00", endTime = "12:00" }));
        var onto = await _desk.Client.PutAsync($"/api/slots/{later.Id}", JsonContent(new { doctorId = doctor.Id, date = "2030-01-07", startTime = "09:30", endTime = "10:30" }));
        var bigger = await _desk.Client.PutAsync($"/api/slots/{later.Id}", JsonContent(new { doctorId = doctor.Id, date = "2030-01-07", startTime = "11:00", endTime = "12:00", maxCapacity = 9 }));

        Assert.Equal(HttpStatusCode.Conflict, toTuesday.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, onto.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bigger.StatusCode);
        Assert.Equal((new DateOnly(2030, 1, 7), new TimeOnly(11, 0)), ((await _desk.GetSlot(later.Id)).Date, (await _desk.GetSlot(later.Id)).StartTime));
    }

    [Fact]
    public async Task A_cancelled_slot_no_longer_blocks_its_hours()
    {
        var doctor = await _desk.Doctor();
        var first = await _desk.Slot(doctor.Id, "09:00", "10:00");
        await _desk.Client.Post($"/api/slots/{first.Id}/cancel", new { reason = "Doctor on leave" });

        var again = await Open(doctor.Id, "2030-01-07", "09:00", "10:00");

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    [Fact]
    public async Task More_consultations_than_the_slot_holds_is_accepted_with_a_warning()
    {
        var doctor = await _desk.Doctor();

        var over = await Open(doctor.Id, "2030-01-07", "09:00", "10:00", capacity: 10, minutes: 10);
        var fits = await Open(doctor.Id, "2030-01-07", "10:00", "11:00", capacity: 6, minutes: 10);

        Assert.Equal(HttpStatusCode.Created, over.StatusCode);
        var warnings = (await over.ReadJson()).GetProperty("warnings");
        Assert.Equal(JsonValueKind.Array, warnings.ValueKind);
        Assert.Contains("100 minutes", Assert.Single(warnings.EnumerateArray()).GetString());
        Assert.Empty((await fits.ReadJson()).GetProperty("warnings").EnumerateArray());
    }

    [Fact]
    public async Task A_slot_dated_9999_12_31_written_before_these_rules_refuses_tokens_and_never_answers_500()
    {
        var doctor = await _desk.Doctor();
        var legacy = new OpdReception.Data.Slot
        {
            DoctorId = doctor.Id, Date = new DateOnly(9999, 12, 31), StartTime = new TimeOnly(23, 0), EndTime = new TimeOnly(23, 59),
            MaxCapacity = 500, MinutesPerConsultation = 240, Status = OpdReception.Domain.SlotStatus.Open,
        };
        await using (var db = await app.Service<Microsoft.EntityFrameworkCore.IDbContextFactory<OpdReception.Data.OpdDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            db.Slots.Add(legacy);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var issued = await _desk.TryIssue("book", legacy.Id);

        Assert.Equal(HttpStatusCode.Conflict, issued.StatusCode);
        Assert.Equal("SlotOutOfRange", (await issued.ReadJson()).GetProperty("refusal").GetString());
        Assert.Equal(0, (await _desk.GetSlot(legacy.Id)).BookedCount);
        Assert.Equal(HttpStatusCode.OK, (await _desk.Client.GetAsync($"/api/tokens/queue/{legacy.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _desk.Client.GetAsync($"/api/slots/{legacy.Id}/stats")).StatusCode);
    }

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body, Json.Options), System.Text.Encoding.UTF8, "application/json");
}

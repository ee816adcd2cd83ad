using System.Net;
using System.Net.Http.Json;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>
/// Seats kept for walk-ins, over HTTP against the real database: set in the template, copied to the slots generated,
/// set by hand, and enforced by the group-committed issue path. The clock stays at 08:00, before every release.
/// </summary>
public sealed class WalkInHoldApiTests(OpdApp app) : IClassFixture<OpdApp>
{
    private readonly Desk _desk = new(app.CreateClient());

    private HttpClient Admin => _desk.Client;

    private async Task<SlotView> HeldSlot(int capacity, int held, string start = "10:00", string end = "11:00", int release = 30)
    {
        var doctor = await _desk.Doctor();
        var response = await Admin.Post("/api/slots", new
        {
            doctorId = doctor.Id, date = OpdApp.Day.ToString("yyyy-MM-dd"), startTime = start, endTime = end, maxCapacity = capacity,
            minutesPerConsultation = 3, walkInSeatsHeld = held, holdReleaseMinutes = release,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Read<SlotView>();
    }

    [Fact]
    public async Task A_template_s_hold_is_copied_to_every_slot_generated_from_it()
    {
        var doctor = await _desk.Doctor(opdDays: ["Monday"]);
        SessionRequest[] template = [new(DayOfWeek.Monday, new TimeOnly(10, 0), new TimeOnly(12, 0), 60, 20, 3, WalkInSeatsHeld: 4, HoldReleaseMinutes: 30)];
        Assert.Equal(HttpStatusCode.OK, (await Admin.PutAsJsonAsync($"/api/admin/doctors/{doctor.Id}/template", template, Json.Options)).StatusCode);

        var saved = await (await Admin.GetAsync($"/api/admin/doctors/{doctor.Id}/template")).Read<TemplateView>();
        Assert.Equal((4, 30), (saved.Sessions[0].WalkInSeatsHeld, saved.Sessions[0].HoldReleaseMinutes));
        var day = OpdApp.Day.ToString("yyyy-MM-dd");
        Assert.True((await (await Admin.Post("/api/admin/slots/generate", new { doctorId = doctor.Id, from = day, to = day })).Read<GenerationView>()).Written);

        var slots = await Admin.GetFromJsonAsync<List<SlotView>>($"/api/slots/doctor/{doctor.Id}", Json.Options);
        Assert.Equal([(4, 30), (4, 30)], slots!.Select(s => (s.WalkInSeatsHeld, s.HoldReleaseMinutes)));
    }

    [Theory]
    [InlineData(21, 30, "walkInSeatsHeld")]
    [InlineData(-1, 30, "walkInSeatsHeld")]
    [InlineData(4, 721, "holdReleaseMinutes")]
    public async Task A_hold_beyond_the_slot_or_half_a_day_is_refused_against_its_field(int held, int release, string field)
    {
        var doctor = await _desk.Doctor();
        var response = await Admin.Post("/api/slots", new
        {
            doctorId = doctor.Id, date = OpdApp.Day.ToString("yyyy-MM-dd"), startTime = "12:00", endTime = "13:00", maxCapacity = 20,
            walkInSeatsHeld = held, holdReleaseMinutes = release,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJson()).GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_template_holding_more_seats_than_a_slot_has_is_refused_and_nothing_is_saved()
    {
        var doctor = await _desk.Doctor(opdDays: ["Monday"]);
        SessionRequest[] template = [new(DayOfWeek.Monday, new TimeOnly(10, 0), new TimeOnly(12, 0), 60, 5, 10, WalkInSeatsHeld: 6)];

        var response = await Admin.PutAsJsonAsync($"/api/admin/doctors/{doctor.Id}/template", template, Json.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("walk-in seats held must be 0 to 5", (await response.ReadJson()).GetProperty("errors").GetProperty("sessions[0]")[0].GetString());
        Assert.Empty((await (await Admin.GetAsync($"/api/admin/doctors/{doctor.Id}/template")).Read<TemplateView>()).Sessions);
    }

    [Fact]
    public async Task An_online_booking_into_a_held_seat_is_refused_in_words_while_a_walk_in_takes_it()
    {
        var slot = await HeldSlot(capacity: 3, held: 2);
        await _desk.Issue("book", slot.Id, name: "Online One", phone: "+91 90000 00001");

        var refused = await _desk.TryIssue("book", slot.Id, name: "Online Two", phone: "+91 90000 00002");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.ReadJson();
        Assert.Equal("HeldForWalkIns", problem.GetProperty("refusal").GetString());
        Assert.StartsWith("The last 2 seats of the 10:00 session are kept for walk-ins until 09:30.", problem.GetProperty("detail").GetString());

        Assert.Equal("2 walk-in seats held until 09:30", (await _desk.GetSlot(slot.Id)).WalkInHoldNote(app.Clock.Now));
        await _desk.Issue("walkin", slot.Id, name: "Walk In", phone: "+91 90000 00003");
        await _desk.Issue("priority", slot.Id, name: "Priority In", phone: "+91 90000 00004");
        Assert.Equal((3, 2), await Seats(slot.Id));
    }

    [Fact]
    public async Task One_hundred_and_twenty_eight_clients_at_once_never_take_a_held_seat_online_and_walk_ins_get_them_all()
    {
        var slot = await HeldSlot(capacity: 20, held: 4, start: "14:00", end: "15:00");

        // 124 online bookings and 4 walk-ins, each on its own client, released at the same moment.
        using var start = new SemaphoreSlim(0);
        var requests = Enumerable.Range(0, 128).Select(async i =>
        {
            var desk = new Desk(app.CreateClient());
            await start.WaitAsync();
            var walkIn = i % 32 == 31;
            var response = await desk.TryIssue(walkIn ? "walkin" : "book", slot.Id, name: $"Patient {i}", phone: $"+91 91{i:00000000}");
            return (WalkIn: walkIn, response.StatusCode);
        }).ToList();
        start.Release(128);
        var answers = await Task.WhenAll(requests);

        Assert.Equal(16, answers.Count(a => !a.WalkIn && a.StatusCode == HttpStatusCode.Created));
        Assert.Equal(108, answers.Count(a => !a.WalkIn && a.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(4, answers.Count(a => a.WalkIn && a.StatusCode == HttpStatusCode.Created));
        Assert.Equal((20, 4), await Seats(slot.Id));
    }

    /// <summary>Seats taken in the slot, and how many of them by walk-ins and priority patients, read back from the database.</summary>
    private async Task<(int Taken, int WalkIns)> Seats(int slotId)
    {
        var after = await _desk.GetSlot(slotId);
        return (after.BookedCount, after.WalkInSeats);
    }
}

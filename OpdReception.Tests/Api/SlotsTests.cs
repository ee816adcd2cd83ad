using System.Net.Http.Json;
using System.Net;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

public sealed class SlotsTests(OpdApp app) : IClassFixture<OpdApp>
{
    private readonly Desk _desk = new(app.CreateClient());

    [Fact]
    public async Task New_slot_takes_capacity_and_consultation_minutes_from_settings_when_not_given()
    {
        var doctor = await _desk.Doctor();

        var response = await _desk.Client.Post("/api/slots", new { doctorId = doctor.Id, date = "2030-01-07", startTime = "14:00", endTime = "15:00" });

        var slot = await response.Read<SlotView>();
        Assert.Equal((6, 6, 10, SlotStatus.Open, 0), (slot.MaxCapacity, slot.EffectiveCapacity, slot.MinutesPerConsultation, slot.Status, slot.BookedCount));
        Assert.Equal(new TimeOnly(14, 0), slot.StartTime);
        Assert.Contains("\"startTime\":\"14:00\"", await (await _desk.Client.GetAsync($"/api/slots/{slot.Id}")).Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("""{"doctorId":DOC,"date":"2030-01-07","startTime":"10:00","endTime":"09:00"}""", "endTime")]
    [InlineData("""{"doctorId":DOC,"date":"2030-01-07","startTime":"10:00","endTime":"10:00"}""", "endTime")]
    [InlineData("""{"doctorId":DOC,"date":"2030-01-07","startTime":"09:00","endTime":"10:00","maxCapacity":0}""", "maxCapacity")]
    [InlineData("""{"doctorId":DOC,"startTime":"09:00","endTime":"10:00"}""", "date")]
    [InlineData("""{"doctorId":DOC,"date":"2030-01-07","startTime":"09:00","endTime":"10:00","minutesPerConsultation":0}""", "minutesPerConsultation")]
    public async Task Invalid_slot_gets_400_naming_the_field(string body, string field)
    {
        var doctor = await _desk.Doctor();

        var response = await _desk.Client.PostAsync("/api/slots", new StringContent(body.Replace("DOC", doctor.Id.ToString()), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJson()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Empty(await (await _desk.Client.GetAsync($"/api/slots/doctor/{doctor.Id}")).Read<List<SlotView>>());
    }

    [Fact]
    public async Task A_slot_of_today_that_has_already_ended_is_refused_with_400_naming_its_times()
    {
        var doctor = await _desk.Doctor();
        app.SetTime(18, 23);
        try
        {
            var response = await _desk.Client.Post("/api/slots", new { doctorId = doctor.Id, date = "2030-01-07", startTime = "12:00", endTime = "13:00" });

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var message = Assert.Single((await response.ReadJson()).GetProperty("errors").GetProperty("endTime").EnumerateArray()).GetString();
            Assert.Contains("startTime and endTime", message);
            Assert.Empty(await (await _desk.Client.GetAsync($"/api/slots/doctor/{doctor.Id}")).Read<List<SlotView>>());
            var underWay = await _desk.Client.Post("/api/slots", new { doctorId = doctor.Id, date = "2030-01-07", startTime = "18:00", endTime = "19:00" });
            Assert.Equal(HttpStatusCode.Created, underWay.StatusCode);
        }
        finally
        {
            app.SetTime(8);
        }
    }

    [Theory]
    [InlineData("""{"doctorId":1,"date":"2030-02-30","startTime":"09:00","endTime":"10:00"}""")]
    [InlineData("""{"doctorId":1,"date":"tomorrow","startTime":"09:00","endTime":"10:00"}""")]
    [InlineData("""{"doctorId":1,"date":"2030-01-07","startTime":"9am","endTime":"10:00"}""")]
    public async Task A_date_or_time_that_is_not_one_gets_400(string body)
    {
        var response = await _desk.Client.PostAsync("/api/slots", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Bad_query_values_get_400()
    {
        var doctor = await _desk.Doctor();
        var slot = await _desk.Slot(doctor.Id);

        Assert.Equal(HttpStatusCode.BadRequest, (await _desk.Client.GetAsync($"/api/slots/doctor/{doctor.Id}/available?date=30-01-2030")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _desk.Client.GetAsync($"/api/slots/doctor/{doctor.Id}/available")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _desk.Client.PatchAsync($"/api/slots/{slot.Id}/delay?delay_minutes=soon", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _desk.Client.PatchAsync($"/api/slots/{slot.Id}/delay?delay_minutes=-5", null)).StatusCode);
        Assert.Equal(0, (await _desk.GetSlot(slot.Id)).DelayMinutes);
    }

    [Fact]
    public async Task Unknown_doctor_or_slot_is_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _desk.Client.Post("/api/slots", new { doctorId = 987654, date = "2030-01-07", startTime = "09:00", endTime = "10:00" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _desk.Client.GetAsync("/api/slots/987654")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _desk.Client.GetAsync("/api/slots/doctor/987654")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _desk.Client.GetAsync("/api/slots/987654/stats")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _desk.Client.GetAsync("/api/tokens/queue/987654")).StatusCode);
    }

    [Fact]
    public async Task Overlapping_slot_for_the_same_doctor_is_409()
    {
        var doctor = await _desk.Doctor();
        await _desk.Slot(doctor.Id, "09:00", "10:00");

        var response = await _desk.Client.Post("/api/slots", new { doctorId = doctor.Id, date = "2030-01-07", startTime = "09:30", endTime = "10:30" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Delay_shifts_every_estimate_and_flags_only_tokens_pushed_past_the_delayed_end()
    {
        // Delayed by 30 minutes, the 09:00–10:00 slot runs until 10:30: the patients due at 10:00–10:20 are within it.
        var slot = await _desk.NewSlot(capacity: 8);
        for (var i = 0; i < 8; i++)
        {
            await _desk.Issue("walkin", slot.Id);
        }

        var delayed = await (await _desk.Client.PatchAsync($"/api/slots/{slot.Id}/delay?delay_minutes=30", null)).Read<SlotView>();

        var queue = await _desk.Queue(slot.Id);
        Assert.Equal((SlotStatus.Delayed, 30), (delayed.Status, delayed.DelayMinutes));
        Assert.Equal(["09:30", "09:40", "09:50", "10:00", "10:10", "10:20", "10:30", "10:40"], queue.Tokens.Select(t => t.EstimatedTime!.Value.ToString("HH:mm")));
        Assert.Equal([false, false, false, false, false, false, true, true], queue.Tokens.Select(t => t.PastSlotEnd));
        Assert.Equal(2, (await (await _desk.Client.GetAsync($"/api/slots/{slot.Id}/stats")).Read<SlotStats>()).PastSlotEnd);
    }

    [Fact]
    public async Task Cancelled_slot_cannot_be_delayed_or_cancelled_again()
    {
        var slot = await _desk.NewSlot();
        var other = await _desk.NewSlot();
        (await _desk.Client.Post($"/api/slots/{slot.Id}/cancel", new { reason = "Doctor unwell" })).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Conflict, (await _desk.Client.PatchAsync($"/api/slots/{slot.Id}/delay?delay_minutes=10", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _desk.Client.Post($"/api/slots/{slot.Id}/cancel", new { reason = "again" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _desk.Client.Post($"/api/slots/{other.Id}/cancel", new { reason = "" })).StatusCode);
        Assert.Equal((SlotStatus.Cancelled, "Doctor unwell"), ((await _desk.GetSlot(slot.Id)).Status, (await _desk.GetSlot(slot.Id)).StatusReason));
    }

    [Fact]
    public async Task A_cancel_preview_writes_nothing_and_says_who_would_move()
    {
        var slot = await _desk.NewSlot();
        await _desk.Issue("walkin", slot.Id);

        var preview = await _desk.Client.Post($"/api/slots/{slot.Id}/cancel?preview=true", new { reason = "Doctor unwell" });

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var view = await preview.Read<CancellationView>();
        Assert.False(view.Done);
        Assert.Equal(1, view.Slots.Single(s => s.Slot.Id == slot.Id).Moving);
        Assert.NotEqual(SlotStatus.Cancelled, (await _desk.GetSlot(slot.Id)).Status);
    }

    [Fact]
    public async Task A_desk_cancel_is_written_in_the_admins_history()
    {
        var slot = await _desk.NewSlot();
        var reason = $"Theatre {Guid.NewGuid():N}";

        (await _desk.Client.Post($"/api/slots/{slot.Id}/cancel", new { reason })).EnsureSuccessStatusCode();

        var history = await (await _desk.Client.GetAsync("/api/admin/history?area=Slot")).Read<List<AdminChangeView>>();
        Assert.Contains(history, h => h.Details == $"Cancelled: {reason}");
    }

    [Fact]
    public async Task Closed_slot_takes_no_new_tokens_but_keeps_serving_its_patients()
    {
        var slot = await _desk.NewSlot();
        var token = await _desk.Issue("walkin", slot.Id);

        (await _desk.Client.PostAsync($"/api/slots/{slot.Id}/close", null)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Conflict, (await _desk.TryIssue("walkin", slot.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _desk.Client.PostAsync($"/api/slots/{slot.Id}/call-next", null)).StatusCode);
        Assert.Equal(TokenStatus.InConsultation, (await _desk.Token(token.Id)).Status);
    }

    [Fact]
    public async Task Slot_with_tokens_cannot_be_deleted_or_shrunk_below_its_seats_but_an_empty_one_can()
    {
        var doctor = await _desk.Doctor();
        var busy = await _desk.Slot(doctor.Id, "09:00", "10:00", capacity: 3);
        var empty = await _desk.Slot(doctor.Id, "10:00", "11:00");
        await _desk.Issue("walkin", busy.Id);
        await _desk.Issue("walkin", busy.Id);

        var deleteBusy = await _desk.Client.DeleteAsync($"/api/slots/{busy.Id}");
        var shrink = await _desk.Client.PutAsJsonAsync($"/api/slots/{busy.Id}", new { doctorId = doctor.Id, date = "2030-01-07", startTime = "09:00", endTime = "10:00", maxCapacity = 1 });
        var grow = await _desk.Client.PutAsJsonAsync($"/api/slots/{busy.Id}", new { doctorId = doctor.Id, date = "2030-01-07", startTime = "09:00", endTime = "10:00", maxCapacity = 8 });
        var deleteEmpty = await _desk.Client.DeleteAsync($"/api/slots/{empty.Id}");

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.OK, HttpStatusCode.OK),
            (deleteBusy.StatusCode, shrink.StatusCode, grow.StatusCode, deleteEmpty.StatusCode));
        Assert.Equal(8, (await _desk.GetSlot(busy.Id)).MaxCapacity);
        Assert.Equal(HttpStatusCode.NotFound, (await _desk.Client.GetAsync($"/api/slots/{empty.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_slot_whose_tokens_all_moved_away_is_not_deleted_because_their_history_names_it()
    {
        var doctor = await _desk.Doctor();
        var left = await _desk.Slot(doctor.Id, "09:00", "10:00");
        var later = await _desk.Slot(doctor.Id, "10:00", "11:00");
        var token = await _desk.Issue("book", left.Id);
        Assert.Equal(HttpStatusCode.OK, (await _desk.Client.Post($"/api/tokens/{token.Id}/move", new { targetSlotId = later.Id })).StatusCode);

        var delete = await _desk.Client.DeleteAsync($"/api/slots/{left.Id}");

        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        Assert.Contains("history names it", (await delete.ReadJson()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _desk.Client.GetAsync($"/api/slots/{left.Id}")).StatusCode);
    }

    [Fact]
    public async Task Stats_count_tokens_by_status_and_source()
    {
        var slot = await _desk.NewSlot(capacity: 3);
        await _desk.Issue("walkin", slot.Id);
        var online = await _desk.Issue("book", slot.Id);
        await _desk.Issue("walkin", slot.Id);
        await _desk.Issue("emergency", slot.Id);
        await _desk.SetStatus(online.Id, "Cancelled", "no longer needed");

        var stats = await (await _desk.Client.GetAsync($"/api/slots/{slot.Id}/stats")).Read<SlotStats>();

        Assert.Equal(4, stats.Issued);
        Assert.Equal((3, 1), (stats.ByStatus[TokenStatus.Waiting], stats.ByStatus[TokenStatus.Cancelled]));
        Assert.Equal((2, 1, 1, 0), (stats.BySource[TokenSource.WalkIn], stats.BySource[TokenSource.Online], stats.BySource[TokenSource.Emergency], stats.BySource[TokenSource.Priority]));
        Assert.Equal((3, 4, 3, 0.75), (stats.Slot.BookedCount, stats.Slot.EffectiveCapacity, stats.Waiting, stats.Utilization));
    }

    [Fact]
    public async Task Slots_can_be_listed_by_date()
    {
        var doctor = await _desk.Doctor();
        var today = await _desk.Slot(doctor.Id, "13:00", "14:00");
        await _desk.Slot(doctor.Id, "13:00", "14:00", date: new DateOnly(2030, 3, 4));

        var listed = await (await _desk.Client.GetAsync($"/api/slots?date=2030-03-04&doctorId={doctor.Id}")).Read<List<SlotView>>();

        Assert.Equal([new DateOnly(2030, 3, 4)], listed.Select(s => s.Date));
        Assert.DoesNotContain(listed, s => s.Id == today.Id);
    }
}

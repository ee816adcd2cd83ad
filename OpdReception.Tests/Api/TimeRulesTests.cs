using System.Net;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>Rules that depend on the clock; each test has its own app so moving time disturbs no one.</summary>
public sealed class TimeRulesTests : IAsyncLifetime
{
    private readonly OpdApp _app = new OpdApp().With("Opd:LateArrivalGraceMinutes", "10").With("Opd:NoShowTimeoutMinutes", "15");
    private Desk _desk = null!;

    public ValueTask InitializeAsync()
    {
        _desk = new Desk(_app.CreateClient());
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Late_arrival_within_grace_keeps_their_place()
    {
        var slot = await _desk.NewSlot();
        var early = await _desk.Issue("walkin", slot.Id);
        await _desk.Issue("walkin", slot.Id);
        await _desk.SetStatus(early.Id, "NoShow");
        _app.Clock.Advance(TimeSpan.FromMinutes(10));

        var back = await (await _desk.Client.PostAsync($"/api/tokens/{early.Id}/check-in", null)).Read<TokenView>();

        Assert.Equal((TokenStatus.Waiting, 1), (back.Status, back.Position));
        Assert.Contains("keeps their place", (await _desk.Token(early.Id)).History!.Last().Reason);
    }

    [Fact]
    public async Task Late_arrival_after_grace_goes_to_the_back_of_their_class_but_ahead_of_lower_classes()
    {
        var slot = await _desk.NewSlot();
        var late = await _desk.Issue("priority", slot.Id);
        var otherPriority = await _desk.Issue("priority", slot.Id);
        var walkIn = await _desk.Issue("walkin", slot.Id);
        await _desk.SetStatus(late.Id, "NoShow");
        _app.Clock.Advance(TimeSpan.FromMinutes(11));

        await _desk.Client.PostAsync($"/api/tokens/{late.Id}/check-in", null);

        Assert.Equal([otherPriority.Id, late.Id, walkIn.Id], (await _desk.Queue(slot.Id)).Tokens.Select(t => t.Id));
    }

    [Fact]
    public async Task Late_arrival_into_a_slot_whose_seat_was_given_away_is_refused()
    {
        var slot = await _desk.NewSlot(capacity: 1);
        var gone = await _desk.Issue("walkin", slot.Id);
        await _desk.SetStatus(gone.Id, "NoShow");
        await _desk.Issue("walkin", slot.Id);

        var response = await _desk.Client.PostAsync($"/api/tokens/{gone.Id}/check-in", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(TokenStatus.NoShow, (await _desk.Token(gone.Id)).Status);
    }

    [Fact]
    public async Task Booked_patient_who_never_checks_in_becomes_a_no_show_after_the_timeout()
    {
        var slot = await _desk.NewSlot(capacity: 2);
        var booked = await _desk.Issue("book", slot.Id);
        var arrived = await _desk.Issue("walkin", slot.Id);
        var tokens = _app.Service<TokenService>();

        _app.SetTime(9, 15);
        var atTimeout = await tokens.SweepNoShowsAsync();
        _app.SetTime(9, 16);
        var pastTimeout = await tokens.SweepNoShowsAsync();

        Assert.Equal((0, 1), (atTimeout, pastTimeout));
        var noShow = await _desk.Token(booked.Id);
        Assert.Equal((TokenStatus.NoShow, "system"), (noShow.Status, noShow.History!.Last().By));
        Assert.Equal(TokenStatus.Waiting, (await _desk.Token(arrived.Id)).Status);
        Assert.Equal(1, (await _desk.GetSlot(slot.Id)).BookedCount);
    }

    [Fact]
    public async Task Slot_that_is_over_takes_no_tokens_but_a_delay_while_patients_wait_keeps_it_open()
    {
        var slot = await _desk.NewSlot();
        await _desk.Issue("walkin", slot.Id);
        _app.SetTime(10, 5);

        var afterEnd = await _desk.TryIssue("walkin", slot.Id);
        (await _desk.Client.PatchAsync($"/api/slots/{slot.Id}/delay?delay_minutes=30", null)).EnsureSuccessStatusCode();
        var withinDelay = await _desk.TryIssue("walkin", slot.Id);

        Assert.Equal(HttpStatusCode.Conflict, afterEnd.StatusCode);
        Assert.Equal("SlotOver", (await afterEnd.ReadJson()).GetProperty("refusal").GetString());
        Assert.Equal(HttpStatusCode.Created, withinDelay.StatusCode);
    }

    [Fact]
    public async Task A_finished_slot_cannot_be_reopened_by_a_delay()
    {
        var slot = await _desk.NewSlot();
        _app.SetTime(11, 0);

        var delay = await _desk.Client.PatchAsync($"/api/slots/{slot.Id}/delay?delay_minutes=120", null);

        Assert.Equal(HttpStatusCode.Conflict, delay.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _desk.TryIssue("walkin", slot.Id)).StatusCode);
    }

    [Fact]
    public async Task A_booked_patient_arriving_after_the_doctor_finished_the_slot_is_sent_to_a_later_slot()
    {
        var slot = await _desk.NewSlot();
        var booked = await _desk.Issue("book", slot.Id);
        _app.SetTime(14, 0);

        var response = await _desk.Client.PostAsync($"/api/tokens/{booked.Id}/check-in", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("SlotOver", (await response.ReadJson()).GetProperty("rejection").GetString());
    }

    [Fact]
    public async Task A_booked_patient_arriving_late_while_the_doctor_still_sees_the_slot_is_checked_in()
    {
        var slot = await _desk.NewSlot();
        var booked = await _desk.Issue("book", slot.Id);
        await _desk.Issue("walkin", slot.Id);
        _app.SetTime(10, 10);

        var response = await _desk.Client.PostAsync($"/api/tokens/{booked.Id}/check-in", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_booking_is_not_marked_absent_while_the_doctor_is_behind_with_others()
    {
        var slot = await _desk.NewSlot();
        await _desk.Issue("walkin", slot.Id);
        var booked = await _desk.Issue("book", slot.Id);
        _app.SetTime(9, 0);
        await _desk.Client.PostAsync($"/api/slots/{slot.Id}/call-next", null);
        var tokens = _app.Service<TokenService>();

        _app.SetTime(9, 40);
        var whileBusy = await tokens.SweepNoShowsAsync();
        await _desk.SetStatus((await _desk.Queue(slot.Id)).Tokens[0].Id, "Completed");
        _app.SetTime(9, 55);
        var atTimeout = await tokens.SweepNoShowsAsync();
        _app.SetTime(9, 56);
        var afterTimeout = await tokens.SweepNoShowsAsync();

        Assert.Equal((0, 0, 1), (whileBusy, atTimeout, afterTimeout));
        Assert.Equal(TokenStatus.NoShow, (await _desk.Token(booked.Id)).Status);
    }

    [Fact]
    public async Task Taking_a_delay_back_gives_booked_patients_the_timeout_from_that_moment()
    {
        var doctor = await _desk.Doctor();
        var slot = await _desk.Slot(doctor.Id, "10:00", "11:00");
        var booked = await _desk.Issue("book", slot.Id);
        await _desk.Client.PatchAsync($"/api/slots/{slot.Id}/delay?delay_minutes=30", null);
        _app.SetTime(10, 20);
        await _desk.Client.PatchAsync($"/api/slots/{slot.Id}/delay?delay_minutes=0", null);
        var tokens = _app.Service<TokenService>();

        var atOnce = await tokens.SweepNoShowsAsync();
        _app.SetTime(10, 36);
        var later = await tokens.SweepNoShowsAsync();

        Assert.Equal((0, 1), (atOnce, later));
        Assert.Equal(TokenStatus.NoShow, (await _desk.Token(booked.Id)).Status);
    }

    [Fact]
    public async Task Available_slots_leave_out_full_cancelled_and_finished_ones()
    {
        var doctor = await _desk.Doctor();
        var over = await _desk.Slot(doctor.Id, "08:00", "09:00");
        var full = await _desk.Slot(doctor.Id, "09:00", "10:00", capacity: 1);
        var cancelled = await _desk.Slot(doctor.Id, "10:00", "11:00");
        var open = await _desk.Slot(doctor.Id, "11:00", "12:00");
        var otherDay = await _desk.Slot(doctor.Id, "11:00", "12:00", date: OpdApp.Day.AddDays(1));
        await _desk.Issue("walkin", full.Id);
        await _desk.Client.Post($"/api/slots/{cancelled.Id}/cancel", new { reason = "Ward round" });
        _app.SetTime(9, 5);

        var available = await (await _desk.Client.GetAsync($"/api/slots/doctor/{doctor.Id}/available?date={OpdApp.Day:yyyy-MM-dd}")).Read<List<SlotView>>();

        Assert.Equal([open.Id], available.Select(s => s.Id));
        Assert.NotEqual(over.Id, otherDay.Id);
    }

    [Fact]
    public async Task A_booking_made_while_its_slot_is_running_is_not_marked_no_show_at_once()
    {
        var slot = await _desk.NewSlot();
        _app.SetTime(9, 40);
        var booked = await _desk.Issue("book", slot.Id);
        var tokens = _app.Service<TokenService>();

        var atOnce = await tokens.SweepNoShowsAsync();
        _app.SetTime(9, 56);
        var afterTimeout = await tokens.SweepNoShowsAsync();

        Assert.Equal((0, 1), (atOnce, afterTimeout));
        Assert.Equal(TokenStatus.NoShow, (await _desk.Token(booked.Id)).Status);
    }

    [Fact]
    public async Task Bookings_of_a_cancelled_slot_are_left_for_reallocation_not_marked_no_show()
    {
        var slot = await _desk.NewSlot();
        var booked = await _desk.Issue("book", slot.Id);
        await _desk.Client.Post($"/api/slots/{slot.Id}/cancel", new { reason = "Doctor on leave" });
        _app.SetTime(11, 0);

        Assert.Equal(0, await _app.Service<TokenService>().SweepNoShowsAsync());
        Assert.Equal(TokenStatus.Booked, (await _desk.Token(booked.Id)).Status);
    }
}

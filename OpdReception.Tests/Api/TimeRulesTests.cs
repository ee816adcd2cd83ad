using System.Net;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>Rules that depend on the clock: late arrivals, slots that are over, delays.</summary>
public sealed class TimeRulesTests : ClockedAppTests
{
    [Fact]
    public async Task Late_arrival_within_grace_keeps_their_place()
    {
        var slot = await Desk.NewSlot();
        var early = await Desk.Issue("walkin", slot.Id);
        await Desk.Issue("walkin", slot.Id);
        await Desk.SetStatus(early.Id, "NoShow");
        App.Clock.Advance(TimeSpan.FromMinutes(10));

        var back = await (await Desk.Client.PostAsync($"/api/tokens/{early.Id}/check-in", null)).Read<TokenView>();

        Assert.Equal((TokenStatus.Waiting, 1), (back.Status, back.Position));
        Assert.Contains("keeps their place", (await Desk.Token(early.Id)).History!.Last().Reason);
    }

    [Fact]
    public async Task Late_arrival_after_grace_goes_to_the_back_of_their_class_but_ahead_of_lower_classes()
    {
        var slot = await Desk.NewSlot();
        var late = await Desk.Issue("priority", slot.Id);
        var otherPriority = await Desk.Issue("priority", slot.Id);
        var walkIn = await Desk.Issue("walkin", slot.Id);
        await Desk.SetStatus(late.Id, "NoShow");
        App.Clock.Advance(TimeSpan.FromMinutes(11));

        await Desk.Client.PostAsync($"/api/tokens/{late.Id}/check-in", null);

        Assert.Equal([otherPriority.Id, late.Id, walkIn.Id], (await Desk.Queue(slot.Id)).Tokens.Select(t => t.Id));
    }

    [Fact]
    public async Task Late_arrival_into_a_slot_whose_seat_was_given_away_is_refused()
    {
        var slot = await Desk.NewSlot(capacity: 1);
        var gone = await Desk.Issue("walkin", slot.Id);
        await Desk.SetStatus(gone.Id, "NoShow");
        await Desk.Issue("walkin", slot.Id);

        var response = await Desk.Client.PostAsync($"/api/tokens/{gone.Id}/check-in", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(TokenStatus.NoShow, (await Desk.Token(gone.Id)).Status);
    }

    [Fact]
    public async Task Slot_that_is_over_takes_no_tokens_but_a_delay_while_patients_wait_keeps_it_open()
    {
        var slot = await Desk.NewSlot();
        await Desk.Issue("walkin", slot.Id);
        App.SetTime(10, 5);

        var afterEnd = await Desk.TryIssue("walkin", slot.Id);
        (await Desk.Client.PatchAsync($"/api/slots/{slot.Id}/delay?delay_minutes=30", null)).EnsureSuccessStatusCode();
        var withinDelay = await Desk.TryIssue("walkin", slot.Id);

        Assert.Equal(HttpStatusCode.Conflict, afterEnd.StatusCode);
        Assert.Equal("SlotOver", (await afterEnd.ReadJson()).GetProperty("refusal").GetString());
        Assert.Equal(HttpStatusCode.Created, withinDelay.StatusCode);
    }

    [Fact]
    public async Task A_finished_slot_cannot_be_reopened_by_a_delay()
    {
        var slot = await Desk.NewSlot();
        App.SetTime(11, 0);

        var delay = await Desk.Client.PatchAsync($"/api/slots/{slot.Id}/delay?delay_minutes=120", null);

        Assert.Equal(HttpStatusCode.Conflict, delay.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Desk.TryIssue("walkin", slot.Id)).StatusCode);
    }

    [Fact]
    public async Task A_no_show_arriving_after_the_doctor_finished_the_slot_is_sent_to_a_later_slot()
    {
        var slot = await Desk.NewSlot();
        var booked = await Desk.Issue("book", slot.Id);
        App.SetTime(14, 0);
        await App.Service<SweepNoShows>().SweepNoShowsAsync();

        var response = await Desk.Client.PostAsync($"/api/tokens/{booked.Id}/check-in", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("SlotOver", (await response.ReadJson()).GetProperty("rejection").GetString());
    }

    [Fact]
    public async Task A_booking_still_within_its_time_after_the_slot_end_is_checked_in()
    {
        var slot = await Desk.NewSlot();
        var booked = await Desk.Issue("book", slot.Id);
        var priority = await Desk.Issue("priority", slot.Id);
        App.SetTime(9, 0);
        await Desk.Client.PostAsync($"/api/slots/{slot.Id}/call-next", null);
        App.SetTime(9, 58);
        await Desk.SetStatus(priority.Id, "Completed");
        App.SetTime(10, 5);

        var swept = await App.Service<SweepNoShows>().SweepNoShowsAsync();
        var response = await Desk.Client.PostAsync($"/api/tokens/{booked.Id}/check-in", null);

        Assert.Equal((0, HttpStatusCode.OK), (swept, response.StatusCode));
    }

    [Fact]
    public async Task A_booked_patient_arriving_late_while_the_doctor_still_sees_the_slot_is_checked_in()
    {
        var slot = await Desk.NewSlot();
        var booked = await Desk.Issue("book", slot.Id);
        await Desk.Issue("walkin", slot.Id);
        App.SetTime(10, 10);

        var response = await Desk.Client.PostAsync($"/api/tokens/{booked.Id}/check-in", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Available_slots_leave_out_full_cancelled_and_finished_ones()
    {
        var doctor = await Desk.Doctor();
        var over = await Desk.Slot(doctor.Id, "08:00", "09:00");
        var full = await Desk.Slot(doctor.Id, "09:00", "10:00", capacity: 1);
        var cancelled = await Desk.Slot(doctor.Id, "10:00", "11:00");
        var open = await Desk.Slot(doctor.Id, "11:00", "12:00");
        var otherDay = await Desk.Slot(doctor.Id, "11:00", "12:00", date: OpdApp.Day.AddDays(1));
        await Desk.Issue("walkin", full.Id);
        await Desk.Client.Post($"/api/slots/{cancelled.Id}/cancel", new { reason = "Ward round" });
        App.SetTime(9, 5);

        var available = await (await Desk.Client.GetAsync($"/api/slots/doctor/{doctor.Id}/available?date={OpdApp.Day:yyyy-MM-dd}")).Read<List<SlotView>>();

        Assert.Equal([open.Id], available.Select(s => s.Id));
        Assert.NotEqual(over.Id, otherDay.Id);
    }
}

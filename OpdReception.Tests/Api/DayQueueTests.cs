using System.Net;
using System.Net.Http.Json;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>The doctor's day as one timeline, through the API, with the hospital in Asia/Kolkata.</summary>
public sealed class DayQueueTests : ClockedAppTests
{
    private static DateTime At(int hour, int minute = 0) => OpdApp.Day.ToDateTime(new TimeOnly(hour, minute));

    private async Task<DayQueueView> DayQueue(int doctorId, string? date = null) =>
        await Desk.Client.GetFromJsonAsync<DayQueueView>($"/api/doctors/{doctorId}/queue{(date is null ? "" : $"?date={date}")}", Json.Options)
        ?? throw new InvalidOperationException();

    private Task<HttpResponseMessage> CallNext(int doctorId) => Desk.Client.PostAsync($"/api/doctors/{doctorId}/call-next", null);

    [Fact]
    public async Task Doctor_call_next_takes_a_checked_in_emergency_of_a_later_slot_before_earlier_routine_patients()
    {
        var doctor = await Desk.Doctor();
        var nine = await Desk.Slot(doctor.Id, "09:00", "10:00");
        var eleven = await Desk.Slot(doctor.Id, "11:00", "12:00");
        await Desk.Issue("walkin", nine.Id);
        var emergency = await Desk.Issue("emergency", eleven.Id);
        App.SetTime(9, 0);

        var response = await CallNext(doctor.Id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var called = await response.Read<TokenView>();
        Assert.Equal((emergency.Id, TokenStatus.InConsultation), (called.Id, called.Status));
    }

    [Fact]
    public async Task Doctor_call_next_passes_over_bookings_not_yet_here_and_then_has_nobody_to_call()
    {
        var doctor = await Desk.Doctor();
        var nine = await Desk.Slot(doctor.Id, "09:00", "10:00");
        var ten = await Desk.Slot(doctor.Id, "10:00", "11:00");
        var booked = await Desk.Issue("book", nine.Id);
        var walkIn = await Desk.Issue("walkin", ten.Id);
        App.SetTime(9, 0);

        var first = await (await CallNext(doctor.Id)).Read<TokenView>();
        await Desk.SetStatus(walkIn.Id, "Completed");
        var second = await CallNext(doctor.Id);

        Assert.Equal(walkIn.Id, first.Id);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(TokenStatus.Booked, (await Desk.Token(booked.Id)).Status);
    }

    [Fact]
    public async Task Doctor_sees_one_patient_at_a_time_across_the_day()
    {
        var doctor = await Desk.Doctor();
        var nine = await Desk.Slot(doctor.Id, "09:00", "10:00");
        var ten = await Desk.Slot(doctor.Id, "10:00", "11:00");
        var first = await Desk.Issue("walkin", nine.Id);
        var second = await Desk.Issue("walkin", ten.Id);
        App.SetTime(9, 0);
        await CallNext(doctor.Id);

        var again = await CallNext(doctor.Id);
        var bySlot = await Desk.Client.PostAsync($"/api/slots/{ten.Id}/call-next", null);

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (again.StatusCode, bySlot.StatusCode));
        Assert.Equal((TokenStatus.InConsultation, TokenStatus.Waiting), ((await Desk.Token(first.Id)).Status, (await Desk.Token(second.Id)).Status));
    }

    [Fact]
    public async Task Day_queue_lists_every_active_token_in_order_with_position_estimate_slot_and_reason()
    {
        var doctor = await Desk.Doctor();
        var nine = await Desk.Slot(doctor.Id, "09:00", "10:00", capacity: 10);
        var ten = await Desk.Slot(doctor.Id, "10:00", "11:00");
        var walkIns = new List<TokenView>();
        for (var i = 0; i < 7; i++)
        {
            App.SetTime(8, i);
            walkIns.Add(await Desk.Issue("walkin", nine.Id));
        }

        var booked = await Desk.Issue("book", ten.Id);
        var emergency = await Desk.Issue("emergency", ten.Id);

        var queue = await DayQueue(doctor.Id);

        Assert.Equal([emergency.Id, .. walkIns.Select(w => w.Id), booked.Id], queue.Tokens.Select(t => t.Id));
        Assert.Equal(Enumerable.Range(1, 9).Select(i => (int?)i), queue.Tokens.Select(t => t.Position));
        // The emergency at 09:00, seven walk-ins from 09:10, so the 10:00 slot's booking waits until 10:20.
        Assert.Equal(At(9, 0), queue.Tokens[0].EstimatedTime);
        Assert.Equal(At(10, 10), queue.Tokens[7].EstimatedTime);
        Assert.Equal(At(10, 20), queue.Tokens[8].EstimatedTime);
        Assert.Equal([nine.Id, ten.Id], queue.Slots.Select(s => s.Id));
        Assert.Equal((ten.Id, new TimeOnly(10, 0)), (queue.Tokens[8].SlotId, queue.Tokens[8].SlotStartTime));
        Assert.Equal("Emergency: seen before routine patients", queue.Tokens[0].PlaceReason);
        Assert.Equal("Walk-in, arrived 08:01; after priority patients and bookings of the 09:00 slot", queue.Tokens[2].PlaceReason);
        Assert.Equal("Booked online, not checked in yet; after priority patients and follow-ups of the 10:00 slot", queue.Tokens[8].PlaceReason);
        Assert.Equal((OpdApp.Day, At(8, 6)), (queue.Date, queue.AsOf));
    }

    /// <summary>A doctor's 09:00 slot full with six walk-ins, and one walk-in in the 10:00 slot.</summary>
    private async Task<(SlotView Nine, SlotView Ten, TokenView Later)> SixAtNineOneAtTen()
    {
        var doctor = await Desk.Doctor();
        var nine = await Desk.Slot(doctor.Id, "09:00", "10:00");
        var ten = await Desk.Slot(doctor.Id, "10:00", "11:00");
        for (var i = 0; i < 6; i++)
        {
            await Desk.Issue("walkin", nine.Id);
        }

        return (nine, ten, await Desk.Issue("walkin", ten.Id));
    }

    [Fact]
    public async Task Slot_queue_and_token_view_take_positions_and_estimates_from_the_day_queue()
    {
        var (nine, ten, later) = await SixAtNineOneAtTen();
        App.SetTime(9, 30);

        var slotQueue = await Desk.Queue(ten.Id);
        var token = await Desk.Token(later.Id);

        // Six left over from 09:00, all still waiting at 09:30: the 10:00 slot's first is seventh, due 10:30.
        Assert.Equal((7, At(10, 30)), (slotQueue.Tokens.Single().Position!.Value, slotQueue.Tokens.Single().EstimatedTime!.Value));
        Assert.Equal((7, At(10, 30)), (token.Position!.Value, token.EstimatedTime!.Value));
    }

    [Fact]
    public async Task A_delay_on_one_slot_moves_the_later_slots_of_that_doctor()
    {
        var (nine, ten, later) = await SixAtNineOneAtTen();
        var before = (await Desk.Token(later.Id)).EstimatedTime;

        await Desk.Client.PatchAsync($"/api/slots/{nine.Id}/delay?delay_minutes=30", null);

        Assert.Equal((At(10, 0), At(10, 30)), (before!.Value, (await Desk.Token(later.Id)).EstimatedTime!.Value));
    }

    [Fact]
    public async Task Date_times_in_answers_carry_the_hospitals_offset_and_dates_and_times_stay_plain()
    {
        var slot = await Desk.NewSlot();
        var issued = await Desk.Issue("walkin", slot.Id);

        var token = await (await Desk.Client.GetAsync($"/api/tokens/{issued.Id}")).ReadJson();
        var queue = await (await Desk.Client.GetAsync($"/api/doctors/{slot.DoctorId}/queue")).ReadJson();

        Assert.Equal("2030-01-07T09:00:00+05:30", token.GetProperty("estimatedTime").GetString());
        Assert.Equal("2030-01-07T08:00:00+05:30", token.GetProperty("createdAt").GetString());
        Assert.Equal("2030-01-07T08:00:00+05:30", token.GetProperty("history")[0].GetProperty("at").GetString());
        Assert.Equal("2030-01-07", token.GetProperty("slotDate").GetString());
        Assert.Equal("09:00", token.GetProperty("slotStartTime").GetString());
        Assert.Equal("2030-01-07T08:00:00+05:30", queue.GetProperty("asOf").GetString());
    }

    [Fact]
    public async Task Every_token_answer_carries_the_range_beside_the_estimate_and_never_the_nominal_time()
    {
        var slot = await Desk.NewSlot();
        var issued = await Desk.TryIssue("walkin", slot.Id);

        var answers = new[]
        {
            await issued.ReadJson(),
            await (await Desk.Client.GetAsync($"/api/tokens/{(await Desk.Queue(slot.Id)).Tokens[0].Id}")).ReadJson(),
            (await (await Desk.Client.GetAsync($"/api/tokens/queue/{slot.Id}")).ReadJson()).GetProperty("tokens")[0],
            (await (await Desk.Client.GetAsync($"/api/doctors/{slot.DoctorId}/queue")).ReadJson()).GetProperty("tokens")[0],
        };

        Assert.All(answers, token =>
        {
            Assert.True(token.TryGetProperty("estimatedFrom", out _), "estimatedFrom is missing");
            Assert.True(token.TryGetProperty("estimatedTo", out _), "estimatedTo is missing");
            Assert.False(token.TryGetProperty("nominalTime", out _), "the simulation's baseline is not for callers");
            Assert.Equal("2030-01-07T09:00:00+05:30", token.GetProperty("estimatedTime").GetString());
        });
    }

    [Fact]
    public async Task Unknown_doctor_is_404_for_the_day_queue_and_call_next()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Desk.Client.GetAsync("/api/doctors/424242/queue")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await CallNext(424242)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Desk.Client.GetAsync("/api/doctors/1/queue?date=tomorrow")).StatusCode);
    }

    [Fact]
    public async Task Day_queue_of_another_date_is_that_dates_queue()
    {
        var doctor = await Desk.Doctor();
        var tomorrow = await Desk.Slot(doctor.Id, "09:00", "10:00", date: OpdApp.Day.AddDays(1));
        var booked = await Desk.Issue("book", tomorrow.Id);

        var today = await DayQueue(doctor.Id);
        var thatDay = await DayQueue(doctor.Id, OpdApp.Day.AddDays(1).ToString("yyyy-MM-dd"));

        Assert.Empty(today.Tokens);
        Assert.Equal([booked.Id], thatDay.Tokens.Select(t => t.Id));
    }

    [Fact]
    public async Task A_token_in_a_cancelled_slot_shows_no_position_nor_estimate_and_awaits_a_new_slot()
    {
        var slot = await Desk.NewSlot();
        var issued = await Desk.Issue("book", slot.Id);
        await Desk.Client.Post($"/api/slots/{slot.Id}/cancel", new { reason = "Doctor called away" });

        var token = await Desk.Token(issued.Id);
        var queue = await Desk.Queue(slot.Id);

        Assert.Equal((SlotStatus.Cancelled, null, null), (token.SlotStatus, token.Position, token.EstimatedTime));
        Assert.Equal("Slot cancelled: awaits a new slot", token.PlaceReason);
        Assert.Equal((null, null), (queue.Tokens.Single().Position, queue.Tokens.Single().EstimatedTime));
    }
}

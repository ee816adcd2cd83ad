using System.Net;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

public sealed class ReallocationTests(OpdApp app) : IClassFixture<OpdApp>
{
    private readonly Desk _desk = new(app.CreateClient());

    private async Task<ReallocationResult> Reallocate(int slotId, object? body = null)
    {
        var response = await _desk.Client.Post($"/api/tokens/reallocate/{slotId}", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Read<ReallocationResult>();
    }

    private Task Cancel(int slotId) => _desk.Client.Post($"/api/slots/{slotId}/cancel", new { reason = "Doctor called away" });

    [Fact]
    public async Task Pending_tokens_of_a_cancelled_slot_move_to_the_doctors_next_slot_in_queue_order_keeping_id_and_history()
    {
        var doctor = await _desk.Doctor("Gastroenterology");
        var cancelled = await _desk.Slot(doctor.Id, "09:00", "10:00");
        var next = await _desk.Slot(doctor.Id, "10:00", "11:00");
        var alreadyThere = await _desk.Issue("walkin", next.Id);
        var walkIn = await _desk.Issue("walkin", cancelled.Id);
        var online = await _desk.Issue("book", cancelled.Id);
        var priority = await _desk.Issue("priority", cancelled.Id);
        var seen = await _desk.Issue("walkin", cancelled.Id);
        await _desk.SetStatus(seen.Id, "InConsultation");
        await _desk.Client.Post($"/api/slots/{cancelled.Id}/cancel", new { reason = "Doctor called to theatre" });

        var result = await Reallocate(cancelled.Id);

        Assert.Equal([priority.Id, online.Id, walkIn.Id], result.Moved.Select(m => m.TokenId));
        // Moved within the doctor's day, each keeps the label on its slip: walk-in T002, online T003, priority T004.
        Assert.Equal(["T004", "T003", "T002"], result.Moved.Select(m => m.NewTokenNumber));
        Assert.All(result.Moved, m => Assert.Equal(next.Id, m.ToSlotId));
        Assert.Empty(result.NotPlaced);
        var queue = await _desk.Queue(next.Id);
        Assert.Equal([priority.Id, online.Id, alreadyThere.Id, walkIn.Id], queue.Tokens.Select(t => t.Id));
        var moved = await _desk.Token(priority.Id);
        Assert.Equal((next.Id, "T004", TokenStatus.Waiting), (moved.SlotId, moved.TokenNumber, moved.Status));
        Assert.Equal(["Issued", "Reallocated"], moved.History!.Select(e => e.Action));
        Assert.Equal(TokenStatus.InConsultation, (await _desk.Token(seen.Id)).Status);
    }

    [Fact]
    public async Task Reallocation_respects_target_capacity_and_reports_what_could_not_be_placed()
    {
        var doctor = await _desk.Doctor("Rheumatology");
        var colleague = await _desk.Doctor("Rheumatology");
        var delayed = await _desk.Slot(doctor.Id, "09:00", "10:00");
        var small = await _desk.Slot(colleague.Id, "10:00", "11:00", capacity: 2);
        var a = await _desk.Issue("walkin", delayed.Id);
        var b = await _desk.Issue("walkin", delayed.Id);
        var emergency = await _desk.Issue("emergency", delayed.Id);
        await _desk.Client.PatchAsync($"/api/slots/{delayed.Id}/delay?delay_minutes=90", null);

        var result = await Reallocate(delayed.Id);

        Assert.Equal([(emergency.Id, false), (a.Id, false)], result.Moved.Select(m => (m.TokenId, m.ExtendedCapacity)));
        Assert.Equal([b.Id], result.NotPlaced.Select(u => u.TokenId));
        var target = await _desk.GetSlot(small.Id);
        Assert.Equal((2, 0, 2, 2), (target.MaxCapacity, target.EmergencyExtensions, target.EffectiveCapacity, target.BookedCount));
        Assert.Equal(delayed.Id, (await _desk.Token(b.Id)).SlotId);
    }

    [Fact]
    public async Task Emergency_keeps_its_right_to_an_extra_seat_when_reallocated_into_a_full_slot()
    {
        var doctor = await _desk.Doctor("Urology");
        var source = await _desk.Slot(doctor.Id, "09:00", "10:00");
        var full = await _desk.Slot(doctor.Id, "10:00", "11:00", capacity: 1);
        await _desk.Issue("walkin", full.Id);
        var emergency = await _desk.Issue("emergency", source.Id);
        var walkIn = await _desk.Issue("walkin", source.Id);
        await Cancel(source.Id);

        var result = await Reallocate(source.Id);

        Assert.Equal([(emergency.Id, true)], result.Moved.Select(m => (m.TokenId, m.ExtendedCapacity)));
        Assert.Equal([walkIn.Id], result.NotPlaced.Select(u => u.TokenId));
        Assert.Equal(2, (await _desk.GetSlot(full.Id)).EffectiveCapacity);
    }

    [Fact]
    public async Task Without_room_at_the_same_doctor_tokens_go_to_a_doctor_of_the_same_specialization()
    {
        var first = await _desk.Doctor("Nephrology");
        var colleague = await _desk.Doctor("Nephrology");
        var stranger = await _desk.Doctor("Psychiatry");
        var source = await _desk.Slot(first.Id, "09:00", "10:00");
        await _desk.Slot(stranger.Id, "09:30", "10:30");
        var target = await _desk.Slot(colleague.Id, "09:30", "10:30");
        var token = await _desk.Issue("book", source.Id);
        await Cancel(source.Id);

        var result = await Reallocate(source.Id);

        Assert.Equal([target.Id], result.Moved.Select(m => m.ToSlotId));
        Assert.Equal(colleague.Id, (await _desk.Token(token.Id)).DoctorId);
    }

    [Fact]
    public async Task A_named_target_slot_is_used_and_an_unknown_one_is_404()
    {
        var doctor = await _desk.Doctor("Oncology");
        var source = await _desk.Slot(doctor.Id, "09:00", "10:00");
        await _desk.Slot(doctor.Id, "10:00", "11:00");
        var named = await _desk.Slot(doctor.Id, "15:00", "16:00");
        await _desk.Issue("walkin", source.Id);
        await Cancel(source.Id);

        var missing = await _desk.Client.Post($"/api/tokens/reallocate/{source.Id}", new { targetSlotId = 555_555 });
        var same = await _desk.Client.Post($"/api/tokens/reallocate/{source.Id}", new { targetSlotId = source.Id });
        var result = await Reallocate(source.Id, new { targetSlotId = named.Id });

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.BadRequest), (missing.StatusCode, same.StatusCode));
        Assert.Equal([named.Id], result.Moved.Select(m => m.ToSlotId));
    }

    [Fact]
    public async Task Patient_already_booked_with_the_target_doctor_is_not_given_a_second_token()
    {
        var doctor = await _desk.Doctor("Cardiothoracic");
        var colleague = await _desk.Doctor("Cardiothoracic");
        var source = await _desk.Slot(doctor.Id, "09:00", "10:00");
        var colleagueSlot = await _desk.Slot(colleague.Id, "11:00", "12:00");
        var colleagueBooking = await _desk.Issue("book", colleagueSlot.Id);
        var token = await _desk.Issue("walkin", source.Id, patientId: colleagueBooking.PatientId);
        await Cancel(source.Id);

        var result = await Reallocate(source.Id);

        Assert.Empty(result.Moved);
        Assert.Equal([token.Id], result.NotPlaced.Select(u => u.TokenId));
    }
}

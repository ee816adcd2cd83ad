using System.Net;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>Reallocation of a delayed or cancelled slot: each patient where they are seen earliest; a preview changes nothing.</summary>
public sealed class ReallocationRulesTests : ClockedAppTests
{
    private static DateTime At(int hour, int minute = 0) => OpdApp.Day.ToDateTime(new TimeOnly(hour, minute));

    private Task<HttpResponseMessage> Reallocate(int slotId, int? target = null, bool preview = false) =>
        Desk.Client.Post($"/api/tokens/reallocate/{slotId}{(preview ? "?preview=true" : "")}", target is null ? null : new { targetSlotId = target });

    private Task Cancel(int slotId) => Desk.Client.Post($"/api/slots/{slotId}/cancel", new { reason = "Doctor called away" });

    [Fact]
    public async Task A_slot_running_on_time_is_not_reallocated()
    {
        var slot = await Desk.NewSlot();
        var token = await Desk.Issue("walkin", slot.Id);

        var response = await Reallocate(slot.Id);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Only a delayed or cancelled slot", (await response.ReadJson()).GetProperty("detail").GetString());
        Assert.Equal(slot.Id, (await Desk.Token(token.Id)).SlotId);
    }

    [Fact]
    public async Task Each_patient_goes_where_they_are_seen_earliest_among_the_doctors_later_slots_and_colleagues_of_the_same_specialization()
    {
        var doctor = await Desk.Doctor("General Medicine");
        var colleague = await Desk.Doctor("general  medicine");
        var other = await Desk.Doctor("Dermatology");
        var cancelled = await Desk.Slot(doctor.Id, "09:00", "10:00");
        await Desk.Slot(doctor.Id, "10:00", "11:00");
        var colleagueSlot = await Desk.Slot(colleague.Id, "09:00", "10:00");
        await Desk.Slot(other.Id, "08:30", "09:30");
        await Desk.Issue("walkin", colleagueSlot.Id);
        var patient = await Desk.Issue("walkin", cancelled.Id, name: "Meena Pillai");
        await Cancel(cancelled.Id);

        var result = await (await Reallocate(cancelled.Id)).Read<ReallocationResult>();

        var moved = Assert.Single(result.Moved);
        Assert.Equal((patient.Id, colleagueSlot.Id, colleague.Id, colleague.Name), (moved.TokenId, moved.ToSlotId, moved.ToDoctorId, moved.ToDoctorName));
        Assert.Equal(((DateTime?)null, At(9, 10), TokenStatus.Waiting), (moved.OldEstimate, moved.NewEstimate, moved.NewStatus));
        Assert.Equal(("Meena Pillai", cancelled.Id, OpdApp.Day, new TimeOnly(9, 0)), (moved.PatientName, moved.FromSlotId, moved.ToDate, moved.ToStartTime));
        Assert.Equal((colleagueSlot.Id, (int?)2, At(9, 10)), ((await Desk.Token(patient.Id)).SlotId, (await Desk.Token(patient.Id)).Position, (await Desk.Token(patient.Id)).EstimatedTime!.Value));
    }

    [Fact]
    public async Task From_a_delayed_slot_patients_move_only_when_seen_earlier_and_the_others_are_told_why_they_stay()
    {
        var doctor = await Desk.Doctor("Pulmonology");
        var colleague = await Desk.Doctor("Pulmonology");
        var delayed = await Desk.Slot(doctor.Id, "09:00", "10:00");
        var oneSeat = await Desk.Slot(colleague.Id, "09:00", "10:00", capacity: 1);
        var first = await Desk.Issue("walkin", delayed.Id);
        var second = await Desk.Issue("walkin", delayed.Id);
        await Desk.Client.PatchAsync($"/api/slots/{delayed.Id}/delay?delay_minutes=40", null);

        var result = await (await Reallocate(delayed.Id)).Read<ReallocationResult>();

        var moved = Assert.Single(result.Moved);
        Assert.Equal((first.Id, oneSeat.Id, At(9, 40), At(9, 0)), (moved.TokenId, moved.ToSlotId, moved.OldEstimate!.Value, moved.NewEstimate));
        var stayed = Assert.Single(result.NotPlaced);
        Assert.Equal(second.Id, stayed.TokenId);
        Assert.Equal("No suitable slot has a free seat.", stayed.Reason);
    }

    [Fact]
    public async Task The_old_estimate_is_what_the_patient_was_told_before_anyone_ahead_of_them_moved()
    {
        var doctor = await Desk.Doctor("Rheumatology");
        var colleague = await Desk.Doctor("Rheumatology");
        var delayed = await Desk.Slot(doctor.Id, "09:00", "10:00");
        await Desk.Slot(colleague.Id, "09:00", "10:00", capacity: 1);
        var first = await Desk.Issue("walkin", delayed.Id);
        var second = await Desk.Issue("walkin", delayed.Id);
        await Desk.Client.PatchAsync($"/api/slots/{delayed.Id}/delay?delay_minutes=40", null);
        var told = (await Desk.Token(second.Id)).EstimatedTime;

        var result = await (await Reallocate(delayed.Id)).Read<ReallocationResult>();

        Assert.Equal(first.Id, Assert.Single(result.Moved).TokenId);
        var stayed = Assert.Single(result.NotPlaced);
        Assert.Equal((At(9, 50), (DateTime?)At(9, 50)), (told!.Value, stayed.OldEstimate));
    }

    [Fact]
    public async Task With_no_slot_open_later_that_day_the_patient_is_told_so_not_that_seats_are_full()
    {
        var doctor = await Desk.Doctor($"Only doctor {Guid.NewGuid():N}");
        var only = await Desk.Slot(doctor.Id, "09:00", "10:00");
        var token = await Desk.Issue("walkin", only.Id);
        await Cancel(only.Id);

        var result = await (await Reallocate(only.Id)).Read<ReallocationResult>();

        var stayed = Assert.Single(result.NotPlaced);
        Assert.Equal((token.Id, DayReallocator.LeftNoSlotOpen), (stayed.TokenId, stayed.Reason));
    }

    [Fact]
    public async Task A_patient_moved_to_another_day_is_booked_again()
    {
        var doctor = await Desk.Doctor("Orthopaedics");
        var today = await Desk.Slot(doctor.Id, "09:00", "10:00");
        var tomorrow = await Desk.Slot(doctor.Id, "09:00", "10:00", date: OpdApp.Day.AddDays(1));
        var walkIn = await Desk.Issue("walkin", today.Id);
        await Cancel(today.Id);

        var result = await (await Reallocate(today.Id, tomorrow.Id)).Read<ReallocationResult>();

        Assert.Equal((tomorrow.Id, TokenStatus.Booked, OpdApp.Day.AddDays(1)), (result.Moved.Single().ToSlotId, result.Moved.Single().NewStatus, result.Moved.Single().ToDate));
        var token = await Desk.Token(walkIn.Id);
        Assert.Equal((TokenStatus.Booked, tomorrow.Id), (token.Status, token.SlotId));
        Assert.Contains("booked again", token.History!.Last().Reason);
    }

    [Fact]
    public async Task A_named_target_of_another_specialization_is_refused()
    {
        var doctor = await Desk.Doctor("Neurology");
        var stranger = await Desk.Doctor("Ophthalmology");
        var source = await Desk.Slot(doctor.Id, "09:00", "10:00");
        var elsewhere = await Desk.Slot(stranger.Id, "10:00", "11:00");
        var token = await Desk.Issue("book", source.Id);
        await Cancel(source.Id);

        var response = await Reallocate(source.Id, elsewhere.Id);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Ophthalmology", (await response.ReadJson()).GetProperty("detail").GetString());
        Assert.Equal(source.Id, (await Desk.Token(token.Id)).SlotId);
    }

    [Fact]
    public async Task A_preview_answers_exactly_what_the_reallocation_then_does_and_changes_nothing()
    {
        var doctor = await Desk.Doctor("Paediatrics");
        var colleague = await Desk.Doctor("Paediatrics");
        var source = await Desk.Slot(doctor.Id, "09:00", "10:00");
        var later = await Desk.Slot(doctor.Id, "11:00", "12:00", capacity: 1);
        var colleagueSlot = await Desk.Slot(colleague.Id, "10:00", "11:00", capacity: 1);
        var tokens = new[] { await Desk.Issue("priority", source.Id), await Desk.Issue("walkin", source.Id), await Desk.Issue("walkin", source.Id) };
        await Cancel(source.Id);
        var before = await Task.WhenAll(tokens.Select(t => Desk.Token(t.Id)));

        var preview = await (await Reallocate(source.Id, preview: true)).ReadJson();
        var unchanged = await Task.WhenAll(tokens.Select(t => Desk.Token(t.Id)));
        var seats = ((await Desk.GetSlot(later.Id)).BookedCount, (await Desk.GetSlot(colleagueSlot.Id)).BookedCount);
        var done = await (await Reallocate(source.Id)).ReadJson();

        Assert.True(preview.GetProperty("preview").GetBoolean());
        Assert.False(done.GetProperty("preview").GetBoolean());
        Assert.Equal(preview.GetProperty("moved").GetRawText(), done.GetProperty("moved").GetRawText());
        Assert.Equal(preview.GetProperty("notPlaced").GetRawText(), done.GetProperty("notPlaced").GetRawText());
        Assert.Equal(2, done.GetProperty("moved").GetArrayLength());
        Assert.Equal(before.Select(t => (t.SlotId, t.TokenNumber, t.History!.Count)), unchanged.Select(t => (t.SlotId, t.TokenNumber, t.History!.Count)));
        Assert.Equal((0, 0), seats);
    }
}

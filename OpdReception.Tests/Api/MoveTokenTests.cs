using System.Net;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>The desk moves one named patient to a named slot, by the day-level rules a reallocation uses.</summary>
public sealed class MoveTokenTests : ClockedAppTests
{
    private static DateTime At(int hour, int minute = 0) => OpdApp.Day.ToDateTime(new TimeOnly(hour, minute));

    private Task<HttpResponseMessage> Move(int tokenId, int targetSlotId, bool preview = false) =>
        Desk.Client.Post($"/api/tokens/{tokenId}/move{(preview ? "?preview=true" : "")}", new { targetSlotId });

    [Fact]
    public async Task A_move_to_a_doctor_of_another_specialization_is_refused_with_a_problem_and_changes_nothing()
    {
        var doctor = await Desk.Doctor("Neurology");
        var stranger = await Desk.Doctor("Ophthalmology");
        var source = await Desk.Slot(doctor.Id, "09:00", "10:00");
        var elsewhere = await Desk.Slot(stranger.Id, "10:00", "11:00");
        var token = await Desk.Issue("walkin", source.Id);

        var preview = await Move(token.Id, elsewhere.Id, preview: true);
        var response = await Move(token.Id, elsewhere.Id);

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (preview.StatusCode, response.StatusCode));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = (await response.ReadJson()).GetProperty("detail").GetString();
        Assert.Contains("Ophthalmology", detail);
        Assert.Contains("same specialization", detail);
        var unchanged = await Desk.Token(token.Id);
        Assert.Equal((source.Id, token.TokenNumber, TokenStatus.Waiting), (unchanged.SlotId, unchanged.TokenNumber, unchanged.Status));
        Assert.Equal(0, (await Desk.GetSlot(elsewhere.Id)).BookedCount);
    }

    [Fact]
    public async Task A_checked_in_patient_moved_to_another_day_is_booked_again_and_within_the_day_stays_waiting()
    {
        var doctor = await Desk.Doctor("Orthopaedics");
        var today = await Desk.Slot(doctor.Id, "09:00", "10:00");
        var later = await Desk.Slot(doctor.Id, "11:00", "12:00");
        var tomorrow = await Desk.Slot(doctor.Id, "09:00", "10:00", date: OpdApp.Day.AddDays(1));
        var staysToday = await Desk.Issue("walkin", today.Id);
        var goesTomorrow = await Desk.Issue("walkin", today.Id);

        var sameDay = await (await Move(staysToday.Id, later.Id)).Read<ReallocationResult>();
        var nextDay = await (await Move(goesTomorrow.Id, tomorrow.Id)).Read<ReallocationResult>();

        Assert.Equal((later.Id, TokenStatus.Waiting, At(11, 0)), (sameDay.Moved.Single().ToSlotId, sameDay.Moved.Single().NewStatus, sameDay.Moved.Single().NewEstimate));
        Assert.Equal((tomorrow.Id, TokenStatus.Booked), (nextDay.Moved.Single().ToSlotId, nextDay.Moved.Single().NewStatus));
        Assert.Equal(TokenStatus.Waiting, (await Desk.Token(staysToday.Id)).Status);
        var booked = await Desk.Token(goesTomorrow.Id);
        Assert.Equal((TokenStatus.Booked, tomorrow.Id), (booked.Status, booked.SlotId));
        Assert.Contains("booked again", booked.History!.Last().Reason);
        Assert.Equal("Moved", booked.History!.Last().Action);
    }

    [Fact]
    public async Task A_move_to_a_colleague_is_estimated_by_the_colleagues_day_and_the_preview_is_the_result()
    {
        var doctor = await Desk.Doctor("General Medicine");
        var colleague = await Desk.Doctor("general  medicine");
        var source = await Desk.Slot(doctor.Id, "09:00", "10:00");
        var colleagueSlot = await Desk.Slot(colleague.Id, "09:00", "10:00");
        await Desk.Issue("walkin", colleagueSlot.Id);
        await Desk.Issue("walkin", colleagueSlot.Id);
        var token = await Desk.Issue("walkin", source.Id, name: "Ravi Menon");
        var told = (await Desk.Token(token.Id)).EstimatedTime;

        var preview = await (await Move(token.Id, colleagueSlot.Id, preview: true)).ReadJson();
        var unchanged = await Desk.Token(token.Id);
        var done = await (await Move(token.Id, colleagueSlot.Id)).ReadJson();

        Assert.Equal(source.Id, unchanged.SlotId);
        Assert.Equal(preview.GetProperty("moved").GetRawText(), done.GetProperty("moved").GetRawText());
        var result = System.Text.Json.JsonSerializer.Deserialize<ReallocationResult>(done.GetRawText(), Json.Options)!;
        var move = Assert.Single(result.Moved);
        Assert.Equal((colleagueSlot.Id, At(9, 20), told, "Ravi Menon"), (move.ToSlotId, move.NewEstimate, move.OldEstimate, move.PatientName));
        var now = await Desk.Token(token.Id);
        Assert.Equal((colleagueSlot.Id, At(9, 20), move.NewTokenNumber), (now.SlotId, now.EstimatedTime!.Value, now.TokenNumber));
    }

    [Fact]
    public async Task A_move_into_a_full_slot_or_to_a_doctor_the_patient_already_sees_that_day_is_refused()
    {
        var doctor = await Desk.Doctor("Endocrinology");
        var colleague = await Desk.Doctor("Endocrinology");
        var busyColleague = await Desk.Doctor("Endocrinology");
        var source = await Desk.Slot(doctor.Id, "09:00", "10:00");
        var full = await Desk.Slot(busyColleague.Id, "09:00", "10:00", capacity: 1);
        var open = await Desk.Slot(colleague.Id, "10:00", "11:00");
        await Desk.Issue("walkin", full.Id);
        var token = await Desk.Issue("walkin", source.Id);
        await Desk.Issue("book", open.Id, patientId: token.PatientId);

        var intoFull = await Move(token.Id, full.Id);
        var clash = await Move(token.Id, open.Id);

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (intoFull.StatusCode, clash.StatusCode));
        Assert.Contains("full", (await intoFull.ReadJson()).GetProperty("detail").GetString());
        Assert.Contains("already holds a token", (await clash.ReadJson()).GetProperty("detail").GetString());
        Assert.Equal(source.Id, (await Desk.Token(token.Id)).SlotId);
    }
}

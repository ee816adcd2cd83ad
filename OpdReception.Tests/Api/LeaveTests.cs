using System.Net;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>A doctor's leave over several slots: planned together, written in one transaction, the preview is the result.</summary>
public sealed class LeaveTests : ClockedAppTests
{
    private HttpClient Admin => Desk.Client;

    [Fact]
    public async Task A_leave_over_two_slots_gives_a_colleagues_single_free_seat_once_in_the_preview_and_in_the_result()
    {
        var away = await Desk.Doctor("Nephrology");
        var cover = await Desk.Doctor("Nephrology");
        var nine = await Desk.Slot(away.Id, "09:00", "10:00");
        var ten = await Desk.Slot(away.Id, "10:00", "11:00");
        var oneSeat = await Desk.Slot(cover.Id, "09:00", "11:00", capacity: 2);
        await Desk.Issue("walkin", oneSeat.Id);
        var first = await Desk.Issue("book", nine.Id);
        var second = await Desk.Issue("book", ten.Id);
        var leave = new { doctorId = away.Id, from = OpdApp.Day.ToString("yyyy-MM-dd"), reason = "Family wedding" };

        var preview = await (await Admin.Post("/api/admin/leave?preview=true", leave)).Read<CancellationView>();
        var done = await (await Admin.Post("/api/admin/leave", leave)).Read<CancellationView>();

        Assert.Equal(1, preview.Slots.Sum(s => s.Moving));
        Assert.Equal(1, done.Slots.Sum(s => s.Moving));
        Assert.Equal(
            preview.Slots.Select(s => (s.Slot.Id, Moves: string.Join(";", s.Preview!.Moves.Select(m => (m.TokenId, m.ToSlotId, m.NewTokenNumber, m.EstimatedBefore, m.EstimatedAfter))),
                NotPlaced: string.Join(";", s.Preview!.NotPlaced.Select(u => (u.TokenId, u.Reason))))),
            done.Slots.Select(s => (s.Slot.Id, Moves: string.Join(";", s.Done!.Moved.Select(m => (m.TokenId, m.ToSlotId, m.NewTokenNumber, m.OldEstimate, (DateTime?)m.NewEstimate))),
                NotPlaced: string.Join(";", s.Done!.NotPlaced.Select(u => (u.TokenId, u.Reason))))));
        Assert.Equal(first.Id, Assert.Single(done.Slots[0].Done!.Moved).TokenId);
        Assert.Equal((second.Id, DayReallocator.LeftNoFreeSeat), (Assert.Single(done.Slots[1].Done!.NotPlaced).TokenId, done.Slots[1].Done!.NotPlaced[0].Reason));
        Assert.Equal(2, (await Desk.GetSlot(oneSeat.Id)).BookedCount);
        Assert.Equal((SlotStatus.Cancelled, SlotStatus.Cancelled), ((await Desk.GetSlot(nine.Id)).Status, (await Desk.GetSlot(ten.Id)).Status));
    }

    [Fact]
    public async Task The_old_estimate_in_a_leave_is_the_time_the_patient_was_told_before_the_cancel()
    {
        var away = await Desk.Doctor("Haematology");
        var cover = await Desk.Doctor("Haematology");
        var slot = await Desk.Slot(away.Id, "09:00", "10:00");
        await Desk.Slot(cover.Id, "10:00", "11:00");
        var token = await Desk.Issue("book", slot.Id);
        var told = (await Desk.Token(token.Id)).EstimatedTime;

        var done = await (await Admin.Post("/api/admin/leave", new { doctorId = away.Id, from = OpdApp.Day.ToString("yyyy-MM-dd"), reason = "Ill" })).Read<CancellationView>();

        Assert.NotNull(told);
        Assert.Equal(told, Assert.Single(Assert.Single(done.Slots).Done!.Moved).OldEstimate);
    }

    [Fact]
    public async Task Of_two_confirmations_of_one_slot_cancel_one_moves_the_patients_and_the_other_is_refused_with_a_problem()
    {
        var doctor = await Desk.Doctor("Urology");
        var colleague = await Desk.Doctor("Urology");
        var slot = await Desk.Slot(doctor.Id, "09:00", "10:00");
        var target = await Desk.Slot(colleague.Id, "09:00", "10:00");
        var token = await Desk.Issue("walkin", slot.Id);

        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Admin.Post($"/api/admin/slots/{slot.Id}/cancel", new { reason = "Power cut" })));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        var refused = answers.Single(a => a.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("already cancelled", (await refused.ReadJson()).GetProperty("detail").GetString());
        var moved = await Desk.Token(token.Id);
        Assert.Equal(target.Id, moved.SlotId);
        Assert.Single(moved.History!, h => h.Action == "Reallocated");
    }
}

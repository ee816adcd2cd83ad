using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OpdReception.Domain;
using OpdReception.Security;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>The desk's "to contact" list: who lands on it after a leave, a slot cancelled or a move to another day, and what empties it.</summary>
public sealed class ToContactTests : ClockedAppTests
{
    private HttpClient Staff => Desk.Client;

    private static readonly string Today = OpdApp.Day.ToString("yyyy-MM-dd");

    private async Task<List<ContactRow>> ToContact(string query = "") =>
        await (await Staff.GetAsync($"/api/tokens/to-contact{query}")).Read<List<ContactRow>>();

    private async Task<CancellationView> Leave(int doctorId) =>
        await (await Staff.Post("/api/admin/leave", new { doctorId, from = Today, reason = "Conference" })).Read<CancellationView>();

    [Fact]
    public async Task A_leave_with_no_colleague_leaves_the_patient_stranded_on_the_list_until_marked_contacted()
    {
        var away = await Desk.Doctor($"Dermatology {Guid.NewGuid():N}");
        var slot = await Desk.Slot(away.Id, "09:00", "10:00");
        var token = await Desk.Issue("book", slot.Id);

        var leave = await Leave(away.Id);
        var row = Assert.Single(await ToContact());

        Assert.Equal(DayReallocator.LeftNoSlotOpen, Assert.Single(Assert.Single(leave.Slots).Done!.NotPlaced).Reason);
        Assert.Equal((token.Id, ContactReason.DoctorOnLeave, true, "+91 98765 43210"), (row.TokenId, row.Reason, row.Stranded, row.PhoneNumber));
        Assert.Equal((away.Name, OpdApp.Day, new TimeOnly(9, 0)), (row.OldSlot.DoctorName, row.OldSlot.Date, row.OldSlot.StartTime));
        Assert.StartsWith("Left in the cancelled slot", row.WhatHappened);

        var marked = await Staff.Post($"/api/tokens/{token.Id}/contacted", new { note = "Rebooks herself next week" });

        Assert.Equal(HttpStatusCode.OK, marked.StatusCode);
        Assert.Empty(await ToContact());
        var history = (await Staff.GetFromJsonAsync<TokenView>($"/api/tokens/{token.Id}", Json.Options))!.History!;
        Assert.Contains(history, e => e.Action == SlotEmptying.StrandedAction && e.Reason == DayReallocator.LeftNoSlotOpen);
        Assert.Contains(history, e => e.Action == ContactPatients.ContactedAction && e.Reason == "Rebooks herself next week");
    }

    [Fact]
    public async Task A_leave_that_moves_the_patient_to_a_colleague_names_where_they_went_and_a_cancel_empties_the_row()
    {
        var speciality = $"Urology {Guid.NewGuid():N}";
        var away = await Desk.Doctor(speciality);
        var cover = await Desk.Doctor(speciality);
        var slot = await Desk.Slot(away.Id, "09:00", "10:00");
        var covering = await Desk.Slot(cover.Id, "09:30", "11:00");
        var token = await Desk.Issue("book", slot.Id);

        await Leave(away.Id);
        var row = Assert.Single(await ToContact());

        Assert.Equal((ContactReason.DoctorOnLeave, false, slot.Id, covering.Id), (row.Reason, row.Stranded, row.OldSlot.SlotId, row.Slot.SlotId));
        Assert.Equal($"Moved to {cover.Name} on {OpdApp.Day:ddd d MMM} at 09:30.", row.WhatHappened);

        var cancelled = await Staff.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/tokens/{token.Id}/cancel")
        {
            Content = JsonContent.Create(new { reason = "Patient will come another month" }),
        });

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Empty(await ToContact());
    }

    [Fact]
    public async Task A_cancelled_slot_strands_its_patient_and_a_desk_move_to_another_day_empties_the_row()
    {
        var doctor = await Desk.Doctor($"Oncology {Guid.NewGuid():N}");
        var slot = await Desk.Slot(doctor.Id, "09:00", "10:00");
        var tomorrow = await Desk.Slot(doctor.Id, "09:00", "10:00", date: OpdApp.Day.AddDays(1));
        var token = await Desk.Issue("book", slot.Id);

        Assert.Equal(HttpStatusCode.OK, (await Staff.Post($"/api/slots/{slot.Id}/cancel", new { reason = "Theatre overran" })).StatusCode);
        var row = Assert.Single(await ToContact());

        Assert.Equal((token.Id, ContactReason.SlotCancelled, true, "Slot cancelled: Theatre overran"), (row.TokenId, row.Reason, row.Stranded, row.ReasonText));

        var moved = await Staff.Post($"/api/tokens/{token.Id}/move", new { targetSlotId = tomorrow.Id });

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Empty(await ToContact());
    }

    [Fact]
    public async Task A_desk_move_to_another_day_is_listed_until_contacted_and_a_move_within_the_day_is_not()
    {
        var doctor = await Desk.Doctor($"Neurology {Guid.NewGuid():N}");
        var nine = await Desk.Slot(doctor.Id, "09:00", "10:00");
        var eleven = await Desk.Slot(doctor.Id, "11:00", "12:00");
        var nextWeek = await Desk.Slot(doctor.Id, "09:00", "10:00", date: OpdApp.Day.AddDays(7));
        var staying = await Desk.Issue("book", nine.Id);
        var going = await Desk.Issue("book", nine.Id);

        await Staff.Post($"/api/tokens/{staying.Id}/move", new { targetSlotId = eleven.Id });
        await Staff.Post($"/api/tokens/{going.Id}/move", new { targetSlotId = nextWeek.Id });
        var row = Assert.Single(await ToContact());

        Assert.Equal((going.Id, ContactReason.MovedToAnotherDay, nine.Id, nextWeek.Id), (row.TokenId, row.Reason, row.OldSlot.SlotId, row.Slot.SlotId));
        Assert.Empty(await ToContact($"?from={Today}&days=7"));
        Assert.Single(await ToContact($"?from={OpdApp.Day.AddDays(7):yyyy-MM-dd}&days=1"));

        await Staff.Post($"/api/tokens/{going.Id}/contacted", new { note = "Told by phone" });

        Assert.Empty(await ToContact());
    }

    [Fact]
    public async Task Marking_contacted_needs_a_note_and_a_patient_on_the_list()
    {
        var slot = await Desk.NewSlot();
        var token = await Desk.Issue("book", slot.Id);

        var noNote = await Staff.Post($"/api/tokens/{token.Id}/contacted", new { note = " " });
        var notListed = await Staff.Post($"/api/tokens/{token.Id}/contacted", new { note = "Called" });
        var missing = await Staff.Post("/api/tokens/999999/contacted", new { note = "Called" });

        Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        Assert.True((await noNote.ReadJson()).GetProperty("errors").TryGetProperty("note", out _));
        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.NotFound), (notListed.StatusCode, missing.StatusCode));
        Assert.DoesNotContain((await Staff.GetFromJsonAsync<TokenView>($"/api/tokens/{token.Id}", Json.Options))!.History!, e => e.Action == ContactPatients.ContactedAction);
    }

    [Theory]
    [InlineData("?from=07-01-2030", "from")]
    [InlineData("?from=2030-02-30", "from")]
    [InlineData("?days=0", "days")]
    [InlineData("?days=32", "days")]
    [InlineData("?days=many", "days")]
    public async Task A_bad_date_or_day_count_is_a_400_naming_the_field(string query, string field)
    {
        var response = await Staff.GetAsync($"/api/tokens/to-contact{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(JsonValueKind.Array, (await response.ReadJson()).GetProperty("errors").GetProperty(field).ValueKind);
    }

    [Fact]
    public async Task A_doctor_may_not_read_the_list_nor_mark_a_patient_contacted()
    {
        var doctor = await App.ClientAsAsync(Roles.Doctor);

        Assert.Equal(HttpStatusCode.Forbidden, (await doctor.GetAsync("/api/tokens/to-contact")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await doctor.Post("/api/tokens/1/contacted", new { note = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await App.ClientAsAsync(Roles.Receptionist)).GetAsync("/api/tokens/to-contact")).StatusCode);
    }
}

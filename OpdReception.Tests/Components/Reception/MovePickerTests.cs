using Bunit;
using OpdReception.Components.Pages.Reception;
using OpdReception.Components.Shared;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Components.Reception;

/// <summary>Issue 17: "Move…" offers only where the patient can go, from today on, and picks what its fields show.</summary>
public sealed class MovePickerTests(OpdApp app) : DeskContext(app)
{
    [Fact]
    public async Task Move_offers_colleagues_of_the_same_specialization_not_on_leave_and_their_slots_of_later_days()
    {
        var specialization = $"Move {Guid.NewGuid():N}"[..13];
        var tomorrow = OpdApp.Day.AddDays(1);
        var doctor = await Desk.Doctor(specialization, name: "Dr. Own Doctor");
        var colleague = await Desk.Doctor(specialization, name: "Dr. Free Colleague");
        var away = await Desk.Doctor(specialization, name: "Dr. Away Colleague");
        var other = await Desk.Doctor("Dermatology", name: "Dr. Other Specialty");
        var slot = await Desk.Slot(doctor.Id);
        var later = await Desk.Slot(colleague.Id, "10:00", "11:00", date: tomorrow);
        await Desk.Slot(away.Id, date: tomorrow);
        await Desk.Slot(other.Id, date: tomorrow);
        Assert.True((await Desk.Client.Post("/api/admin/leave", new { doctorId = away.Id, from = tomorrow.ToString("yyyy-MM-dd"), reason = "Conference" })).IsSuccessStatusCode);
        await Desk.Issue("walkin", slot.Id, name: "Mover Person");
        var board = BoardTests.Board(this, doctor.Id);
        var row = board.WaitForElement("[data-testid=queue] tr[data-token=T001]");

        BoardTests.Action(board, row, RowAction.Move).Click();
        Dialogs.WaitForElement("[data-testid=move-dialog]");

        var doctorField = Dialogs.FindComponents<Picker>().First();
        Dialogs.Find("input[data-testid=move-doctor]").Input("Colleague");
        Dialogs.WaitForAssertion(() => Assert.Equal(["Dr. Free Colleague"], Dialogs.FindAll("[role=option]").Select(o => o.TextContent.Split(" — ")[0])));
        await doctorField.InvokeAsync(() => doctorField.Instance.EnterWith("Away"));
        Dialogs.WaitForAssertion(() => Assert.Contains("No doctor matches “Away”.", Dialogs.Find("[data-testid=move-dialog]").TextContent));
        await doctorField.InvokeAsync(() => doctorField.Instance.EnterWith("free"));

        Dialogs.WaitForAssertion(() => Assert.Equal($"{tomorrow:ddd d MMM} 10:00 · to 11:00 · 6 of 6 seats left", Dialogs.Find("input[data-testid=move-slot]").GetAttribute("value")));
        Dialogs.WaitForAssertion(() => Assert.Contains("Dr. Free Colleague", Dialogs.Find("[data-testid=preview-move]").TextContent));
        Dialogs.Find("[data-testid=confirm-move]").Click();

        Dialogs.WaitForAssertion(() => Assert.Empty(Dialogs.FindAll("[data-testid=move-dialog]")));
        Assert.Equal("Mover Person", Assert.Single((await Desk.Queue(later.Id)).Tokens).PatientName);
        Assert.Empty((await Desk.Queue(slot.Id)).Tokens);
    }

    [Fact]
    public async Task Moving_another_days_patient_shows_their_old_day_and_names_the_new_day_in_the_notice()
    {
        var (tomorrow, later) = (OpdApp.Day.AddDays(1), OpdApp.Day.AddDays(2));
        var doctor = await Desk.Doctor($"Days {Guid.NewGuid():N}"[..13], name: "Dr. Day Mover");
        var slot = await Desk.Slot(doctor.Id, date: tomorrow);
        await Desk.Slot(doctor.Id, date: later);
        await Desk.Issue("book", slot.Id, name: "Future Patient");
        var board = BoardTests.BoardOn(this, doctor.Id, tomorrow);
        var row = board.WaitForElement("tr[data-token=T001]");

        BoardTests.Action(board, row, RowAction.Move).Click();

        Dialogs.WaitForAssertion(() => Assert.Equal($"{tomorrow:ddd d MMM} 09:00", Dialogs.Find("[data-testid=preview-move] td:nth-child(3)").TextContent.Trim()));
        Dialogs.Find("[data-testid=confirm-move]").Click();
        board.WaitForAssertion(() => Assert.EndsWith($"with Dr. Day Mover, {later:ddd d MMM}, expected about 09:00.", board.Find("[data-testid=board-notice]").TextContent.Trim()));
    }
}

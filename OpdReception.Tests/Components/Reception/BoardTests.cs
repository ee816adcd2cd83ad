using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using OpdReception.Components.Pages.Reception;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Components.Reception;

public sealed class BoardTests(OpdApp app) : DeskContext(app)
{
    internal static IRenderedComponent<Board> Board(BunitContext context, int doctorId) => context.Render<Board>(p => p.Add(b => b.DoctorId, doctorId));

    private IRenderedComponent<Board> Board(int doctorId) => Render<Board>(p => p.Add(b => b.DoctorId, doctorId));

    /// <summary>The board of another day, as /reception/board/{id}?date=… opens it.</summary>
    internal static IRenderedComponent<Board> BoardOn(BunitContext context, int doctorId, DateOnly day)
    {
        context.Services.GetRequiredService<NavigationManager>().NavigateTo($"/reception/board/{doctorId}?date={day:yyyy-MM-dd}");
        return Board(context, doctorId);
    }

    internal static IElement Row(IRenderedComponent<Board> board, string token) =>
        board.Find($"[data-testid=queue] tr[data-token={token}], [data-testid=not-in-queue] tr[data-token={token}]");

    /// <summary>The row's button for <paramref name="action"/>, or else the item in its menu, opened.</summary>
    internal static IElement Action(IRenderedComponent<Board> board, IElement row, RowAction action)
    {
        if (row.QuerySelector($"button[data-action={action}]") is { } button)
        {
            return button;
        }

        var token = row.GetAttribute("data-token");
        var menu = row.QuerySelector("[data-testid=row-menu] button") ?? throw new Xunit.Sdk.XunitException($"No {action} on {token}: no button, no menu");
        menu.Click();
        return board.WaitForElement($"[data-testid=row-menu-list][data-token={token}] [data-action={action}]");
    }


    [Fact]
    public async Task Rows_come_in_the_order_the_doctor_sees_them_with_the_desks_words_and_actions_by_status()
    {
        var doctor = await Desk.Doctor();
        var slot = await Desk.Slot(doctor.Id);
        await Desk.Issue("walkin", slot.Id);
        await Desk.Issue("book", slot.Id);
        await Desk.Issue("emergency", slot.Id);
        await Desk.Issue("priority", slot.Id);

        var board = Board(doctor.Id);

        board.WaitForAssertion(() => Assert.Equal(4, board.FindAll("[data-testid=queue] tr[data-token]").Count));
        var order = board.FindAll("[data-testid=queue] tr[data-token]").Select(r => r.GetAttribute("data-token")).ToList();
        Assert.Equal(["T003", "T004", "T002", "T001"], order);
        var booked = Row(board, "T002");
        Assert.Contains("Booked, not arrived", booked.TextContent);
        Assert.Contains("Online booking", booked.TextContent);
        Assert.NotNull(Action(board, booked, RowAction.CheckIn));
        Assert.NotNull(Action(board, booked, RowAction.NoShow));
        var waiting = Row(board, "T001");
        Assert.Contains("Waiting", waiting.TextContent);
        Assert.Null(waiting.QuerySelector($"button[data-action={RowAction.CheckIn}]"));
        Assert.Contains("Walk-in, arrived 08:00", waiting.TextContent);
        Assert.DoesNotContain("WalkIn", board.Markup);
        Assert.DoesNotContain("InConsultation", board.Markup);
    }

    [Fact]
    public async Task Each_row_offers_one_button_for_its_state_and_the_other_actions_in_a_menu_named_for_the_token()
    {
        var doctor = await Desk.Doctor();
        var slot = await Desk.Slot(doctor.Id);
        await Desk.Issue("book", slot.Id);
        await Desk.Issue("walkin", slot.Id);
        var absent = await Desk.Issue("book", slot.Id);
        await Desk.SetStatus(absent.Id, "NoShow");
        var board = Board(doctor.Id);
        board.WaitForElement("[data-testid=not-in-queue] tr[data-token=T003]");

        var primary = (string token) => Row(board, token).QuerySelectorAll("button[data-action]").Single();
        Assert.Equal([RowAction.CheckIn.ToString(), "Check in"], [primary("T001").GetAttribute("data-action")!, primary("T001").TextContent]);
        Assert.Equal(RowAction.Reprint.ToString(), primary("T002").GetAttribute("data-action"));
        Assert.Equal("Arrived late: re-admit", primary("T003").TextContent);
        Assert.Equal("More actions for T001", Row(board, "T001").QuerySelector("[data-testid=row-menu] button")!.GetAttribute("aria-label"));

        Row(board, "T001").QuerySelector("[data-testid=row-menu] button")!.Click();
        board.WaitForAssertion(() => Assert.Equal(
            [nameof(RowAction.NoShow), nameof(RowAction.Move), nameof(RowAction.Cancel), nameof(RowAction.Reprint), nameof(RowAction.History)],
            board.FindAll("[data-testid=row-menu-list][data-token=T001] [data-action]").Select(i => i.GetAttribute("data-action")!)));

        board.Find($"[data-testid=row-menu-list][data-token=T001] [data-action={RowAction.NoShow}]").Click();
        board.WaitForAssertion(() => Assert.Contains("Did not come", board.Find("[data-testid=not-in-queue] tr[data-token=T001]").TextContent));
        board.Find($"[data-testid=not-in-queue] tr[data-token=T001] button[data-action={RowAction.Readmit}]").Click();
        board.WaitForAssertion(() => Assert.Contains("Waiting", board.Find("[data-testid=queue] tr[data-token=T001]").TextContent));
    }

    [Fact]
    public async Task Seen_did_not_come_and_cancelled_are_listed_by_the_time_of_their_slot_then_of_issue()
    {
        var doctor = await Desk.Doctor();
        var late = await Desk.Slot(doctor.Id, "10:00", "11:00");
        var early = await Desk.Slot(doctor.Id, "09:00", "10:00");
        var first = await Desk.Issue("book", late.Id);
        var second = await Desk.Issue("book", early.Id);
        var third = await Desk.Issue("book", early.Id);
        await Desk.SetStatus(third.Id, "NoShow");
        await Desk.SetStatus(first.Id, "NoShow");
        await Desk.SetStatus(second.Id, "NoShow");
        var board = Board(doctor.Id);

        board.WaitForAssertion(() => Assert.Equal(
            [second.TokenNumber, third.TokenNumber, first.TokenNumber],
            board.FindAll("[data-testid=not-in-queue] tr[data-token]").Select(r => r.GetAttribute("data-token"))));
    }

    [Fact]
    public async Task A_cancel_needs_a_reason_and_the_reason_shows_on_the_board()
    {
        var doctor = await Desk.Doctor();
        var slot = await Desk.Slot(doctor.Id);
        var token = await Desk.Issue("walkin", slot.Id);
        var board = Board(doctor.Id);
        board.WaitForElement("[data-testid=queue] tr[data-token=T001]");

        Action(board, Row(board, "T001"), RowAction.Cancel).Click();
        var confirm = Dialogs.WaitForElement("[data-testid=confirm-cancel]");
        confirm.Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("A reason is required", Dialogs.Markup));
        Assert.Equal("Waiting", (await Desk.Token(token.Id)).Status.ToString());

        Dialogs.Find("input[data-testid=cancel-reason]").Input("Patient left");
        Dialogs.Find("[data-testid=confirm-cancel]").Click();

        board.WaitForAssertion(() => Assert.Contains("Patient left", board.Find("[data-testid=not-in-queue] tr[data-token=T001]").TextContent));
        Assert.Equal("Patient left", (await Desk.Token(token.Id)).CancellationReason);
    }

    [Fact]
    public async Task Reallocation_shows_who_moves_where_with_both_estimates_and_changes_nothing_until_confirmed()
    {
        // Issue 6: only a delayed or cancelled slot is reallocated, each patient to where they are seen earliest.
        var specialization = $"Realloc {Guid.NewGuid():N}";
        var doctor = await Desk.Doctor(specialization: specialization, name: "Dr. Realloc");
        var colleague = await Desk.Doctor(specialization: specialization, name: "Dr. Colleague");
        var early = await Desk.Slot(doctor.Id, "09:00", "10:00", capacity: 3);
        var later = await Desk.Slot(colleague.Id, "09:00", "10:00", capacity: 1);
        await Desk.Issue("walkin", early.Id, name: "First Patient");
        await Desk.Issue("walkin", early.Id, name: "Second Patient");
        await Desk.Client.PatchAsync($"/api/slots/{early.Id}/delay?delay_minutes=120", null);
        var board = Board(doctor.Id);
        board.WaitForElement("[data-testid=queue] tr[data-token=T002]");

        board.FindAll("[data-testid=board-slot]")[0].QuerySelectorAll("button").Single(b => b.TextContent.Contains("Reallocate")).Click();

        Dialogs.WaitForAssertion(() => Assert.Single(Dialogs.FindAll("[data-testid=preview-move]")));
        var move = Dialogs.Find("[data-testid=preview-move]").TextContent;
        Assert.Contains("First Patient", move);
        Assert.Contains("11:00", move);
        Assert.Contains("Dr. Colleague, 09:00 slot", move);
        Assert.Contains("Second Patient", Dialogs.Find("[data-testid=preview-unplaced]").TextContent);
        Assert.Equal(2, (await Desk.Queue(early.Id)).Tokens.Count);

        Dialogs.Find("[data-testid=confirm-slot]").Click();

        board.WaitForAssertion(() => Assert.Contains("1 patient(s) moved", board.Find("[data-testid=board-notice]").TextContent));
        Assert.Single((await Desk.Queue(later.Id)).Tokens);
        Assert.Single((await Desk.Queue(early.Id)).Tokens);
    }

    [Fact]
    public async Task Cancelling_an_open_slot_previews_where_its_patients_go_and_the_notice_names_their_new_labels()
    {
        // The desk's preview planned a reallocation of the slot as it stood (open) and said it could not be done.
        var specialization = $"Cancel {Guid.NewGuid():N}";
        var doctor = await Desk.Doctor(specialization: specialization, name: "Dr. Leaving");
        var colleague = await Desk.Doctor(specialization: specialization, name: "Dr. Staying");
        var slot = await Desk.Slot(doctor.Id, "09:00", "10:00", capacity: 3);
        var colleagues = await Desk.Slot(colleague.Id, "09:00", "10:00", capacity: 3);
        await Desk.Issue("walkin", colleagues.Id, name: "Already There");
        await Desk.Issue("walkin", slot.Id, name: "Moving Patient");
        var board = Board(doctor.Id);
        board.WaitForElement("[data-testid=queue] tr[data-token=T001]");

        board.FindAll("[data-testid=board-slot]")[0].QuerySelectorAll("button").Single(b => b.TextContent.Contains("Cancel slot")).Click();

        Dialogs.WaitForAssertion(() => Assert.Contains("Moving Patient", Dialogs.Find("[data-testid=preview-move]").TextContent));
        Assert.Empty(Dialogs.FindAll("[data-testid=dialog-problem]"));
        Dialogs.Find("input[data-testid=slot-cancel-reason]").Input("Doctor called away");
        Dialogs.Find("[data-testid=confirm-slot]").Click();

        board.WaitForAssertion(() => Assert.Contains("T001 → Dr. Staying 09:00 as T002 (reprint the slip)", board.Find("[data-testid=board-notice]").TextContent));
        Assert.Equal(2, (await Desk.Queue(colleagues.Id)).Tokens.Count);
        Assert.Equal(OpdReception.Domain.SlotStatus.Cancelled, (await Desk.GetSlot(slot.Id)).Status);
    }

    [Fact]
    public async Task Reallocate_is_offered_only_on_a_delayed_slot_and_move_them_is_disabled_when_nobody_would_move()
    {
        var doctor = await Desk.Doctor(specialization: $"Alone {Guid.NewGuid():N}");
        var open = await Desk.Slot(doctor.Id, "09:00", "10:00");
        var delayed = await Desk.Slot(doctor.Id, "10:00", "11:00");
        await Desk.Issue("walkin", open.Id, name: "Stays Put");
        await Desk.Issue("walkin", delayed.Id, name: "Nowhere To Go");
        await Desk.Client.PatchAsync($"/api/slots/{delayed.Id}/delay?delay_minutes=30", null);
        var board = Board(doctor.Id);
        board.WaitForElement("[data-testid=queue] tr[data-token=T002]");

        string[] Buttons(int i) => board.FindAll("[data-testid=board-slot]")[i].QuerySelectorAll("button").Select(b => b.TextContent.Trim()).ToArray();
        Assert.DoesNotContain("Reallocate…", Buttons(0));
        Assert.Contains("Reallocate…", Buttons(1));
        board.FindAll("[data-testid=board-slot]")[1].QuerySelectorAll("button").Single(b => b.TextContent.Contains("Reallocate")).Click();

        Dialogs.WaitForAssertion(() => Assert.Contains("Nowhere To Go", Dialogs.Find("[data-testid=preview-unplaced]").TextContent));
        Assert.True(Dialogs.Find("[data-testid=confirm-slot]").HasAttribute("disabled"));
        Assert.Single((await Desk.Queue(delayed.Id)).Tokens);
    }

    [Fact]
    public async Task Moving_a_patient_shows_the_new_estimate_before_confirming()
    {
        var doctor = await Desk.Doctor();
        var early = await Desk.Slot(doctor.Id, "09:00", "10:00");
        var later = await Desk.Slot(doctor.Id, "10:00", "11:00");
        await Desk.Issue("walkin", later.Id);
        await Desk.Issue("walkin", early.Id, name: "Mover Person");
        var board = Board(doctor.Id);
        board.WaitForElement("[data-testid=queue] tr[data-token=T001]");
        var row = board.FindAll("[data-testid=queue] tr[data-token]").Single(r => r.TextContent.Contains("Mover Person"));

        Action(board, row, RowAction.Move).Click();

        Dialogs.WaitForAssertion(() => Assert.Contains("10:10", Dialogs.Find("[data-testid=preview-move]").TextContent));
        Assert.Contains("T002", Dialogs.Find("[data-testid=preview-move]").TextContent);
        Assert.Single((await Desk.Queue(early.Id)).Tokens);
        Dialogs.Find("[data-testid=confirm-move]").Click();

        // Within the doctor's day the patient keeps the label on their slip.
        board.WaitForAssertion(() => Assert.Contains("keeps T002", board.Find("[data-testid=board-notice]").TextContent));
        Assert.Empty((await Desk.Queue(early.Id)).Tokens);
        Assert.Equal(2, (await Desk.Queue(later.Id)).Tokens.Count);
    }

    [Fact]
    public async Task A_token_issued_elsewhere_appears_on_the_open_board_without_reload()
    {
        var doctor = await Desk.Doctor();
        var slot = await Desk.Slot(doctor.Id);
        var board = Board(doctor.Id);
        board.WaitForElement("[data-testid=queue]");

        await Desk.Issue("emergency", slot.Id);

        board.WaitForElement("[data-testid=queue] tr[data-token=T001]");
        Assert.Contains("Emergency", Row(board, "T001").TextContent);
    }

    [Fact]
    public async Task A_patient_who_did_not_come_can_be_readmitted_and_history_lists_every_step()
    {
        var doctor = await Desk.Doctor();
        var slot = await Desk.Slot(doctor.Id);
        var token = await Desk.Issue("book", slot.Id);
        await Desk.SetStatus(token.Id, "NoShow");
        var board = Board(doctor.Id);
        var row = board.WaitForElement("[data-testid=not-in-queue] tr[data-token=T001]");
        Assert.Contains("Did not come", row.TextContent);

        Action(board, row, RowAction.Readmit).Click();

        board.WaitForAssertion(() => Assert.Contains("Waiting", board.Find("[data-testid=queue] tr[data-token=T001]").TextContent));
        Action(board, Row(board, "T001"), RowAction.History).Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("Arrived late", Dialogs.Find("[data-testid=history-dialog]").TextContent));
        var history = Dialogs.Find("[data-testid=history-dialog]").TextContent;
        Assert.Contains("Issued", history);
        Assert.Contains("Marked as did not come", history);
    }

    [Fact]
    public async Task Another_days_booked_row_leads_with_reprint_and_offers_no_check_in()
    {
        var tomorrow = OpdApp.Day.AddDays(1);
        var doctor = await Desk.Doctor();
        var slot = await Desk.Slot(doctor.Id, date: tomorrow);
        await Desk.Issue("book", slot.Id);

        var board = BoardOn(this, doctor.Id, tomorrow);
        var row = board.WaitForElement("tr[data-token=T001]");

        Assert.Equal(nameof(RowAction.Reprint), row.QuerySelector("[data-testid=row-primary]")!.GetAttribute("data-action"));
        row.QuerySelector("[data-testid=row-menu] button")!.Click();
        var menu = board.WaitForElement("[data-testid=row-menu-list][data-token=T001]");
        Assert.Equal([nameof(RowAction.NoShow), nameof(RowAction.Move), nameof(RowAction.Cancel), nameof(RowAction.History)],
            menu.QuerySelectorAll("[data-action]").Select(a => a.GetAttribute("data-action")));
    }
}

/// <summary>This board hears no change notifications, so it still shows the old state when another desk acts.</summary>
public sealed class StaleBoardTests(OpdApp app) : DeskContext(app, new OpdChanges())
{
    [Fact]
    public async Task A_second_receptionist_is_told_the_token_was_changed_by_someone_else()
    {
        var doctor = await Desk.Doctor();
        var slot = await Desk.Slot(doctor.Id);
        var token = await Desk.Issue("book", slot.Id);
        var board = BoardTests.Board(this, doctor.Id);
        board.WaitForElement("[data-testid=queue] tr[data-token=T001]");
        await Desk.Client.PostAsync($"/api/tokens/{token.Id}/check-in", null, Xunit.TestContext.Current.CancellationToken);

        BoardTests.Action(board, BoardTests.Row(board, "T001"), RowAction.NoShow).Click();

        board.WaitForAssertion(() => Assert.Contains("already changed by someone else: now Waiting", board.Find("[data-testid=board-notice]").TextContent));
        Assert.Equal("Waiting", (await Desk.Token(token.Id)).Status.ToString());
        board.WaitForAssertion(() => Assert.Contains("Waiting", BoardTests.Row(board, "T001").TextContent));
    }
}

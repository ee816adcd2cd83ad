using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using OpdReception.Components.Pages.Reception;
using OpdReception.Components.Shared;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Components.Reception;

public sealed class BoardShortcutTests(OpdApp app) : DeskContext(app)
{
    private async Task<(IRenderedComponent<Board> Board, IRenderedComponent<DeskShortcuts> Keys, int DoctorId)> BoardWithThreeAsync()
    {
        var doctor = await Desk.Doctor();
        var slot = await Desk.Slot(doctor.Id);
        await Desk.Issue("walkin", slot.Id, name: "Meera Iyer");
        await Desk.Issue("walkin", slot.Id, name: "Rahul Das");
        await Desk.Issue("walkin", slot.Id, name: "Sunita Rao");
        var board = BoardTests.Board(this, doctor.Id);
        board.WaitForAssertion(() => Assert.Equal(3, board.FindAll("[data-testid=queue] tr[data-token]").Count));
        return (board, board.FindComponent<DeskShortcuts>(), doctor.Id);
    }

    [Fact]
    public async Task The_question_mark_opens_a_cheat_sheet_of_the_boards_own_shortcuts()
    {
        var (board, keys, _) = await BoardWithThreeAsync();

        await keys.InvokeAsync(() => keys.Instance.OnShortcut("?"));

        board.WaitForAssertion(() => Assert.True(keys.Instance.CheatSheetOpen));
        var sheet = Dialogs.WaitForElement("[data-testid=cheat-sheet]").TextContent;
        Assert.Contains("N or Alt+N", sheet);
        Assert.Contains("Issue a token for this doctor", sheet);
        Assert.Contains("/ or Alt+S", sheet);
        Assert.Contains("Find a patient in this queue", sheet);
        Assert.Contains("Back to reception", sheet);
        Assert.DoesNotContain("Print the slip", sheet);
    }

    [Fact]
    public async Task The_shortcuts_button_in_the_header_opens_the_same_cheat_sheet()
    {
        var (board, keys, _) = await BoardWithThreeAsync();

        board.Find("button[aria-label='Keyboard shortcuts']").Click();

        board.WaitForAssertion(() => Assert.True(keys.Instance.CheatSheetOpen));
    }

    [Fact]
    public async Task N_opens_the_issuing_form_for_this_doctor_and_B_goes_back_to_reception()
    {
        var (_, keys, doctorId) = await BoardWithThreeAsync();
        var navigation = Services.GetRequiredService<NavigationManager>();

        await keys.InvokeAsync(() => keys.Instance.OnShortcut("N"));
        Assert.EndsWith($"/reception?doctor={doctorId}", navigation.Uri);

        await keys.InvokeAsync(() => keys.Instance.OnShortcut("Alt+B"));
        Assert.EndsWith("/reception", navigation.Uri);
    }

    [Fact]
    public async Task Slash_focuses_the_find_box_and_typing_keeps_only_the_matching_rows()
    {
        var (board, keys, _) = await BoardWithThreeAsync();

        // The browser's key listener moves the cursor itself, so no letter typed after "/" is lost: it is told where.
        var listen = JSInterop.Invocations.Last(i => i.Identifier == "listen" && i.Arguments.Count == 3);
        var fields = Assert.IsType<Dictionary<string, string>>(listen.Arguments[2]);
        Assert.Single(board.FindAll(fields["/"]));
        Assert.Equal(fields["/"], fields["Alt+S"]);
        await keys.InvokeAsync(() => keys.Instance.OnShortcut("/"));

        board.Find("input[data-testid=board-search]").Input("rahul");
        board.WaitForAssertion(() => Assert.Equal(["T002"], board.FindAll("[data-testid=queue] tr[data-token]").Select(r => r.GetAttribute("data-token"))));

        board.Find("input[data-testid=board-search]").Input("T003");
        board.WaitForAssertion(() => Assert.Equal(["T003"], board.FindAll("[data-testid=queue] tr[data-token]").Select(r => r.GetAttribute("data-token"))));

        board.Find("input[data-testid=board-search]").Input("nobody");
        board.WaitForAssertion(() => Assert.Contains("No one in the queue matches “nobody”.", board.Find("[data-testid=queue]").TextContent));
    }
}

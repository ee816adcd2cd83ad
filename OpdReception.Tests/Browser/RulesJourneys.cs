using Microsoft.Playwright;
using OpdReception.Security;
using OpdReception.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace OpdReception.Tests.Browser;

/// <summary>Actions only where they work, at a real Chromium: the desk's cancel-slot preview, and the console's not-here then call-next.</summary>
public sealed class RulesJourneys(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private readonly Desk _desk = new(browser.App.CreateClient());

    [Fact]
    public async Task Cancel_slot_at_the_desk_previews_the_moves_and_confirming_does_what_it_showed()
    {
        browser.App.SetTime(8);
        var specialization = $"Preview {Guid.NewGuid():N}";
        var doctor = await _desk.Doctor(specialization: specialization, name: "Dr. Called Away");
        var colleague = await _desk.Doctor(specialization: specialization, name: "Dr. Covering");
        var slot = await _desk.Slot(doctor.Id, "09:00", "10:00");
        var covering = await _desk.Slot(colleague.Id, "09:00", "10:00");
        await _desk.Issue("walkin", slot.Id, name: "Kamala Preview");
        var page = await browser.SignInAsync(Roles.Receptionist);
        await page.GotoAsync($"/reception/board/{doctor.Id}");
        await BrowserApp.WaitForInteractiveAsync(page);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Reallocate… 09:00 slot" })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel slot… 09:00 slot" }).ClickAsync();

        var move = page.GetByTestId("preview-move");
        await Expect(move).ToContainTextAsync("Kamala Preview");
        await Expect(move).ToContainTextAsync("Dr. Covering, 09:00 slot");
        await Expect(page.GetByTestId("dialog-problem")).ToHaveCountAsync(0);
        Assert.Empty((await _desk.Queue(covering.Id)).Tokens);
        await page.GetByTestId("slot-cancel-reason").FillAsync("Doctor called to theatre");
        await page.GetByTestId("confirm-slot").ClickAsync();

        await Expect(page.GetByTestId("board-notice")).ToContainTextAsync("T001 → Dr. Covering 09:00");
        Assert.Single((await _desk.Queue(covering.Id)).Tokens);
        Assert.Equal(OpdReception.Domain.SlotStatus.Cancelled, (await _desk.GetSlot(slot.Id)).Status);
    }

    [Fact]
    public async Task Not_here_then_call_next_on_the_console_calls_the_patient_who_is_present()
    {
        browser.App.SetTime(8);
        var doctor = await _desk.Doctor(name: $"Dr. {Guid.NewGuid():N}"[..10]);
        var slot = await _desk.Slot(doctor.Id, "09:00", "10:00");
        await _desk.Issue("priority", slot.Id, name: "Absent Arjun");
        await _desk.Issue("walkin", slot.Id, name: "Present Padma");
        browser.App.SetTime(9);
        var console = await browser.SignInAsync(Roles.Doctor, doctor.Id);
        await console.GetByTestId("keys-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await console.GetByTestId("call-next").ClickAsync();
        await Expect(console.GetByTestId("now-token")).ToHaveTextAsync("T001");
        await console.GetByTestId("not-here").ClickAsync();
        await Expect(console.GetByTestId("now-nobody")).ToBeVisibleAsync();
        await console.GetByTestId("call-next").ClickAsync();

        await Expect(console.GetByTestId("now-token")).ToHaveTextAsync("T002");
        await Expect(console.GetByTestId("now-name")).ToContainTextAsync("Present Padma");
        Assert.Equal(OpdReception.Domain.TokenStatus.Waiting, (await _desk.Queue(slot.Id)).Tokens.Single(t => t.TokenNumber == "T001").Status);

        // Nobody present is left: Call next waits; the absent patient is the doctor's to Recall.
        await console.GetByTestId("complete").ClickAsync();
        await Expect(console.GetByTestId("now-nobody")).ToBeVisibleAsync();
        await Expect(console.GetByTestId("call-next")).ToBeDisabledAsync();
    }
}

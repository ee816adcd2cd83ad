using Microsoft.Playwright;
using OpdReception.Security;
using OpdReception.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace OpdReception.Tests.Browser;

/// <summary>The board as a counter tool: the first patient's action within a few key presses, the rest in a row menu.</summary>
public sealed class BoardKeyboardJourneys(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private readonly Desk _desk = new(browser.App.CreateClient());

    private async Task<IPage> BoardAsync(int doctorId)
    {
        var page = await browser.SignInAsync(Roles.Receptionist);
        await page.GotoAsync($"/reception/board/{doctorId}");
        await BrowserApp.WaitForInteractiveAsync(page);
        await Expect(page.Locator("[data-testid=queue] tr[data-token]").First).ToBeVisibleAsync();
        return page;
    }

    private static Task<string> FocusedAsync(IPage page) =>
        page.EvaluateAsync<string>("() => (document.activeElement?.getAttribute('aria-label') || document.activeElement?.textContent || '').trim()");

    [Fact]
    public async Task From_the_top_of_the_board_the_first_patients_check_in_is_at_most_five_tab_presses_away_and_checks_in()
    {
        browser.App.SetTime(8);
        var doctor = await _desk.Doctor(name: "Dr. Keyboard");
        // Two slots: each adds its own buttons between the heading and the queue.
        var slot = await _desk.Slot(doctor.Id, "09:00", "10:00");
        await _desk.Slot(doctor.Id, "10:00", "11:00");
        var booked = await _desk.Issue("book", slot.Id, name: "Kavya Keys");
        var page = await BoardAsync(doctor.Id);
        var target = $"Check in {booked.TokenNumber}";

        var tabs = 0;
        while (tabs < 5 && await FocusedAsync(page) != target)
        {
            await page.Keyboard.PressAsync("Tab");
            tabs++;
            if (await FocusedAsync(page) == "Skip to patients")
            {
                await page.Keyboard.PressAsync("Enter");
                // The skip moves the cursor in a round trip to the server; a person's next Tab comes after it.
                await page.WaitForFunctionAsync("() => (document.activeElement?.innerText ?? '').trim() !== 'Skip to patients'");
            }
        }

        Assert.Equal(target, await FocusedAsync(page));
        Xunit.TestContext.Current.SendDiagnosticMessage($"Tab presses from the top of the board to the first patient's action: {tabs}");
        var button = page.GetByRole(AriaRole.Button, new() { Name = target });
        var height = (await button.BoundingBoxAsync())!.Height;
        Assert.True(height >= 32, $"The row's action is {height}px high.");

        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator($"[data-testid=queue] tr[data-token={booked.TokenNumber}] [data-testid=row-status]")).ToHaveTextAsync("Waiting");
        Assert.Equal("Waiting", (await _desk.Token(booked.Id)).Status.ToString());
    }

    [Fact]
    public async Task The_row_menu_is_named_for_its_token_works_from_the_keyboard_and_its_did_not_come_marks_the_patient_absent()
    {
        browser.App.SetTime(8);
        var doctor = await _desk.Doctor(name: "Dr. Menu");
        var slot = await _desk.Slot(doctor.Id, "09:00", "10:00");
        var booked = await _desk.Issue("book", slot.Id, name: "Manoj Menu");
        var page = await BoardAsync(doctor.Id);

        var more = page.GetByRole(AriaRole.Button, new() { Name = $"More actions for {booked.TokenNumber}" });
        var first = page.GetByRole(AriaRole.Menuitem, new() { Name = "Did not come" });
        await more.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(first).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(first).ToHaveCountAsync(0);
        await Expect(more).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("Enter");
        await Expect(first).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("End");
        await Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = "History" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(first).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator($"[data-testid=not-in-queue] tr[data-token={booked.TokenNumber}]")).ToContainTextAsync("Did not come");
        Assert.Equal("NoShow", (await _desk.Token(booked.Id)).Status.ToString());
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Arrived late: re-admit {booked.TokenNumber}" })).ToBeVisibleAsync();
    }
}

using Microsoft.Playwright;
using OpdReception.Security;
using OpdReception.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace OpdReception.Tests.Browser;

/// <summary>
/// A tester pressed "/" or N and typed at once: the first letters were lost while the server moved the cursor, and
/// "ra" left of "sara" picked Dr. Rao. The browser now moves the cursor itself, so every letter lands in the field.
/// </summary>
public sealed class ShortcutTypingJourneys(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private const int Tries = 10;
    private readonly Desk _desk = new(browser.App.CreateClient());

    [Fact]
    public async Task Slash_then_a_name_typed_at_once_keeps_every_letter_in_the_desk_search()
    {
        var page = await DeskAsync();
        var search = page.Locator("input[data-testid=patient-search]");
        for (var attempt = 1; attempt <= Tries; attempt++)
        {
            await search.FillAsync("");
            await page.Locator("h1").First.ClickAsync();
            await page.Keyboard.PressAsync("/");
            await page.Keyboard.TypeAsync("Rohini", new() { Delay = 30 });
            await Expect(search).ToHaveValueAsync("Rohini");
        }
    }

    [Fact]
    public async Task N_then_a_doctors_name_typed_at_once_and_Enter_picks_that_doctor()
    {
        await _desk.Slot((await _desk.Doctor("Cardiology", name: "Dr. Anita Rao")).Id, "09:00", "13:00", capacity: 50);
        await _desk.Slot((await _desk.Doctor("Paediatrics", name: "Dr. Sara Khan")).Id, "09:00", "13:00", capacity: 50);
        var page = await DeskAsync();
        await page.Locator("[data-picker-ready] input[data-testid=doctor]").WaitForAsync();
        var doctor = page.Locator("input[data-testid=doctor]");
        for (var attempt = 1; attempt <= Tries; attempt++)
        {
            await doctor.FillAsync("");
            await page.Locator("h1").First.ClickAsync();
            await page.Keyboard.PressAsync("n");
            await page.Keyboard.TypeAsync("sara", new() { Delay = 30 });
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.GetByTestId("chosen-doctor")).ToContainTextAsync("Dr. Sara Khan");
            await Expect(doctor).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("Sara Khan"));
        }
    }

    private async Task<IPage> DeskAsync()
    {
        var page = await browser.SignInAsync(Roles.Receptionist);
        await page.GotoAsync("/reception");
        await BrowserApp.WaitForInteractiveAsync(page);
        await page.GetByTestId("keys-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        return page;
    }
}

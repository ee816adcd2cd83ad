using Microsoft.Playwright;
using OpdReception.Security;
using OpdReception.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace OpdReception.Tests.Browser;

/// <summary>Sixty open boards, one issued token: every board shows it, without polling. The time is reported, not asserted.</summary>
public sealed class LiveBoardsJourney(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private const int Boards = 60;

    [Fact]
    public async Task An_issued_token_shows_on_sixty_open_boards()
    {
        var desk = new Desk(browser.App.CreateClient());
        var doctor = await desk.Doctor();
        var slot = await desk.Slot(doctor.Id, "09:00", "10:00");
        var first = await browser.SignInAsync(Roles.Receptionist);
        var pages = new List<IPage> { first };
        for (var i = 1; i < Boards; i++)
        {
            pages.Add(await first.Context.NewPageAsync());
        }

        foreach (var page in pages)
        {
            await page.GotoAsync($"/reception/board/{doctor.Id}");
            await BrowserApp.WaitForInteractiveAsync(page);
            await Expect(page.GetByTestId("queue")).ToBeVisibleAsync();
        }

        // Each board notes when the row appears, by its own clock, so waiting on sixty pages one by one adds nothing.
        foreach (var page in pages)
        {
            await page.EvaluateAsync("""
                () => new MutationObserver((_, observer) => {
                    if (document.querySelector('[data-testid=queue] tr[data-token=T001]')) {
                        window.__seenAt = performance.timeOrigin + performance.now();
                        observer.disconnect();
                    }
                }).observe(document.body, { childList: true, subtree: true })
                """);
        }

        var before = await first.EvaluateAsync<double>("() => performance.timeOrigin + performance.now()");
        await desk.Issue("walkin", slot.Id);

        var delays = new List<double>();
        foreach (var page in pages)
        {
            await Expect(page.Locator("[data-testid=queue] tr[data-token=T001]")).ToBeVisibleAsync();
            delays.Add(await page.EvaluateAsync<double>("() => window.__seenAt") - before);
        }

        delays.Sort();
        Assert.Equal(Boards, delays.Count);
        Xunit.TestContext.Current.SendDiagnosticMessage(
            $"{Boards} boards: issued token visible after median {delays[Boards / 2]:F0} ms, slowest {delays[^1]:F0} ms (includes the API call)");
        foreach (var page in pages.Skip(1))
        {
            await page.CloseAsync();
        }
    }
}

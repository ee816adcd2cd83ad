using Microsoft.Playwright;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Browser;

/// <summary>A browser of its own, because this journey takes its network away.</summary>
public sealed class DisplayConnectionJourney(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_display_says_connection_lost_with_its_last_update_when_the_network_drops()
    {
        var desk = new Desk(browser.App.CreateClient());
        browser.App.SetTime(8);
        var doctor = await desk.Doctor();
        await desk.Slot(doctor.Id, "09:00", "10:00");
        browser.App.SetTime(9, 5);
        var display = await browser.NewPageAsync();
        await display.GotoAsync("/display");
        await BrowserApp.WaitForInteractiveAsync(display);
        await Assertions.Expect(display.GetByTestId("clock")).ToHaveTextAsync("09:05");
        await Assertions.Expect(display.GetByTestId("connection-lost")).ToBeHiddenAsync();

        // The network going away, as when the TV's cable is pulled: a stopping test server keeps its live
        // connections open for as long as its graceful shutdown lasts. Blazor notices a silent network by its
        // keep-alive, within about 30 s.
        await display.Context.SetOfflineAsync(true);

        await Assertions.Expect(display.GetByTestId("connection-lost")).ToBeVisibleAsync(new() { Timeout = 90_000 });
        await Assertions.Expect(display.GetByTestId("connection-lost")).ToContainTextAsync("Connection lost — last update 09:05");
        await Assertions.Expect(display.GetByTestId("now-called").First).ToBeVisibleAsync();
    }
}

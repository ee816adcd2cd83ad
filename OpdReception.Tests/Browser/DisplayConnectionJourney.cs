using Microsoft.Playwright;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Browser;

public sealed class DisplayConnectionJourney(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_display_says_connection_lost_with_its_last_update_when_the_network_drops_and_clears_it_when_it_returns()
    {
        var desk = new Desk(browser.App.CreateClient());
        browser.App.SetTime(8);
        var doctor = await desk.Doctor();
        await desk.Slot(doctor.Id, "09:00", "10:00");
        browser.App.SetTime(9, 5);
        await using var cable = new NetworkCable(browser.Address);
        var display = await browser.NewPageAsync(via: cable.Address);
        await display.GotoAsync("/display");
        await BrowserApp.WaitForInteractiveAsync(display);
        await Assertions.Expect(display.GetByTestId("clock")).ToHaveTextAsync("09:05");
        await Assertions.Expect(display.GetByTestId("connection-lost")).ToBeHiddenAsync();
        await Assertions.Expect(display.GetByTestId("connection-lost")).ToHaveAttributeAsync("data-watching", "");

        cable.Unplug();

        await Assertions.Expect(display.GetByTestId("connection-lost")).ToBeVisibleAsync();
        await Assertions.Expect(display.GetByTestId("connection-lost")).ToContainTextAsync("Connection lost — last update 09:05");
        await Assertions.Expect(display.GetByTestId("now-called").First).ToBeVisibleAsync();

        cable.PlugIn();

        await Assertions.Expect(display.GetByTestId("connection-lost")).ToBeHiddenAsync(new() { Timeout = 90_000 });
        await Assertions.Expect(display.GetByTestId("clock")).ToHaveTextAsync("09:05");
    }
}

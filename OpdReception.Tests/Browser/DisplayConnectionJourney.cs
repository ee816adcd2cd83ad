using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Browser;

/// <summary>A server of its own, because this journey stops it.</summary>
public sealed class DisplayConnectionJourney(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_display_says_connection_lost_with_its_last_update_when_the_server_stops()
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

        browser.App.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        // The server closes its live connections only as its shutdown gets to them; on a loaded machine that takes a while.
        await Assertions.Expect(display.GetByTestId("connection-lost")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(display.GetByTestId("connection-lost")).ToContainTextAsync("Connection lost — last update 09:05");
        await Assertions.Expect(display.GetByTestId("now-called").First).ToBeVisibleAsync();
    }
}

using Microsoft.Extensions.DependencyInjection;
using OpdReception.Security;
using OpdReception.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace OpdReception.Tests.Browser;

/// <summary>A shared desk signs out in one tab: its other tab must not keep showing patients until someone reloads it.</summary>
public sealed class SessionJourneys(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private const string Patient = "Kamala Sessionwati";

    [Fact]
    public async Task Signing_out_in_one_tab_takes_the_other_tab_to_sign_in_with_no_patient_left()
    {
        var desk = new Desk(browser.App.CreateClient());
        var doctor = await desk.Doctor();
        var slot = await desk.Slot(doctor.Id, "09:00", "10:00");
        await desk.Issue("walkin", slot.Id, name: Patient);
        // Its own account, so no other journey of this fixture loses its session.
        var email = $"two-tabs-{Guid.NewGuid():N}@test.opd";
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OpdAccounts>().CreateAsync(email, "Two Tabs", OpdApp.Password, [Roles.Receptionist]);
        }

        var first = await browser.NewPageAsync();
        await first.GotoAsync("/signin");
        await BrowserApp.SignInOnPageAsync(first, email, OpdApp.Password);
        var second = await first.Context.NewPageAsync();
        foreach (var tab in new[] { first, second })
        {
            await tab.GotoAsync($"/reception/board/{doctor.Id}");
            await BrowserApp.WaitForInteractiveAsync(tab);
            await Expect(tab.GetByText(Patient)).ToBeVisibleAsync();
        }

        await first.GetByTestId("sign-out").ClickAsync();

        // The end is pushed to the other tab's circuit; 5 s is the promise, not a measurement.
        await second.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/signin", new() { Timeout = 5_000 });
        await Expect(second.GetByLabel("Email")).ToBeVisibleAsync();
        // Asked through a locator: the sign-in page may still be reloading once more, and a snapshot of it then fails to read.
        await Expect(second.Locator("html")).Not.ToContainTextAsync(Patient);
        await BrowserApp.GotoAfterEndAsync(second, $"/reception/board/{doctor.Id}");
        Assert.StartsWith("/signin", BrowserApp.PathOf(second), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_out_everywhere_from_the_account_menu_closes_the_desk_on_another_computer()
    {
        var desk = new Desk(browser.App.CreateClient());
        var doctor = await desk.Doctor();
        var email = $"two-desks-{Guid.NewGuid():N}@test.opd";
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OpdAccounts>().CreateAsync(email, "Two Desks", OpdApp.Password, [Roles.Receptionist]);
        }

        var here = await browser.NewPageAsync();
        var elsewhere = await browser.NewPageAsync();
        foreach (var computer in new[] { here, elsewhere })
        {
            await computer.GotoAsync("/signin");
            await BrowserApp.SignInOnPageAsync(computer, email, OpdApp.Password);
            await computer.GotoAsync($"/reception/board/{doctor.Id}");
            await BrowserApp.WaitForInteractiveAsync(computer);
        }

        await here.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "More sign-out choices" }).ClickAsync();
        await here.GetByTestId("sign-out-everywhere-me").ClickAsync();

        await here.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/signin");
        await elsewhere.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/signin", new() { Timeout = 5_000 });
        await BrowserApp.GotoAfterEndAsync(elsewhere, $"/reception/board/{doctor.Id}");
        Assert.StartsWith("/signin", BrowserApp.PathOf(elsewhere), StringComparison.Ordinal);
    }
}

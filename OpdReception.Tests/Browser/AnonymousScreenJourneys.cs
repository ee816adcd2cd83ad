using System.Net;
using Microsoft.Playwright;
using OpdReception.Security;
using OpdReception.Services;
using OpdReception.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace OpdReception.Tests.Browser;

/// <summary>The app with room for three anonymous screens per address, so the cap is reached with a few real pages.</summary>
public sealed class ThreeScreensApp : IAsyncLifetime
{
    public const int Limit = 3;

    public BrowserApp Browser { get; } = new(new OpdApp().With("Opd:MaxAnonymousScreensPerClient", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public ValueTask InitializeAsync() => Browser.InitializeAsync();

    public ValueTask DisposeAsync() => Browser.DisposeAsync();
}

/// <summary>
/// One machine opened a thousand waiting-room screens: each address now holds only so many displays open (a patient
/// page takes no place), counted by their live connections in Chromium. Every test closes what it opened, as the fixture is shared.
/// </summary>
public sealed class AnonymousScreenJourneys(ThreeScreensApp fixture) : IClassFixture<ThreeScreensApp>
{
    private readonly BrowserApp _browser = fixture.Browser;

    private int Held => _browser.App.Service<AnonymousScreens>().Held(IPAddress.Loopback);

    [Fact]
    public async Task Twenty_first_display_from_one_address_is_refused_with_a_clear_page_and_a_patient_page_takes_no_place()
    {
        var screens = await OpenAsync(ThreeScreensApp.Limit, withPatientPage: true);
        try
        {
            // Past the time a page's GET holds its place, the places held are the live connections themselves.
            _browser.App.Clock.Advance(AnonymousScreens.Unclaimed + TimeSpan.FromSeconds(1));
            Assert.Equal(ThreeScreensApp.Limit, Held);

            var extra = await _browser.NewPageAsync();
            var answer = await extra.GotoAsync("/display");

            Assert.Equal(429, answer!.Status);
            await Expect(extra.GetByTestId("too-many-screens")).ToHaveTextAsync(
                "Too many screens are open from this address (3). Close one, or ask the hospital's IT to raise Opd:MaxAnonymousScreensPerClient.");
            await extra.Context.CloseAsync();
        }
        finally
        {
            await CloseAsync(screens);
        }
    }

    [Fact]
    public async Task A_closed_display_frees_its_place()
    {
        var screens = await OpenAsync(ThreeScreensApp.Limit, withPatientPage: false);
        try
        {
            Assert.Equal(429, (await (await _browser.NewPageAsync()).GotoAsync("/display"))!.Status);

            await screens[0].Context.CloseAsync();
            await HeldBecomesAsync(ThreeScreensApp.Limit - 1);

            var again = await _browser.NewPageAsync();
            Assert.Equal(200, (await again.GotoAsync("/display"))!.Status);
            await BrowserApp.WaitForInteractiveAsync(again);
            await Expect(again.GetByTestId("display")).ToBeVisibleAsync();
            screens[0] = again;
        }
        finally
        {
            await CloseAsync(screens);
        }
    }

    [Fact]
    public async Task Staff_screens_are_not_counted()
    {
        var screens = await OpenAsync(ThreeScreensApp.Limit, withPatientPage: false);
        try
        {
            var desk = await _browser.SignInAsync(Roles.Receptionist);
            await desk.GotoAsync("/reception");
            await BrowserApp.WaitForInteractiveAsync(desk);
            await Expect(desk.GetByTestId("patient-name")).ToBeVisibleAsync();

            Assert.Equal(ThreeScreensApp.Limit, Held);
            screens.Add(desk);
        }
        finally
        {
            await CloseAsync(screens);
        }
    }

    private async Task<List<IPage>> OpenAsync(int displays, bool withPatientPage)
    {
        await HeldBecomesAsync(0);
        var pages = new List<IPage>();
        for (var i = 0; i < displays; i++)
        {
            var display = await _browser.NewPageAsync();
            Assert.Equal(200, (await display.GotoAsync("/display"))!.Status);
            await BrowserApp.WaitForInteractiveAsync(display);
            pages.Add(display);
        }

        if (withPatientPage)
        {
            var desk = new Desk(_browser.App.CreateClient());
            var doctor = await desk.Doctor();
            var slot = await desk.Slot(doctor.Id);
            var token = await desk.Issue("walkin", slot.Id);
            var code = (await _browser.App.Service<DeskService>().SlipAsync(token.Id, TestContext.Current.CancellationToken)).Value!.Code;
            var patient = await _browser.NewPageAsync();
            Assert.Equal(200, (await patient.GotoAsync($"/t/{code}"))!.Status);
            await BrowserApp.WaitForLivePatientPageAsync(patient);
            await Expect(patient.GetByTestId("token-number")).ToBeVisibleAsync();
            pages.Add(patient);
        }

        return pages;
    }

    private static async Task CloseAsync(IEnumerable<IPage> pages)
    {
        foreach (var page in pages)
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>A closed page's connection is noticed by the server a moment later; this waits for it, as a person would retry.</summary>
    private async Task HeldBecomesAsync(int count)
    {
        for (var tries = 0; Held != count && tries < 300; tries++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Equal(count, Held);
    }
}

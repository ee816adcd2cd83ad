using Microsoft.Playwright;
using OpdReception.Services;
using OpdReception.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace OpdReception.Tests.Browser;

/// <summary>The app with the patient page's fallback fetch every 5 s (the least allowed), so a journey without streams is short.</summary>
public sealed class QuickPollApp : IAsyncLifetime
{
    public BrowserApp Browser { get; } = new(new OpdApp().With("Opd:PatientPage:PollSeconds", "5"));

    public ValueTask InitializeAsync() => Browser.InitializeAsync();

    public ValueTask DisposeAsync() => Browser.DisposeAsync();
}

/// <summary>Where something on the way blocks event streams, the patient page follows its token by fetching its state instead.</summary>
public sealed class PatientPagePollingJourney(QuickPollApp fixture) : IClassFixture<QuickPollApp>
{
    private readonly BrowserApp _browser = fixture.Browser;

    [Fact]
    public async Task With_streams_blocked_the_page_fetches_its_state_and_still_shows_the_call()
    {
        var desk = new Desk(_browser.App.CreateClient());
        _browser.App.SetTime(8);
        var doctor = await desk.Doctor(name: "Dr. Poll");
        var slot = await desk.Slot(doctor.Id, "09:00", "10:00");
        var token = await desk.Issue("walkin", slot.Id);
        var code = (await _browser.App.Service<DeskService>().SlipAsync(token.Id, TestContext.Current.CancellationToken)).Value!.Code;
        var phone = await _browser.NewPageAsync();
        var fetches = 0;
        phone.Request += (_, r) =>
        {
            if (r.Url.EndsWith("/state", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref fetches);
            }
        };
        await phone.RouteAsync("**/events", route => route.AbortAsync());

        await phone.GotoAsync($"/t/{code}");
        await BrowserApp.WaitForLivePatientPageAsync(phone);
        await phone.EvaluateAsync("() => { window.sameDocument = true; }");
        await Expect(phone.GetByTestId("headline")).ToHaveTextAsync("You are next.");

        _browser.App.SetTime(9);
        (await desk.Client.PostAsync($"/api/slots/{slot.Id}/call-next", null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        await Expect(phone.GetByTestId("headline")).ToHaveTextAsync("Please go in now — Room 101", new() { Timeout = 20_000 });
        await Expect(phone.GetByTestId("connection")).ToHaveTextAsync("Updates by itself");
        Assert.True(await phone.EvaluateAsync<bool>("() => window.sameDocument === true"), "The page was loaded again.");
        Assert.True(fetches >= 2, $"The page fetched its state {fetches} times.");
    }
}

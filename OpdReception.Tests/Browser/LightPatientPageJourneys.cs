using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OpdReception.Data;
using OpdReception.Services;
using OpdReception.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace OpdReception.Tests.Browser;

/// <summary>The patient's page on a phone-sized Chromium: live without a circuit, back by itself after the network drops, and its two forms.</summary>
public sealed class LightPatientPageJourneys(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private readonly Desk _desk = new(browser.App.CreateClient());

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_call_arrives_without_a_circuit_or_a_reload_and_the_page_catches_up_after_the_network_returns()
    {
        var (slot, tokens, code) = await QueueAsync(3);
        await using var cable = new NetworkCable(browser.Address);
        var phone = await PhoneAsync(cable.Address);
        var sockets = 0;
        var framework = new ConcurrentBag<string>();
        phone.WebSocket += (_, _) => Interlocked.Increment(ref sockets);
        phone.Request += (_, r) =>
        {
            if (r.Url.Contains("blazor", StringComparison.OrdinalIgnoreCase) || r.Url.Contains("/_framework", StringComparison.Ordinal))
            {
                framework.Add(r.Url);
            }
        };

        await phone.GotoAsync($"/t/{code}");
        await BrowserApp.WaitForLivePatientPageAsync(phone);
        await phone.EvaluateAsync("() => { window.sameDocument = true; }");
        await Expect(phone.GetByTestId("headline")).ToHaveTextAsync("2 patients before you.");
        await Expect(phone.GetByTestId("connection")).ToHaveTextAsync("Updates by itself");

        browser.App.SetTime(9);
        await CallNextAsync(slot);
        await Expect(phone.GetByTestId("headline")).ToHaveTextAsync("1 patient before you.");

        // The network drops: the page says so and keeps what it last knew, while the queue moves on without it.
        cable.Unplug();
        await Expect(phone.Locator("html")).ToHaveAttributeAsync("data-live", "off");
        await Expect(phone.GetByTestId("connection")).ToHaveTextAsync("No connection. Showing what we last knew; it will catch up by itself.");
        await Expect(phone.GetByTestId("headline")).ToHaveTextAsync("1 patient before you.");
        foreach (var done in tokens.Take(2))
        {
            await _desk.SetStatus(done.Id, "Completed");
            await CallNextAsync(slot);
        }

        cable.PlugIn();

        await Expect(phone.GetByTestId("headline")).ToHaveTextAsync("Please go in now — Room 101", new() { Timeout = 60_000 });
        await Expect(phone.GetByTestId("state")).ToHaveClassAsync("state state-called");
        await Expect(phone.GetByTestId("estimate")).ToBeHiddenAsync();
        await Expect(phone.Locator("html")).ToHaveAttributeAsync("data-live", "on");
        Assert.True(await phone.EvaluateAsync<bool>("() => window.sameDocument === true"), "The page was loaded again to catch up.");
        Assert.Equal(0, sockets);
        Assert.Empty(framework);
    }

    [Fact]
    public async Task After_the_consultation_the_page_asks_how_the_visit_was_and_keeps_the_answer()
    {
        var (slot, tokens, code) = await QueueAsync(1);
        browser.App.SetTime(9);
        await CallNextAsync(slot);
        var phone = await PhoneAsync();
        await phone.GotoAsync($"/t/{code}");
        await BrowserApp.WaitForLivePatientPageAsync(phone);
        await Expect(phone.GetByTestId("headline")).ToHaveTextAsync("Please go in now — Room 101");
        await Expect(phone.GetByTestId("feedback")).ToHaveCountAsync(0);

        browser.App.SetTime(9, 12);
        await _desk.SetStatus(tokens[0].Id, "Completed");

        // The page brings the question in by itself once the visit is over.
        await Expect(phone.GetByTestId("headline")).ToHaveTextAsync("Seen. Thank you.");
        await Expect(phone.GetByRole(AriaRole.Group, new() { Name = "How was your visit?" })).ToBeVisibleAsync();
        await phone.GetByLabel("4 · Good").CheckAsync();
        await phone.GetByLabel("Anything to tell us? (optional)").FillAsync("Clear advice, short wait.");
        await phone.GetByTestId("feedback-send").ClickAsync();

        await Expect(phone.GetByTestId("feedback-thanks")).ToHaveTextAsync("Thank you for your answer: 4 of 5.");
        await Expect(phone.GetByTestId("feedback")).ToHaveCountAsync(0);
        await using var db = await browser.App.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(Ct);
        var stored = await db.Tokens.AsNoTracking().Where(t => t.Id == tokens[0].Id).Select(t => new { t.FeedbackScore, t.FeedbackComment }).SingleAsync(Ct);
        Assert.Equal((4, "Clear advice, short wait."), (stored.FeedbackScore, stored.FeedbackComment));
        Assert.Empty(await Axe.ViolationsAsync(phone));
    }

    [Fact]
    public async Task A_patient_who_reads_Hindi_gets_the_page_in_Hindi_on_a_390_by_844_phone_and_can_stop_messages()
    {
        var (_, tokens, code) = await QueueAsync(2);
        await using (var db = await browser.App.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(Ct))
        {
            await db.Patients.Where(p => p.Id == tokens[1].PatientId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Language, "hi"), Ct);
        }

        var phone = await PhoneAsync();
        await phone.GotoAsync($"/t/{code}");
        await BrowserApp.WaitForLivePatientPageAsync(phone);

        await Expect(phone.Locator("html")).ToHaveAttributeAsync("lang", "hi");
        await Expect(phone.GetByTestId("headline")).ToHaveTextAsync("आपसे पहले 1 मरीज़ है।");
        await Expect(phone.GetByTestId("connection")).ToHaveTextAsync("अपने आप अद्यतन होता है");
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "The page is wider than the phone.");
        var number = await phone.GetByTestId("token-number").EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");
        Assert.True(number >= 48, $"The token number is only {number}px high.");
        Assert.Empty(await Axe.ViolationsAsync(phone));

        await phone.GetByRole(AriaRole.Button, new() { Name = "संदेश बंद करें" }).ClickAsync();

        await Expect(phone.GetByRole(AriaRole.Button, new() { Name = "मुझे फिर से संदेश भेजें" })).ToBeVisibleAsync();
        await using var check = await browser.App.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(Ct);
        Assert.True(await check.Patients.Where(p => p.Id == tokens[1].PatientId).Select(p => p.MessagesOptOut).SingleAsync(Ct));
        Assert.Equal(PatientPageActions.StoppedWords, await check.PatientEvents.Where(e => e.PatientId == tokens[1].PatientId && e.By == PatientPageActions.By).Select(e => e.Details).SingleAsync(Ct));
    }

    private async Task<IPage> PhoneAsync(Uri? via = null)
    {
        var phone = await browser.NewPageAsync(via);
        await phone.SetViewportSizeAsync(390, 844);
        return phone;
    }

    /// <summary>A doctor (room 101) with a 09:00 slot and <paramref name="count"/> walk-ins; the code of the last one's slip.</summary>
    private async Task<(int Slot, List<TokenView> Tokens, string Code)> QueueAsync(int count)
    {
        browser.App.SetTime(8);
        var doctor = await _desk.Doctor(name: "Dr. Light");
        var slot = await _desk.Slot(doctor.Id, "09:00", "10:00");
        var tokens = new List<TokenView>();
        for (var i = 0; i < count; i++)
        {
            tokens.Add(await _desk.Issue("walkin", slot.Id));
        }

        return (slot.Id, tokens, (await browser.App.Service<DeskService>().SlipAsync(tokens[^1].Id, Ct)).Value!.Code);
    }

    private async Task CallNextAsync(int slot) =>
        (await _desk.Client.PostAsync($"/api/slots/{slot}/call-next", null, Ct)).EnsureSuccessStatusCode();
}

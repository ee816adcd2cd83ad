using Microsoft.Playwright;
using OpdReception.Security;
using OpdReception.Services;
using OpdReception.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace OpdReception.Tests.Browser;

/// <summary>The superintendent's Reports page in Chromium, over a day the desk played and the OPD closed; axe clean.</summary>
public sealed class ReportsJourneys(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private readonly Desk _desk = new(browser.App.CreateClient());

    [Fact]
    public async Task The_reports_page_shows_a_closed_day_in_a_superintendents_words_and_its_tables_download()
    {
        browser.App.SetTime(8, 30);
        var doctor = await _desk.Doctor(name: "Dr. Reports Journey");
        var slot = await _desk.Slot(doctor.Id, "09:00", "10:00");
        var seen = await _desk.Issue("walkin", slot.Id, name: "Esha Journey");
        await _desk.Issue("book", slot.Id, name: "Farid Journey");
        browser.App.SetTime(9, 10);
        (await _desk.Client.PostAsync($"/api/doctors/{doctor.Id}/call-next", null)).EnsureSuccessStatusCode();
        browser.App.SetTime(9, 22);
        (await _desk.SetStatus(seen.Id, "Completed")).EnsureSuccessStatusCode();
        browser.App.SetTime(13, 0);
        await browser.App.Service<CloseFinishedDays>().CloseFinishedDaysAsync();

        var page = await browser.SignInAsync(Roles.Admin);
        await page.SetViewportSizeAsync(1366, 768);
        await page.GotoAsync("/admin/reports");
        await BrowserApp.WaitForInteractiveAsync(page);
        await page.GetByTestId("reports-period").SelectOptionAsync("Day");
        await page.GetByTestId("reports-show").ClickAsync();

        await Expect(page.GetByTestId("reports-heading")).ToContainTextAsync("Monday 7 Jan 2030");
        var patients = page.GetByTestId("report-patients").Locator("tbody tr").Filter(new() { HasText = "Dr. Reports Journey" });
        // Online 1, walk-in 1, 2 patients, 1 seen, 1 did not come, 50% did not come.
        await Expect(patients).ToContainTextAsync("Dr. Reports Journey110002110");
        await Expect(page.GetByTestId("report-waits").Locator("thead")).ToContainTextAsync("Waited (median)");
        await Expect(page.GetByTestId("report-waits").Locator("tbody tr").First).ToContainTextAsync("40");
        await Expect(page.GetByTestId("weekday-heatmap")).ToContainTextAsync("40 (1)");
        await Expect(page.Locator("nav[aria-label='Admin pages'] [aria-current=page]")).ToHaveTextAsync("Reports");
        // Drawn at the chart's own size, a doctor's name under the bars is as tall as the page's text, not shrunk to fit.
        var name = page.Locator(".report-chart text").Filter(new() { HasText = "Dr. Reports Journey" }).First;
        await Expect(name).ToBeVisibleAsync();
        Assert.True((await name.BoundingBoxAsync())!.Height >= 14, "the doctor's name under the chart is too small to read");

        var csvLink = await page.GetByRole(AriaRole.Link, new() { Name = "Download CSV: Patients by doctor" }).GetAttributeAsync("href");
        var csv = await page.Context.APIRequest.GetAsync(csvLink!);
        Assert.Equal(200, csv.Status);
        Assert.Contains("Dr. Reports Journey,1,1,0,0,0,2,1,1,0,50", await csv.TextAsync());
        Assert.Empty(await Axe.ViolationsAsync(page));
    }
}

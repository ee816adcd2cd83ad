using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OpdReception.Data;
using OpdReception.Security;
using OpdReception.Services;
using OpdReception.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace OpdReception.Tests.Browser;

/// <summary>At a real Chromium: the desk records a patient's language, email and "no messages"; the admin reads the Feedback page.</summary>
public sealed class DeskFeedbackJourneys(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private readonly Desk _desk = new(browser.App.CreateClient());

    private static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await BrowserApp.WaitForInteractiveAsync(page);
    }

    [Fact]
    public async Task A_receptionist_records_tamil_an_email_and_no_messages_and_the_record_keeps_them()
    {
        var doctor = await _desk.Doctor(name: "Dr. Message Details");
        await _desk.Slot(doctor.Id, "09:00", "10:00");
        var page = await browser.SignInAsync(Roles.Receptionist);
        await OpenAsync(page, $"/reception?doctor={doctor.Id}");
        await Expect(page.GetByTestId("seats-left")).ToBeVisibleAsync();

        await page.GetByTestId("patient-name").FillAsync("Selvi Murugan");
        await page.GetByTestId("patient-phone").FillAsync("+91 92222 31415");
        await page.GetByTestId("more-details").ClickAsync();
        await page.GetByTestId("patient-language").GetByText("தமிழ்", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("patient-email").FillAsync("selvi.murugan@example.in");
        await page.GetByText("No messages: the patient does not want them").ClickAsync();
        var violations = (await page.GetByTestId("issue-form").RunAxe()).Violations.Select(v => $"{v.Impact} {v.Id}: {v.Help}").ToList();
        Assert.Empty(violations);
        await page.GetByTestId("patient-email").PressAsync("Enter");

        await Expect(page.GetByTestId("issued-answer")).ToContainTextAsync("Selvi Murugan");
        string patientId;
        await using (var db = await browser.App.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync())
        {
            patientId = (await db.Patients.SingleAsync(p => p.Name == "Selvi Murugan")).Id;
        }

        var record = (await browser.App.Service<PatientRecords>().RecordAsync(patientId)).Value!;
        Assert.Equal(("ta", "selvi.murugan@example.in", true), (record.Language, record.Email, record.MessagesOptOut));
    }

    [Fact]
    public async Task The_admin_reads_a_doctors_day_on_the_feedback_page_and_axe_finds_nothing_to_fix()
    {
        browser.App.SetTime(8, 30);
        var doctor = await _desk.Doctor(name: "Dr. Feedback Journey");
        var slot = await _desk.Slot(doctor.Id, "09:00", "10:00");
        var token = await _desk.Issue("walkin", slot.Id, name: "Journey Patient");
        browser.App.SetTime(9, 15);
        (await _desk.Client.PostAsync($"/api/doctors/{doctor.Id}/call-next", null)).EnsureSuccessStatusCode();
        (await _desk.SetStatus(token.Id, "Completed")).EnsureSuccessStatusCode();
        await using (var db = await browser.App.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync())
        {
            await db.Tokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(
                s => s.SetProperty(t => t.FeedbackScore, 3).SetProperty(t => t.FeedbackComment, "Fine, but the corridor was crowded")
                    .SetProperty(t => t.FeedbackAt, OpdApp.Day.ToDateTime(new TimeOnly(9, 40))));
        }

        var page = await browser.SignInAsync(Roles.Admin);
        await OpenAsync(page, "/admin/feedback");

        var row = page.GetByTestId("feedback-row").Filter(new() { HasText = "Dr. Feedback Journey" });
        await Expect(row).ToContainTextAsync("3.0 of 5");
        await Expect(row).ToContainTextAsync("45 min (1 seen)");
        await Expect(row).ToContainTextAsync("0% of 1");
        await Expect(page.GetByTestId("feedback-comments")).ToContainTextAsync("Fine, but the corridor was crowded");
        await Expect(page.Locator("nav[aria-label='Admin pages'] [aria-current=page]")).ToHaveTextAsync("Feedback");
        Assert.Empty(await Axe.ViolationsAsync(page));
    }
}

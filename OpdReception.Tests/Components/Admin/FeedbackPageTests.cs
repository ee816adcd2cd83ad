using Bunit;
using Microsoft.EntityFrameworkCore;
using OpdReception.Components.Pages.Admin;
using OpdReception.Data;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Components.Admin;

/// <summary>The admin's Feedback page over the real report and SQLite file: a doctor's day in words, the comments without names.</summary>
public sealed class FeedbackPageTests(OpdApp app) : AdminContext(app)
{
    private static DateTime At(int hour, int minute) => OpdApp.Day.ToDateTime(new TimeOnly(hour, minute));

    private async Task Ok(Task<HttpResponseMessage> call) => Assert.True((await call).IsSuccessStatusCode);

    [Fact]
    public async Task The_page_shows_each_doctors_day_with_its_answers_wait_and_share_on_time_and_the_comments_without_names()
    {
        App.SetTime(8, 30);
        var doctor = await Desk.Doctor(name: "Dr. Page Feedback");
        var slot = await Desk.Slot(doctor.Id, "09:00", "10:00");
        var token = await Desk.Issue("walkin", slot.Id, name: "Nameless Patient");
        App.SetTime(9, 6);
        await Ok(Desk.Client.PostAsync($"/api/doctors/{doctor.Id}/call-next", null, Xunit.TestContext.Current.CancellationToken));
        App.SetTime(9, 20);
        await Ok(Desk.SetStatus(token.Id, "Completed"));
        await using (var db = await App.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken))
        {
            await db.Tokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(
                s => s.SetProperty(t => t.FeedbackScore, 4).SetProperty(t => t.FeedbackComment, "Clean and calm").SetProperty(t => t.FeedbackAt, At(9, 30)),
                Xunit.TestContext.Current.CancellationToken);
        }

        var page = RenderAsAdmin<Feedback>();

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-testid=feedback-row]"), r => r.TextContent.Contains("Dr. Page Feedback")));
        var row = page.FindAll("[data-testid=feedback-row]").Single(r => r.TextContent.Contains("Dr. Page Feedback"));
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray();
        Assert.Equal([OpdApp.Day.ToString("ddd d MMM"), "Dr. Page Feedback", "1", "4.0 of 5", "36 min (1 seen)", "100% of 1"], cells);
        var comment = page.FindAll("[data-testid=feedback-comment]").Single(c => c.TextContent.Contains("Clean and calm"));
        Assert.Contains($"4 of 5 · {token.TokenNumber} · Dr. Page Feedback", comment.TextContent);
        Assert.DoesNotContain("Nameless Patient", page.Markup);
    }

    [Fact]
    public void A_backwards_range_is_refused_on_the_page_and_the_show_button_works_again_after()
    {
        var page = RenderAsAdmin<Feedback>();
        page.WaitForElement("[data-testid=feedback-show]");

        page.Find("[data-testid=feedback-from]").Change(OpdApp.Day.AddDays(3).ToString("yyyy-MM-dd"));
        page.Find("[data-testid=feedback-show]").Click();

        page.WaitForAssertion(() => Assert.Contains("From must be on or before to.", page.Markup));
        Assert.False(page.Find("[data-testid=feedback-show]").HasAttribute("disabled"));
    }
}

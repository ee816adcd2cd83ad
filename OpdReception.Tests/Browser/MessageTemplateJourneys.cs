using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OpdReception.Data;
using OpdReception.Domain;
using OpdReception.Security;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Browser;

/// <summary>The admin rewords a Hindi message at a real Chromium, against the real database.</summary>
public sealed class MessageTemplateJourneys(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Admin_chooses_Hindi_sees_the_preview_follow_the_typing_saves_and_the_page_has_no_accessibility_violation()
    {
        var page = await browser.SignInAsync(Roles.Admin);
        await page.GotoAsync("/admin/message-templates");
        await BrowserApp.WaitForInteractiveAsync(page);
        await page.GetByTestId("interactive").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        Assert.Empty(await Axe.ViolationsAsync(page));

        await page.GetByLabel("Language").ClickAsync();
        var hindi = page.GetByRole(AriaRole.Option, new() { Name = "हिन्दी (Hindi)" });
        await Assertions.Expect(hindi).ToBeVisibleAsync();
        await hindi.ClickAsync();
        await Assertions.Expect(page.GetByTestId("template-language")).ToHaveTextAsync("हिन्दी (Hindi)");
        await Assertions.Expect(page.GetByTestId("template-preview")).ToContainTextAsync("के साथ आपका टोकन A014");

        await page.Locator("textarea[data-testid=template-text]").FillAsync("{hospital}: टोकन {label}, {doctor}, {date} {time}. {link}");
        await Assertions.Expect(page.GetByTestId("template-preview")).ToContainTextAsync("टोकन A014, Dr. Meena Rao");
        var typed = await Axe.ViolationsAsync(page);
        Assert.True(typed.Count == 0, string.Join("\n", typed));
        await page.GetByTestId("template-save").ClickAsync();
        await Assertions.Expect(page.GetByText("Wording saved; the next message uses it.")).ToBeVisibleAsync();

        await using var db = await browser.App.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var saved = await db.NotificationTemplates.SingleAsync(t => t.Event == MessageKind.TokenIssued && t.Language == "hi", TestContext.Current.CancellationToken);
        Assert.Equal("{hospital}: टोकन {label}, {doctor}, {date} {time}. {link}", saved.Text);
    }
}

using Microsoft.Playwright;
using OpdReception.Security;
using OpdReception.Services;
using OpdReception.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace OpdReception.Tests.Browser;

/// <summary>A person replaces the password an admin gave them before anything else, at a real Chromium.</summary>
public sealed class AccountJourneys(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Admin_issued_password_must_be_changed_at_first_sign_in()
    {
        var email = $"new-desk-{Guid.NewGuid():N}@test.opd";
        var created = await browser.App.CreateClient().Post("/api/admin/users",
            new { email, displayName = "New Desk", password = "Issued-by-admin-3", roles = new[] { "Receptionist" } });
        created.EnsureSuccessStatusCode();
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/signin");

        await BrowserApp.SignInOnPageAsync(page, email, "Issued-by-admin-3");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == AccountDuties.ChangePasswordPage);
        await BrowserApp.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("password-required")).ToBeVisibleAsync();

        // Opening the desk by its address still leads back here.
        await page.GotoAsync("/reception");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == AccountDuties.ChangePasswordPage);
        await BrowserApp.WaitForInteractiveAsync(page);

        await FillAsync(page, "Issued-by-admin-3", "Lantern-garden-river", "Lantern-garden-rivers");
        await Expect(page.GetByText("The two new passwords are not the same.")).ToBeVisibleAsync();
        await FillAsync(page, "Issued-by-admin-3", "Sunshine12345!", "Sunshine12345!");
        await Expect(page.GetByText("common or breached", new() { Exact = false })).ToBeVisibleAsync();
        await FillAsync(page, "Wrong-current-pass", "Lantern-garden-river", "Lantern-garden-river");
        await Expect(page.GetByText("The current password is not right.")).ToBeVisibleAsync();

        await FillAsync(page, "Issued-by-admin-3", "Lantern-garden-river", "Lantern-garden-river");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/reception");
        await BrowserApp.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("signed-in-as")).ToContainTextAsync("New Desk");
    }

    [Fact]
    public async Task Every_signed_in_person_reaches_change_my_password_from_the_app_bar()
    {
        var page = await browser.SignInAsync(Roles.Doctor);

        await page.GetByRole(AriaRole.Link, new() { Name = "Change my password" }).ClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == AccountDuties.ChangePasswordPage);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Change my password" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("password-required")).ToHaveCountAsync(0);
    }

    private static async Task FillAsync(IPage page, string current, string wanted, string again)
    {
        await page.GetByLabel("Current password").FillAsync(current);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(wanted);
        await page.GetByLabel("New password again").FillAsync(again);
        await page.GetByTestId("change-password").ClickAsync();
    }
}

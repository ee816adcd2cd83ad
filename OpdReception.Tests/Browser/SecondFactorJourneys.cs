using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OpdReception.Security;
using OpdReception.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace OpdReception.Tests.Browser;

/// <summary>With admins' second factor required: an admin enrols at first sign-in, then signs in with a code or a recovery code.</summary>
public sealed class SecondFactorJourneys : IAsyncLifetime
{
    private const string Password = "Second-factor-admin-2";

    private readonly BrowserApp _browser = new();

    public async ValueTask InitializeAsync()
    {
        _browser.App.With("Opd:Security:AdminTwoFactor", "true");
        await _browser.InitializeAsync();
    }

    public ValueTask DisposeAsync() => _browser.DisposeAsync();

    [Fact]
    public async Task Admin_enrols_at_first_sign_in_then_signs_in_with_a_code_and_with_a_recovery_code()
    {
        var email = $"admin-{Guid.NewGuid():N}@test.opd";
        await using (var scope = _browser.App.Services.CreateAsyncScope())
        {
            Assert.IsType<AccountResult.Created>(await scope.ServiceProvider.GetRequiredService<OpdAccounts>().CreateAsync(email, "Enrolling Admin", Password, [Roles.Admin]));
        }

        var page = await _browser.NewPageAsync();
        await page.GotoAsync("/signin");
        await BrowserApp.SignInOnPageAsync(page, email, Password);
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == AccountDuties.EnrolPage);
        await BrowserApp.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("two-factor-required")).ToBeVisibleAsync();
        var key = (await page.GetByTestId("two-factor-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        await Expect(page.GetByTestId("two-factor-uri")).ToContainTextAsync($"secret={key}");

        await page.GetByLabel("6-digit code").FillAsync(Totp.Code(key));
        await page.GetByTestId("enrol").ClickAsync();
        var codes = page.GetByTestId("recovery-codes").Locator("li");
        await Expect(codes).ToHaveCountAsync(10);
        var recovery = await codes.First.InnerTextAsync();
        await page.GetByTestId("two-factor-continue").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/admin");

        var withCode = await SignInToSecondStepAsync(email);
        await withCode.GetByLabel("6-digit code").FillAsync(Totp.Code(key));
        await withCode.GetByTestId("two-factor-signin").ClickAsync();
        await withCode.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/admin");

        var lostPhone = await SignInToSecondStepAsync(email);
        await lostPhone.GetByTestId("switch-code").ClickAsync();
        await lostPhone.GetByLabel("Recovery code").FillAsync(recovery);
        await lostPhone.GetByTestId("two-factor-signin").ClickAsync();
        await lostPhone.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/admin");

        var usedTwice = await SignInToSecondStepAsync(email);
        await usedTwice.GetByTestId("switch-code").ClickAsync();
        await usedTwice.GetByLabel("Recovery code").FillAsync(recovery);
        await usedTwice.GetByTestId("two-factor-signin").ClickAsync();
        await Expect(usedTwice.GetByTestId("two-factor-error")).ToContainTextAsync("already used");
    }

    private async Task<IPage> SignInToSecondStepAsync(string email)
    {
        var page = await _browser.NewPageAsync();
        await page.GotoAsync("/signin");
        await BrowserApp.WaitForInteractiveAsync(page);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByTestId("signin").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/signin/two-factor");
        await BrowserApp.WaitForInteractiveAsync(page);
        return page;
    }
}

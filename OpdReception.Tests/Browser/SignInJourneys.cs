using Microsoft.Playwright;
using OpdReception.Security;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Browser;

/// <summary>Each person signs in at a real Chromium and lands on their own start page; nobody opens what their role may not.</summary>
public sealed class SignInJourneys(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private static readonly StartPages StartPages = new();

    public static TheoryData<string> StaffRoles() => [Roles.Receptionist, Roles.Doctor, Roles.Admin];

    [Theory]
    [MemberData(nameof(StaffRoles))]
    public async Task Each_role_signs_in_and_lands_on_its_start_page(string role)
    {
        var page = await browser.SignInAsync(role);

        var expected = StartPages.For(new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, role)], "test")));
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == expected);
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToContainTextAsync($"Test {role} ({role})");
        await Assertions.Expect(page.GetByTestId("not-allowed")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_receptionist_lands_on_the_reception_desk()
    {
        var page = await browser.SignInAsync(Roles.Receptionist);

        Assert.Equal("/reception", new Uri(page.Url).AbsolutePath);
    }

    [Fact]
    public async Task A_receptionist_cannot_open_an_admin_page()
    {
        var page = await browser.SignInAsync(Roles.Receptionist);

        // The API reference is for admins only outside Development; the admin screens join it as they are built.
        var adminPages = StartPages.RoutesOf(typeof(Program).Assembly).Where(r => r.StartsWith("/admin", StringComparison.Ordinal) && !r.Contains('{'));
        foreach (var adminPage in adminPages.Prepend("/docs"))
        {
            await page.GotoAsync(adminPage);
            await BrowserApp.WaitForInteractiveAsync(page);

            Assert.Equal("/forbidden", new Uri(page.Url).AbsolutePath);
            await Assertions.Expect(page.GetByTestId("not-allowed")).ToBeVisibleAsync();
        }
    }

    [Fact]
    public async Task A_page_opened_inside_the_circuit_is_held_to_the_rule_table_too()
    {
        var page = await browser.SignInAsync(Roles.Doctor);
        var documents = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.ResourceType == "document")
            {
                documents.Add(request.Url);
            }
        };

        // Blazor's own router: no request reaches the server, so only the page gate can refuse.
        await page.EvaluateAsync("() => Blazor.navigateTo('/reception')");

        await Assertions.Expect(page.GetByTestId("not-allowed")).ToBeVisibleAsync();
        Assert.Equal("/reception", new Uri(page.Url).AbsolutePath);
        Assert.Empty(documents);
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in_and_back_to_the_page_they_asked_for()
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/reception");

        Assert.Equal("/signin?ReturnUrl=%2Freception", BrowserApp.PathOf(page));
        var user = await browser.App.UserAsync(Roles.Receptionist);
        await BrowserApp.SignInOnPageAsync(page, user.Email, OpdApp.Password);
        Assert.Equal("/reception", new Uri(page.Url).AbsolutePath);
    }

    [Theory]
    [InlineData("%2F%09%2Fevil.example")]
    [InlineData("%2F%2Fevil.example")]
    [InlineData("%2F%5Cevil.example")]
    [InlineData("%5C%5Cevil.example")]
    [InlineData("%2F%0A%2Fevil.example")]
    [InlineData("%2F%252F%252Fevil.example")]
    [InlineData("https%3A%2F%2Fevil.example")]
    public async Task Return_url_tricks_land_on_the_app(string returnUrl)
    {
        var user = await browser.App.UserAsync(Roles.Receptionist);
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/signin?ReturnUrl={returnUrl}");

        await BrowserApp.SignInOnPageAsync(page, user.Email, OpdApp.Password);

        Assert.Equal((browser.Address.Authority, "/reception"), (new Uri(page.Url).Authority, new Uri(page.Url).AbsolutePath));
    }

    [Fact]
    public async Task Repeated_wrong_passwords_are_told_how_long_to_wait_and_no_account_is_locked()
    {
        await browser.App.Service<OpdAccounts>().CreateAsync("guessed-at@test.opd", "Guessed At", OpdApp.Password, [Roles.Receptionist]);
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/signin");
        await BrowserApp.WaitForInteractiveAsync(page);
        await page.GetByLabel("Email").FillAsync("guessed-at@test.opd");
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await page.GetByLabel("Password").FillAsync($"guess-number-{attempt}");
            var answer = await page.RunAndWaitForResponseAsync(() => page.GetByTestId("signin").ClickAsync(), r => r.Url.EndsWith("/account/signin", StringComparison.Ordinal));
            Assert.Equal(401, answer.Status);
            await Assertions.Expect(page.GetByTestId("signin-error")).ToHaveTextAsync(SignInDesk.RefusedWords);
        }

        await Assertions.Expect(page.GetByTestId("signin")).ToBeEnabledAsync();
        await page.GetByTestId("signin").ClickAsync();

        await Assertions.Expect(page.GetByTestId("signin-error")).ToContainTextAsync("Too many sign-in attempts. Please wait");
        var desk = await browser.NewPageAsync();
        await desk.GotoAsync("/signin");
        await BrowserApp.SignInOnPageAsync(desk, (await browser.App.UserAsync(Roles.Receptionist)).Email, OpdApp.Password);
        Assert.Equal("/reception", new Uri(desk.Url).AbsolutePath);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message_and_signing_out_ends_the_session()
    {
        var user = await browser.App.UserAsync(Roles.Admin);
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/signin");
        await BrowserApp.WaitForInteractiveAsync(page);
        await page.GetByLabel("Email").FillAsync(user.Email);
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByTestId("signin").ClickAsync();
        await Assertions.Expect(page.GetByTestId("signin-error")).ToContainTextAsync(SignInDesk.RefusedWords);

        await page.GetByLabel("Password").FillAsync(OpdApp.Password);
        await page.GetByTestId("signin").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
        await BrowserApp.WaitForInteractiveAsync(page);
        await page.GetByTestId("sign-out").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/signin", StringComparison.Ordinal));

        await BrowserApp.GotoAfterEndAsync(page, "/");
        Assert.StartsWith("/signin", BrowserApp.PathOf(page), StringComparison.Ordinal);
    }
}

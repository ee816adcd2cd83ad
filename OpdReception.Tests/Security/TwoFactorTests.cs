using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpdReception.Security;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Security;

/// <summary>Admins in Production sign in with an authenticator code (Identity's TOTP), or a recovery code once.</summary>
public sealed class TwoFactorTests : IAsyncLifetime
{
    private const string Host = "opd.hospital.example";
    private const string Password = "Second-factor-admin-1";

    // Production with Opd:Security:AdminTwoFactor left unset: its default there is on.
    private readonly OpdApp _app = new OpdApp().InEnvironment("Production").With("AllowedHosts", Host).With("https_port", "443")
        .Without("Opd:Security:AdminTwoFactor");

    public ValueTask InitializeAsync()
    {
        _app.ClientOptions.BaseAddress = new Uri($"https://{Host}");
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Admin_without_second_factor_is_sent_to_enrol_in_production()
    {
        var email = await NewAdminAsync();
        var browser = await CookieSignedInAsync(email);

        var admin = await browser.GetAsync("/admin");
        Assert.Equal(AccountDuties.EnrolPage, admin.Headers.Location?.AbsolutePath);
        var program = await BearerAsync(new { email, password = Password });
        var api = await program.GetAsync("/api/admin/users");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Contains("second factor", (await api.ReadJson()).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var wrong = await browser.Post("/api/auth/two-factor", new { code = "12345" });
        Assert.Contains("6-digit", (await wrong.ReadJson()).GetProperty("errors").GetProperty("code")[0].GetString(), StringComparison.Ordinal);
        var codes = await EnrolAsync(email, browser);

        Assert.Equal(10, codes.Count);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await program.GetAsync("/api/admin/users")).StatusCode);
    }

    [Fact]
    public async Task Admin_signs_in_with_code_then_recovery_code_works_once()
    {
        var email = await NewAdminAsync();
        var codes = await EnrolAsync(email, await CookieSignedInAsync(email));
        var key = await KeyAsync(email);

        var browser = Browser();
        var first = await (await browser.Post("/account/signin", new { email, password = Password })).ReadJson();
        Assert.True(first.GetProperty("twoFactor").GetBoolean());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.Post("/account/signin/two-factor", new { code = WrongCode(key) })).StatusCode);
        var signedIn = await browser.Post("/account/signin/two-factor", new { code = Totp.Code(key) });
        Assert.Equal("/admin", (await signedIn.ReadJson()).GetProperty("startPage").GetString());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin")).StatusCode);

        var lostPhone = Browser();
        await lostPhone.Post("/account/signin", new { email, password = Password });
        Assert.Equal(HttpStatusCode.OK, (await lostPhone.Post("/account/signin/two-factor", new { recoveryCode = codes[0] })).StatusCode);
        var again = Browser();
        await again.Post("/account/signin", new { email, password = Password });
        Assert.Equal(HttpStatusCode.Unauthorized, (await again.Post("/account/signin/two-factor", new { recoveryCode = codes[0] })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.Post("/account/signin/two-factor", new { recoveryCode = codes[1] })).StatusCode);
    }

    [Fact]
    public async Task Bearer_login_of_a_two_factor_admin_requires_a_code()
    {
        var email = await NewAdminAsync();
        var codes = await EnrolAsync(email, await CookieSignedInAsync(email));
        var key = await KeyAsync(email);

        var bare = await _app.AnonymousClient().Post("/api/auth/login", new { email, password = Password });
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        Assert.Contains("6-digit code", (await bare.ReadJson()).GetProperty("errors").GetProperty("twoFactorCode")[0].GetString(), StringComparison.Ordinal);
        var wrong = await _app.AnonymousClient().Post("/api/auth/login", new { email, password = Password, twoFactorCode = WrongCode(key) });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await (await BearerAsync(new { email, password = Password, twoFactorCode = Totp.Code(key) })).GetAsync("/api/admin/users")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await BearerAsync(new { email, password = Password, twoFactorRecoveryCode = codes[2] })).GetAsync("/api/admin/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await _app.AnonymousClient().Post("/api/auth/login", new { email, password = Password, twoFactorRecoveryCode = codes[2] })).StatusCode);
    }

    [Fact]
    public async Task Wrong_second_factor_codes_are_slowed_but_never_lock_the_admin_nor_end_their_sessions()
    {
        var email = await NewAdminAsync();
        await EnrolAsync(email, await CookieSignedInAsync(email));
        var key = await KeyAsync(email);
        var working = await BearerAsync(new { email, password = Password, twoFactorCode = Totp.Code(key) });

        // Someone who knows the password guesses codes: refused, then told to wait; Identity's own count never locks.
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            answers.Add((await _app.AnonymousClient().Post("/api/auth/login", new { email, password = Password, twoFactorCode = WrongCode(key) })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, answers[0]);
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);
        Assert.DoesNotContain(answers, a => a is not (HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.OK, (await working.GetAsync("/api/auth/me")).StatusCode);
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<OpdUser>>();
        Assert.False(await users.IsLockedOutAsync((await users.FindByEmailAsync(email))!));
    }

    [Fact]
    public async Task Once_on_the_key_is_never_shown_again_nor_new_recovery_codes_given_for_a_code()
    {
        var email = await NewAdminAsync();
        var browser = await CookieSignedInAsync(email);
        await EnrolAsync(email, browser);
        var key = await KeyAsync(email);
        var signedIn = await BearerAsync(new { email, password = Password, twoFactorCode = Totp.Code(key) });

        var again = await signedIn.Post("/api/auth/two-factor", new { code = Totp.Code(key) });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already on", (await again.ReadJson()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await using var scope = _app.Services.CreateAsyncScope();
        var user = (await scope.ServiceProvider.GetRequiredService<UserManager<OpdUser>>().FindByEmailAsync(email))!;
        var principal = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, user.Id)], "test"));
        Assert.Null(await scope.ServiceProvider.GetRequiredService<AccountSecurity>().AuthenticatorKeyAsync(principal));
    }

    private async Task<string> NewAdminAsync()
    {
        var email = $"admin-{Guid.NewGuid():N}@hospital.example";
        await using var scope = _app.Services.CreateAsyncScope();
        Assert.IsType<AccountResult.Created>(await scope.ServiceProvider.GetRequiredService<OpdAccounts>().CreateAsync(email, "Second Factor", Password, [Roles.Admin]));
        return email;
    }

    private HttpClient Browser()
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"https://{Host}"), AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    private async Task<HttpClient> CookieSignedInAsync(string email)
    {
        var browser = Browser();
        Assert.Equal(HttpStatusCode.OK, (await browser.Post("/account/signin", new { email, password = Password })).StatusCode);
        return browser;
    }

    private async Task<HttpClient> BearerAsync(object body)
    {
        var login = await _app.AnonymousClient().Post("/api/auth/login", body);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var client = _app.AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await login.ReadJson()).GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>Reads the key as the enrolment page shows it, then turns the factor on from the signed-in browser.</summary>
    private async Task<IReadOnlyList<string>> EnrolAsync(string email, HttpClient browser)
    {
        string key;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<OpdUser>>();
            var principal = await signIn.CreateUserPrincipalAsync((await signIn.UserManager.FindByEmailAsync(email))!);
            var shown = await scope.ServiceProvider.GetRequiredService<AccountSecurity>().AuthenticatorKeyAsync(principal);
            key = shown!.Key;
            Assert.StartsWith("otpauth://totp/", shown.Uri, StringComparison.Ordinal);
        }

        var enabled = await browser.Post("/api/auth/two-factor", new { code = Totp.Code(key) });
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        return (await enabled.ReadJson()).GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToList();
    }

    private async Task<string> KeyAsync(string email)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<OpdUser>>();
        return (await users.GetAuthenticatorKeyAsync((await users.FindByEmailAsync(email))!))!;
    }

    /// <summary>A code no step near now produces.</summary>
    private static string WrongCode(string key)
    {
        var near = Enumerable.Range(-3, 7).Select(step => Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30 * step))).ToHashSet();
        return Enumerable.Range(0, 1000).Select(n => n.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).First(c => !near.Contains(c));
    }
}

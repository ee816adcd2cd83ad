using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpdReception.Security;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Security;

/// <summary>Sessions that end: a cookie and a bearer token both name a row in the database, and ending it ends them.</summary>
public sealed class SessionTests(OpdApp app) : IClassFixture<OpdApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Copied_cookie_stops_working_after_sign_out()
    {
        var email = await NewUserAsync(app);
        var (browser, cookie) = await CookieSignInAsync(app, email);
        var thief = WithCookie(app, cookie);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/api/auth/me", Ct)).StatusCode);

        var signedOut = await browser.PostAsJsonAsync("/account/signout", new { }, Ct);

        Assert.Equal(HttpStatusCode.NoContent, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await thief.GetAsync("/api/auth/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/auth/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task Sign_out_everywhere_ends_every_session_of_the_user()
    {
        var email = await NewUserAsync(app);
        var (desk, _) = await CookieSignInAsync(app, email);
        var (otherDesk, _) = await CookieSignInAsync(app, email);
        var (program, refresh) = await BearerSignInAsync(app, email);
        var someoneElse = await app.ClientAsAsync(Roles.Receptionist);

        var ended = await otherDesk.PostAsJsonAsync("/api/auth/sign-out-everywhere", new { }, Ct);

        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        foreach (var client in new[] { desk, otherDesk, program })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me", Ct)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().Post("/api/auth/refresh", new { refreshToken = refresh })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await someoneElse.GetAsync("/api/auth/me", Ct)).StatusCode);
        var (again, _) = await CookieSignInAsync(app, email);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/auth/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task Admin_signs_a_user_out_everywhere()
    {
        var email = await NewUserAsync(app);
        var (desk, _) = await CookieSignInAsync(app, email);
        var (program, _) = await BearerSignInAsync(app, email);
        var id = (await (await program.GetAsync("/api/auth/me", Ct)).ReadJson()).GetProperty("id").GetString();

        var ended = await app.CreateClient().PostAsync($"/api/admin/users/{id}/sign-out-everywhere", null, Ct);

        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await desk.GetAsync("/api/auth/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await program.GetAsync("/api/auth/me", Ct)).StatusCode);
        var history = await (await app.CreateClient().GetAsync("/api/admin/history?area=User", Ct)).Read<List<AdminChangeView>>();
        Assert.Contains(history, h => h.Subject == email && h.Details == "Signed out everywhere");
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().PostAsync("/api/admin/users/no-such-user/sign-out-everywhere", null, Ct)).StatusCode);
        var receptionist = await app.ClientAsAsync(Roles.Receptionist);
        Assert.Equal(HttpStatusCode.Forbidden, (await receptionist.PostAsync($"/api/admin/users/{id}/sign-out-everywhere", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task Locking_a_user_ends_their_open_cookie_session_at_once()
    {
        var email = await NewUserAsync(app);
        var (desk, _) = await CookieSignInAsync(app, email);
        var id = (await (await desk.GetAsync("/api/auth/me", Ct)).ReadJson()).GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().PostAsync($"/api/admin/users/{id}/lock", null, Ct)).StatusCode);

        // Not a minute later, at the account check: the session row is gone now.
        Assert.Equal(HttpStatusCode.Unauthorized, (await desk.GetAsync("/api/auth/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task Refresh_token_works_once()
    {
        var email = await NewUserAsync(app);
        var (_, refresh) = await BearerSignInAsync(app, email);

        var first = await app.AnonymousClient().Post("/api/auth/refresh", new { refreshToken = refresh });
        var second = await app.AnonymousClient().Post("/api/auth/refresh", new { refreshToken = refresh });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var next = (await first.ReadJson()).GetProperty("refreshToken").GetString();
        Assert.NotEqual(refresh, next);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        Assert.Contains("already used", (await second.ReadJson()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reused_refresh_token_revokes_its_family()
    {
        var email = await NewUserAsync(app);
        var (firstAccess, stolen) = await BearerSignInAsync(app, email);
        var (otherSignIn, _) = await BearerSignInAsync(app, email);
        var rotated = await (await app.AnonymousClient().Post("/api/auth/refresh", new { refreshToken = stolen })).ReadJson();
        var current = Bearer(app, rotated.GetProperty("accessToken").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await current.GetAsync("/api/auth/me", Ct)).StatusCode);

        var replay = await app.AnonymousClient().Post("/api/auth/refresh", new { refreshToken = stolen });

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await current.GetAsync("/api/auth/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await firstAccess.GetAsync("/api/auth/me", Ct)).StatusCode);
        var next = await app.AnonymousClient().Post("/api/auth/refresh", new { refreshToken = rotated.GetProperty("refreshToken").GetString() });
        Assert.Equal(HttpStatusCode.Unauthorized, next.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await otherSignIn.GetAsync("/api/auth/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task Logout_ends_the_tokens_of_that_sign_in_only()
    {
        var email = await NewUserAsync(app);
        var (program, refresh) = await BearerSignInAsync(app, email);
        var (otherProgram, _) = await BearerSignInAsync(app, email);

        Assert.Equal(HttpStatusCode.NoContent, (await program.PostAsync("/api/auth/logout", null, Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await program.GetAsync("/api/auth/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().Post("/api/auth/refresh", new { refreshToken = refresh })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await otherProgram.GetAsync("/api/auth/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task Access_token_lives_fifteen_minutes()
    {
        await using var own = new OpdApp();
        var email = await NewUserAsync(own);
        var login = await (await own.AnonymousClient().Post("/api/auth/login", new { email, password = OpdApp.Password })).ReadJson();
        var program = Bearer(own, login.GetProperty("accessToken").GetString()!);
        Assert.Equal(15 * 60, login.GetProperty("expiresIn").GetInt32());

        own.SignInClock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(HttpStatusCode.OK, (await program.GetAsync("/api/auth/me", Ct)).StatusCode);

        own.SignInClock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.Unauthorized, (await program.GetAsync("/api/auth/me", Ct)).StatusCode);
        var renewed = await own.AnonymousClient().Post("/api/auth/refresh", new { refreshToken = login.GetProperty("refreshToken").GetString() });
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
    }

    [Fact]
    public async Task A_desk_nobody_uses_for_thirty_minutes_is_signed_out()
    {
        await using var own = new OpdApp();
        var email = await NewUserAsync(own);
        var (desk, _) = await CookieSignInAsync(own, email);

        // Idle is counted from the last use: each request inside the half hour starts it again.
        own.SignInClock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync("/api/auth/me", Ct)).StatusCode);
        own.SignInClock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync("/api/auth/me", Ct)).StatusCode);

        own.SignInClock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(HttpStatusCode.Unauthorized, (await desk.GetAsync("/api/auth/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_busy_desk_signs_in_again_after_twelve_hours()
    {
        await using var own = new OpdApp();
        var email = await NewUserAsync(own);
        var (desk, _) = await CookieSignInAsync(own, email);

        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(11.5); elapsed += TimeSpan.FromMinutes(20))
        {
            own.SignInClock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync("/api/auth/me", Ct)).StatusCode);
        }

        own.SignInClock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.Unauthorized, (await desk.GetAsync("/api/auth/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_session_lifetime_over_twelve_hours_is_refused_at_start()
    {
        await using var own = new OpdApp().With("Opd:Sessions:AbsoluteHours", "13");

        var refused = Assert.ThrowsAny<Exception>(() => own.CreateClient());

        Assert.Contains("AbsoluteHours", refused.ToString(), StringComparison.Ordinal);
    }

    private static async Task<string> NewUserAsync(OpdApp on)
    {
        var email = $"desk-{Guid.NewGuid():N}@test.opd";
        await using var scope = on.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<OpdAccounts>().CreateAsync(email, "Session Desk", OpdApp.Password, [Roles.Receptionist]);
        Assert.IsType<AccountResult.Created>(created);
        return email;
    }

    /// <summary>A browser's sign-in: a client that keeps the cookie, and the cookie itself as a thief would copy it.</summary>
    private static async Task<(HttpClient Client, string Cookie)> CookieSignInAsync(OpdApp on, string email)
    {
        var client = on.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true });
        client.DefaultRequestHeaders.Authorization = null;
        var response = await client.PostAsJsonAsync("/account/signin", new { email, password = OpdApp.Password }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("opd.auth=", StringComparison.Ordinal)).Split(';')[0];
        return (client, cookie);
    }

    private static async Task<(HttpClient Client, string RefreshToken)> BearerSignInAsync(OpdApp on, string email)
    {
        var login = await (await on.AnonymousClient().Post("/api/auth/login", new { email, password = OpdApp.Password })).ReadJson();
        return (Bearer(on, login.GetProperty("accessToken").GetString()!), login.GetProperty("refreshToken").GetString()!);
    }

    private static HttpClient Bearer(OpdApp on, string token)
    {
        var client = on.AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static HttpClient WithCookie(OpdApp on, string cookie)
    {
        var client = on.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = null;
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }
}

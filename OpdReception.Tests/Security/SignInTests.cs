using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using OpdReception.Security;
using Microsoft.Extensions.DependencyInjection;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Security;

public sealed class SignInTests(OpdApp app) : IClassFixture<OpdApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Cookie_sign_in_answers_the_start_page_of_the_role_with_an_http_only_strict_cookie()
    {
        var user = await app.UserAsync(Roles.Receptionist);
        var client = app.AnonymousClient();

        var response = await client.PostAsJsonAsync("/account/signin", new { email = user.Email, password = OpdApp.Password }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/reception", (await response.ReadJson()).GetProperty("startPage").GetString());
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("opd.auth=", StringComparison.Ordinal)
            && c.Contains("httponly", StringComparison.OrdinalIgnoreCase) && c.Contains("samesite=strict", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_bearer_token_opens_the_api_and_its_refresh_token_gives_a_new_one()
    {
        var user = await app.UserAsync(Roles.Receptionist);
        var client = app.AnonymousClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me", Ct)).StatusCode);

        var refreshed = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = user.RefreshToken }, Ct);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var token = (await refreshed.ReadJson()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var me = await (await client.GetAsync("/api/auth/me", Ct)).ReadJson();
        Assert.Equal((user.Id, "Test Receptionist", "Receptionist"), (me.GetProperty("id").GetString(), me.GetProperty("name").GetString(), me.GetProperty("roles")[0].GetString()));
        var forged = await app.AnonymousClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = user.RefreshToken + "x" }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    [Fact]
    public async Task A_bearer_token_stops_working_as_soon_as_its_account_is_locked()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OpdAccounts>().CreateAsync("leaver@test.opd", "Leaver", OpdApp.Password, [Roles.Receptionist]);
        var login = await app.AnonymousClient().PostAsJsonAsync("/api/auth/login", new { email = "leaver@test.opd", password = OpdApp.Password }, Ct);
        var client = app.AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await login.ReadJson()).GetProperty("accessToken").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/doctors", Ct)).StatusCode);

        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<OpdUser>>();
        var user = (await users.FindByEmailAsync("leaver@test.opd"))!;
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        await users.UpdateSecurityStampAsync(user);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/doctors", Ct)).StatusCode);
    }

    [Fact]
    public async Task There_is_no_registration_endpoint()
    {
        var anonymous = await app.AnonymousClient().PostAsJsonAsync("/api/auth/register", new { email = "new@test.opd", password = OpdApp.Password }, Ct);
        var admin = await app.CreateClient().PostAsJsonAsync("/api/auth/register", new { email = "new@test.opd", password = OpdApp.Password }, Ct);

        Assert.Equal((HttpStatusCode.MethodNotAllowed, HttpStatusCode.MethodNotAllowed), (anonymous.StatusCode, admin.StatusCode));
        Assert.Null(await app.Services.CreateScope().ServiceProvider
            .GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<OpdUser>>().FindByEmailAsync("new@test.opd"));
    }

    [Fact]
    public async Task Sign_in_attempts_over_the_limit_are_answered_429_with_retry_after()
    {
        await using var limited = new OpdApp().With("Opd:SignInAttemptsPerMinute", "3");
        var client = limited.AnonymousClient();

        // A window may roll over between two attempts; the limit still shows within two windows' worth.
        HttpResponseMessage? refused = null;
        for (var attempt = 0; attempt < 7 && refused is null; attempt++)
        {
            // A new email each time: the per-account slow-down must not be what answers here.
            var response = await client.PostAsJsonAsync("/api/auth/login", new { email = $"nobody{attempt}@test.opd", password = "wrong-password-1" }, Ct);
            refused = response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.NotNull(refused);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var cookie = await client.PostAsJsonAsync("/account/signin", new { email = "nobody-else@test.opd", password = "wrong-password-1" }, Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, cookie.StatusCode);
    }
}

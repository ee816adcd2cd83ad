using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpdReception.Security;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Security;

/// <summary>Passwords of 12 characters or more, not on the shipped list, on every path; an admin's password is replaced at first sign-in.</summary>
public sealed class PasswordPolicyTests(OpdApp app) : IClassFixture<OpdApp>
{
    private const string Chosen = "Lantern-garden-river";

    private static string NewEmail(string what) => $"{what}-{Guid.NewGuid():N}@test.opd";

    [Theory]
    [InlineData("Short-pw-1", "at least 12 characters")]
    [InlineData("Password2026!", "common or breached")]
    [InlineData("qwertyuiop123", "common or breached")]
    [InlineData("Demo-pass-2026", "common or breached")]
    public async Task Short_common_and_published_demo_passwords_are_refused_by_admin_create_reset_and_create_admin(string password, string words)
    {
        var admin = app.CreateClient();
        var created = await admin.Post("/api/admin/users", new { email = NewEmail("weak"), displayName = "Weak Pass", password, roles = new[] { "Receptionist" } });
        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Contains(words, (await created.ReadJson()).GetProperty("errors").GetProperty("password")[0].GetString(), StringComparison.Ordinal);

        var user = await (await admin.Post("/api/admin/users", new { email = NewEmail("strong"), displayName = "Strong Pass", password = Chosen, roles = new[] { "Receptionist" } })).Read<UserView>();
        var reset = await admin.Post($"/api/admin/users/{user.Id}/password", new { password });
        Assert.Equal(HttpStatusCode.BadRequest, reset.StatusCode);
        Assert.Contains(words, (await reset.ReadJson()).GetProperty("errors").GetProperty("password")[0].GetString(), StringComparison.Ordinal);

        await using var scope = app.Services.CreateAsyncScope();
        var first = await scope.ServiceProvider.GetRequiredService<OpdAccounts>().CreateAsync(NewEmail("first"), "First Admin", password, [Roles.Admin]);
        Assert.Contains(words, Assert.IsType<AccountResult.NotCreated>(first).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_list_holds_tens_of_thousands_of_passwords_and_refuses_the_demo_one_outside_development()
    {
        Assert.InRange(CommonPasswords.Count, 10_000, 100_000);
        var production = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Production" };
        var development = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Development" };
        Assert.Contains("DEMO-PASS-2026", CommonPasswords.RefusedIn(production));
        Assert.DoesNotContain("Demo-pass-2026", CommonPasswords.RefusedIn(development));
        Assert.Contains("password", CommonPasswords.RefusedIn(development));
    }

    [Fact]
    public async Task Admin_issued_password_must_be_changed_at_first_sign_in()
    {
        var email = NewEmail("desk");
        var user = await (await app.CreateClient().Post("/api/admin/users", new { email, displayName = "New Desk", password = "Issued-by-admin-1", roles = new[] { "Receptionist" } })).Read<UserView>();
        var program = await SignedInAsync(email, "Issued-by-admin-1");

        var refused = await program.GetAsync("/api/doctors");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Change your password first", (await refused.ReadJson()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await program.GetAsync("/api/auth/me")).StatusCode);

        var wrongCurrent = await program.Post("/api/auth/password", new { currentPassword = "Not-the-password-1", newPassword = Chosen });
        Assert.Equal("The current password is not right.", (await wrongCurrent.ReadJson()).GetProperty("errors").GetProperty("currentPassword")[0].GetString());
        var common = await program.Post("/api/auth/password", new { currentPassword = "Issued-by-admin-1", newPassword = "Sunshine12345!" });
        Assert.Contains("common or breached", (await common.ReadJson()).GetProperty("errors").GetProperty("newPassword")[0].GetString(), StringComparison.Ordinal);
        var same = await program.Post("/api/auth/password", new { currentPassword = "Issued-by-admin-1", newPassword = "Issued-by-admin-1" });
        Assert.Equal(HttpStatusCode.BadRequest, same.StatusCode);

        var changed = await program.Post("/api/auth/password", new { currentPassword = "Issued-by-admin-1", newPassword = Chosen });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await program.GetAsync("/api/doctors")).StatusCode);
        var renewed = app.AnonymousClient();
        renewed.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await changed.ReadJson()).GetProperty("accessToken").GetString());
        Assert.Equal(HttpStatusCode.OK, (await renewed.GetAsync("/api/doctors")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await SignedInAsync(email, Chosen)).GetAsync("/api/doctors")).StatusCode);

        // A reset by the admin is an admin-issued password again.
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().Post($"/api/admin/users/{user.Id}/password", new { password = "Reset-by-admin-22" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await SignedInAsync(email, "Reset-by-admin-22")).GetAsync("/api/doctors")).StatusCode);
    }

    [Fact]
    public async Task A_page_sends_a_person_with_an_admin_issued_password_to_change_it_and_the_new_cookie_opens_the_desk()
    {
        var email = NewEmail("cookie");
        await app.CreateClient().Post("/api/admin/users", new { email, displayName = "Cookie Desk", password = "Issued-by-admin-2", roles = new[] { "Receptionist" } });
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        browser.DefaultRequestHeaders.Authorization = null;
        Assert.Equal(HttpStatusCode.OK, (await browser.Post("/account/signin", new { email, password = "Issued-by-admin-2" })).StatusCode);

        var desk = await browser.GetAsync("/reception");
        Assert.Equal(AccountDuties.ChangePasswordPage, desk.Headers.Location?.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(AccountDuties.ChangePasswordPage)).StatusCode);

        var changed = await browser.Post("/api/auth/password", new { currentPassword = "Issued-by-admin-2", newPassword = Chosen });
        Assert.Equal("/reception", (await changed.ReadJson()).GetProperty("startPage").GetString());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/reception")).StatusCode);
    }

    [Fact]
    public async Task A_person_changes_their_own_password_and_the_old_one_stops_working()
    {
        var email = NewEmail("self");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OpdAccounts>().CreateAsync(email, "Self Service", "Chosen-by-me-2030", [Roles.Receptionist]);
        }

        var program = await SignedInAsync(email, "Chosen-by-me-2030");
        Assert.Equal(HttpStatusCode.OK, (await program.Post("/api/auth/password", new { currentPassword = "Chosen-by-me-2030", newPassword = Chosen })).StatusCode);

        var old = await app.AnonymousClient().Post("/api/auth/login", new { email, password = "Chosen-by-me-2030" });
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.AnonymousClient().Post("/api/auth/login", new { email, password = Chosen })).StatusCode);
    }

    private async Task<HttpClient> SignedInAsync(string email, string password)
    {
        var login = await app.AnonymousClient().Post("/api/auth/login", new { email, password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var client = app.AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await login.ReadJson()).GetProperty("accessToken").GetString());
        return client;
    }
}

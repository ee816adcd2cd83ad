using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>Staff accounts corrected, deleted when they never acted, deactivated when they did: over a real SQLite file.</summary>
public sealed class StaffAccountTests(OpdApp app) : IClassFixture<OpdApp>
{
    private const string Password = "Desk-pass-2030";

    private const string OwnPassword = "Own-desk-pass-2030";
    private readonly Desk _desk = new(app.CreateClient());

    private HttpClient Admin => _desk.Client;

    private async Task<UserView> NewReceptionist(string email, string name = "Front Desk")
    {
        var created = await Admin.Post("/api/admin/users", new { email, displayName = name, password = Password, roles = new[] { "Receptionist" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return await created.Read<UserView>();
    }

    /// <summary>An account that acted (issued a token while signed in), so removing it deactivates rather than deletes.</summary>
    private async Task<(UserView User, System.Text.Json.JsonElement Login, TokenView Token)> ReceptionistWhoIssued(string email, string name)
    {
        var user = await NewReceptionist(email, name);
        var first = app.AnonymousClient();
        first.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await (await SignIn(email)).ReadJson()).GetProperty("accessToken").GetString());
        // The admin chose the first password: the person replaces it before working, and the answer carries their new tokens.
        var login = await (await first.Post("/api/auth/password", new { currentPassword = Password, newPassword = OwnPassword })).ReadJson();
        var desk = app.CreateClient();
        desk.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
        return (user, login, await new Desk(desk).Issue("walkin", (await _desk.NewSlot()).Id));
    }

    private Task<HttpResponseMessage> SignIn(string email, string password = Password) => app.AnonymousClient().Post("/api/auth/login", new { email, password });

    private async Task<List<AdminChangeView>> History() => await (await Admin.GetAsync("/api/admin/history?area=User")).Read<List<AdminChangeView>>();

    [Fact]
    public async Task A_typo_in_an_email_is_corrected_the_account_signs_in_with_the_right_one_and_the_record_keeps_both()
    {
        var typo = $"desk-{Guid.NewGuid():N}@hospitl.test";
        var user = await NewReceptionist(typo, "Prya Desk");
        var right = typo.Replace("hospitl", "hospital");

        var corrected = await Admin.PutAsJsonAsync($"/api/admin/users/{user.Id}", new { email = right, displayName = "Priya Desk" });

        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var view = await corrected.Read<UserView>();
        Assert.Equal((right, "Priya Desk"), (view.Email, view.DisplayName));
        Assert.Equal(HttpStatusCode.OK, (await SignIn(right)).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await SignIn(typo)).StatusCode);
        Assert.Contains(await History(), h => h.Subject == right && h.Details.Contains($"email {typo} → {right}") && h.Details.Contains("display name Prya Desk → Priya Desk"));
    }

    [Theory]
    [InlineData("not-an-email", "Desk", "email", HttpStatusCode.BadRequest)]
    [InlineData(null, "Desk", "email", HttpStatusCode.BadRequest)]
    [InlineData("ok@x.test", "", "displayName", HttpStatusCode.BadRequest)]
    [InlineData("ok@x.test", "\u202EkseD", "displayName", HttpStatusCode.BadRequest)]
    [InlineData("taken", "Desk", null, HttpStatusCode.Conflict)]
    public async Task A_correction_that_is_not_valid_or_takes_anothers_email_is_refused_and_changes_nothing(string? email, string name, string? field, HttpStatusCode status)
    {
        var user = await NewReceptionist($"fix-{Guid.NewGuid():N}@x.test");
        var other = await NewReceptionist($"other-{Guid.NewGuid():N}@x.test");

        var response = await Admin.PutAsJsonAsync($"/api/admin/users/{user.Id}", new { email = email == "taken" ? other.Email : email, displayName = name });

        Assert.Equal(status, response.StatusCode);
        if (field is not null)
        {
            Assert.True((await response.ReadJson()).GetProperty("errors").TryGetProperty(field, out _));
        }

        var now = (await (await Admin.GetAsync("/api/admin/users")).Read<List<UserView>>()).Single(u => u.Id == user.Id);
        Assert.Equal((user.Email, user.DisplayName), (now.Email, now.DisplayName));
    }

    [Fact]
    public async Task An_account_that_never_acted_is_deleted_and_can_no_longer_sign_in()
    {
        var email = $"never-{Guid.NewGuid():N}@x.test";
        var user = await NewReceptionist(email);

        var removed = await Admin.DeleteAsync($"/api/admin/users/{user.Id}");

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.True((await removed.Read<UserRemovalView>()).Deleted);
        Assert.DoesNotContain(await (await Admin.GetAsync("/api/admin/users")).Read<List<UserView>>(), u => u.Id == user.Id);
        Assert.NotEqual(HttpStatusCode.OK, (await SignIn(email)).StatusCode);
        Assert.Contains(await History(), h => h.Subject == email && h.Details.StartsWith("Deleted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_account_that_acted_is_deactivated_its_session_ends_and_the_tokens_history_still_names_it()
    {
        var email = $"acted-{Guid.NewGuid():N}@x.test";
        var (user, login, token) = await ReceptionistWhoIssued(email, "Rekha Issuer");

        var removed = await Admin.DeleteAsync($"/api/admin/users/{user.Id}");

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.False((await removed.Read<UserRemovalView>()).Deleted);
        Assert.True((await (await Admin.GetAsync("/api/admin/users")).Read<List<UserView>>()).Single(u => u.Id == user.Id).LockedOut);
        Assert.NotEqual(HttpStatusCode.OK, (await SignIn(email, OwnPassword)).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await app.AnonymousClient().Post("/api/auth/refresh", new { refreshToken = login.GetProperty("refreshToken").GetString() })).StatusCode);
        Assert.Equal("Rekha Issuer", (await _desk.Token(token.Id)).History![0].By);
        Assert.Contains(await History(), h => h.Subject == email && h.Details.StartsWith("Deactivated", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Conflict, (await Admin.DeleteAsync($"/api/admin/users/{user.Id}")).StatusCode);
    }

    [Fact]
    public async Task Nobody_removes_their_own_account()
    {
        var me = await app.UserAsync(OpdReception.Security.Roles.Admin);

        var response = await Admin.DeleteAsync($"/api/admin/users/{me.Id}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("your own account", (await response.ReadJson()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_deactivated_account_cannot_be_unlocked_and_still_cannot_sign_in()
    {
        var email = $"gone-{Guid.NewGuid():N}@x.test";
        var (user, _, _) = await ReceptionistWhoIssued(email, "Gone Desk");
        Assert.Equal(HttpStatusCode.OK, (await Admin.DeleteAsync($"/api/admin/users/{user.Id}")).StatusCode);

        var unlock = await Admin.PostAsync($"/api/admin/users/{user.Id}/unlock", null);

        Assert.Equal(HttpStatusCode.Conflict, unlock.StatusCode);
        Assert.Contains("deactivated", (await unlock.ReadJson()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, (await SignIn(email, OwnPassword)).StatusCode);
        var listed = (await (await Admin.GetAsync("/api/admin/users")).Read<List<UserView>>()).Single(u => u.Id == user.Id);
        Assert.True(listed.Deactivated);
    }

    [Fact]
    public async Task A_locked_account_is_not_deactivated_and_unlocks()
    {
        var email = $"locked-{Guid.NewGuid():N}@x.test";
        var user = await NewReceptionist(email);

        var locked = await (await Admin.PostAsync($"/api/admin/users/{user.Id}/lock", null)).Read<UserView>();
        Assert.True(locked.LockedOut);
        Assert.False(locked.Deactivated);

        Assert.Equal(HttpStatusCode.OK, (await Admin.PostAsync($"/api/admin/users/{user.Id}/unlock", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignIn(email)).StatusCode);
    }

    [Fact]
    public async Task A_doctor_who_already_signs_in_is_not_linked_to_a_second_account_and_nothing_changes()
    {
        var doctor = await _desk.Doctor(name: $"Dr. Link {Guid.NewGuid():N}"[..20]);
        var first = $"doc1-{Guid.NewGuid():N}@x.test";
        Assert.Equal(HttpStatusCode.Created, (await Admin.Post("/api/admin/users",
            new { email = first, displayName = "Doc One", password = Password, roles = new[] { "Doctor" }, doctorId = doctor.Id })).StatusCode);

        var second = await Admin.Post("/api/admin/users",
            new { email = $"doc2-{Guid.NewGuid():N}@x.test", displayName = "Doc Two", password = Password, roles = new[] { "Doctor" }, doctorId = doctor.Id });
        var other = await NewReceptionist($"other-{Guid.NewGuid():N}@x.test");
        var linked = await Admin.PutAsJsonAsync($"/api/admin/users/{other.Id}/doctor", new { doctorId = doctor.Id });

        foreach (var refused in new[] { second, linked })
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            var problem = await refused.ReadJson();
            Assert.Contains($"already signs in as {first}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.True(problem.GetProperty("errors").TryGetProperty("doctorId", out _));
        }

        var users = await (await Admin.GetAsync("/api/admin/users")).Read<List<UserView>>();
        Assert.Single(users, u => u.DoctorId == doctor.Id);
        Assert.Null(users.Single(u => u.Id == other.Id).DoctorId);
        Assert.DoesNotContain(users, u => u.Email.StartsWith("doc2-", StringComparison.Ordinal));
    }
}

using Bunit;
using OpdReception.Components.Pages.Admin;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Components.Admin;

/// <summary>The users page corrects an account's details and takes an account off, saying which it did.</summary>
public sealed class UsersPageTests(OpdApp app) : AdminContext(app)
{
    private async Task<UserView> NewReceptionist(string email) =>
        (await Service<UserAdminService>().CreateAsync(new NewUserRequest(email, "Desk Typo", "Desk-pass-2030", ["Receptionist"], null), "test")).Value!;

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<Users> page, string email) =>
        page.FindAll("tr").First(r => r.TextContent.Contains(email));

    [Fact]
    public async Task Correcting_an_email_typo_shows_the_new_email_and_records_the_old_one()
    {
        var typo = $"typo-{Guid.NewGuid():N}@hospitl.test";
        var right = typo.Replace("hospitl", "hospital");
        await NewReceptionist(typo);
        var page = RenderAsAdmin<Users>();
        page.WaitForAssertion(() => Assert.Contains(typo, page.Markup));

        Row(page, typo).QuerySelector("[data-testid=correct-user]")!.Click();
        Dialogs.WaitForElement("input[data-testid=correct-email]").Change(right);
        Dialogs.Find("[data-testid=save-correction]").Click();

        page.WaitForAssertion(() => Assert.Contains($"email {typo} → {right}", page.Find("[data-testid=history]").TextContent));
        Assert.Contains(right, Row(page, right).TextContent);
    }

    [Fact]
    public async Task Removing_an_account_that_never_acted_deletes_it_from_the_list()
    {
        var email = $"gone-{Guid.NewGuid():N}@x.test";
        await NewReceptionist(email);
        var page = RenderAsAdmin<Users>();
        page.WaitForAssertion(() => Assert.Contains(email, page.Markup));

        Row(page, email).QuerySelector("[data-testid=remove-user]")!.Click();
        Confirm("Remove");

        page.WaitForAssertion(() => Assert.DoesNotContain(email, page.Find("[data-testid=users]").TextContent));
        Assert.Contains("Deleted", page.Find("[data-testid=history]").TextContent);
    }

    [Fact]
    public void Removing_your_own_account_is_refused_in_words()
    {
        var page = RenderAsAdmin<Users>();
        page.WaitForAssertion(() => Assert.Contains(AdminUser.Email, page.Markup));

        Row(page, AdminUser.Email).QuerySelector("[data-testid=remove-user]")!.Click();
        Confirm("Remove");

        page.WaitForAssertion(() => Assert.Contains("You cannot remove your own account.", page.Find("[data-testid=refusal]").TextContent));
    }

    [Fact]
    public async Task A_deactivated_account_shows_as_deactivated_with_no_unlock()
    {
        var email = $"acted-{Guid.NewGuid():N}@x.test";
        var user = await NewReceptionist(email);
        var users = Service<UserAdminService>();
        // It acts once (a line in the admin's record names it), so removing it deactivates rather than deletes.
        await users.ResetPasswordAsync(user.Id, "Desk-pass-2031", new Actor("Desk Typo", user.Id));
        Assert.False((await users.RemoveAsync(user.Id, "test")).Value!.Deleted);

        var page = RenderAsAdmin<Users>();
        page.WaitForAssertion(() => Assert.Contains(email, page.Markup));

        Assert.Contains("Deactivated", Row(page, email).TextContent);
        Assert.DoesNotContain("Locked", Row(page, email).TextContent);
        Assert.DoesNotContain(Row(page, email).QuerySelectorAll("button"), b => b.TextContent.Contains("Unlock"));
    }

    [Fact]
    public async Task Signing_a_user_out_everywhere_ends_their_sessions_and_is_recorded()
    {
        var email = $"shared-desk-{Guid.NewGuid():N}@x.test";
        var user = await NewReceptionist(email);
        var sessions = App.Service<OpdReception.Security.ServerSessions>();
        var key = OpdReception.Security.ServerSessions.NewKey();
        await sessions.StartAsync(key, user.Id, OpdReception.Data.SessionKind.Cookie, null, sessions.Now.AddHours(1));
        var page = RenderAsAdmin<Users>();
        page.WaitForAssertion(() => Assert.Contains(email, page.Markup));

        Row(page, email).QuerySelector("[data-testid=sign-out-everywhere]")!.Click();
        Confirm("Sign out everywhere");

        page.WaitForAssertion(() => Assert.Contains("Signed out everywhere", page.Find("[data-testid=history]").TextContent));
        Assert.Null(await sessions.AliveAsync(key, activity: false));
    }
}

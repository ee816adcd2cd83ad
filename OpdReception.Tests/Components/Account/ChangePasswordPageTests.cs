using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using MudBlazor.Services;
using OpdReception.Components.Pages.Account;
using OpdReception.Security;

namespace OpdReception.Tests.Components.Account;

/// <summary>The "Change my password" page: its own checks, the server's refusals under their fields, one request at a time.</summary>
public sealed class ChangePasswordPageTests : BunitContext
{
    private readonly BunitJSModuleInterop _account;

    public ChangePasswordPageTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        _account = JSInterop.SetupModule("./js/account.js");
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
    }

    private IRenderedComponent<ChangePassword> RenderFor(params Claim[] extra)
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, "u1"), new Claim(ClaimTypes.Role, Roles.Receptionist), .. extra], "Test"));
        return Render<ChangePassword>(p => p.AddCascadingValue(Task.FromResult(new AuthenticationState(principal))));
    }

    private static void Fill(IRenderedComponent<ChangePassword> page, string current, string wanted, string again)
    {
        page.Find("input[data-testid=current-password]").Input(current);
        page.Find("input[data-testid=new-password]").Input(wanted);
        page.Find("input[data-testid=repeat-password]").Input(again);
        page.Find("form").Submit();
    }

    [Fact]
    public void Different_new_passwords_are_caught_on_the_page_and_nothing_is_sent()
    {
        var page = RenderFor();

        Fill(page, "Issued-by-admin-1", "Lantern-garden-river", "Lantern-garden-rivet");

        page.WaitForAssertion(() => Assert.Contains("The two new passwords are not the same.", page.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain(_account.Invocations, i => i.Identifier == "post");
    }

    [Fact]
    public void The_servers_refusal_shows_under_its_field_and_the_button_waits_for_the_answer()
    {
        var post = _account.Setup<AccountAnswer>("post", _ => true);
        var page = RenderFor();

        Fill(page, "Issued-by-admin-1", "Sunshine12345!", "Sunshine12345!");
        page.WaitForAssertion(() => Assert.True(page.Find("button[data-testid=change-password]").HasAttribute("disabled")));
        Assert.Contains("Changing…", page.Find("button[data-testid=change-password]").TextContent, StringComparison.Ordinal);
        post.SetResult(new AccountAnswer(400, null, null, null,
            new Dictionary<string, string[]> { ["newPassword"] = ["This password is on a list of common or breached passwords; choose another."] }, false, null));

        page.WaitForAssertion(() => Assert.Contains("common or breached", page.Markup, StringComparison.Ordinal));
        Assert.False(page.Find("button[data-testid=change-password]").HasAttribute("disabled"));
        Assert.Empty(page.FindAll("[data-testid=password-error]"));
    }

    [Fact]
    public void An_admin_issued_password_says_why_the_page_opened()
    {
        Assert.Empty(RenderFor().FindAll("[data-testid=password-required]"));

        var page = RenderFor(new Claim(OpdClaims.Duty, AccountDuties.ChangePasswordPage));

        Assert.Contains("An admin set your password", page.Find("[data-testid=password-required]").TextContent, StringComparison.Ordinal);
    }
}

using System.Security.Claims;
using Microsoft.Extensions.Options;
using OpdReception.Domain;
using OpdReception.Services;

namespace OpdReception.Security;

/// <summary>
/// Puts a pending <see cref="AccountDuty"/> into the sign-in (a claim), so every page and API call knows it without
/// reading the database. Doing the duty renews the security stamp, which ends the sign-in that carried the claim.
/// </summary>
public sealed class AccountDuties(IOptionsMonitor<OpdOptions> options, IHostEnvironment environment)
{
    public const string ChangePasswordPage = "/account/password";
    public const string EnrolPage = "/account/two-factor";

    public AccountDuty For(OpdUser user, bool isAdmin) =>
        AccountDutyRules.Decide(user.MustChangePassword, isAdmin, user.TwoFactorEnabled, AdminsNeedSecondFactor);

    public bool AdminsNeedSecondFactor => options.CurrentValue.Security.AdminTwoFactorIn(environment);

    public void AddClaim(ClaimsIdentity identity, OpdUser user)
    {
        if (PageOf(For(user, identity.HasClaim(identity.RoleClaimType, Roles.Admin))) is { } page)
        {
            identity.AddClaim(new Claim(OpdClaims.Duty, page));
        }
    }

    /// <summary>Where the person does the duty, or null when there is none.</summary>
    public static string? PageOf(AccountDuty duty) => duty switch
    {
        AccountDuty.None => null,
        AccountDuty.ChangePassword => ChangePasswordPage,
        AccountDuty.EnrolSecondFactor => EnrolPage,
        _ => throw new InvalidOperationException($"Unknown duty {duty}."),
    };

    /// <summary>The page the signed-in person must go to first, or null.</summary>
    public static string? PendingPage(ClaimsPrincipal user) => user.FindFirst(OpdClaims.Duty)?.Value;

    /// <summary>Pages a person with a duty may still open: the duty's own, and signing in and out.</summary>
    public static bool PageAllowed(string duty, string pageTemplate) =>
        pageTemplate.Equals(duty, StringComparison.OrdinalIgnoreCase)
        || pageTemplate.StartsWith("/signin", StringComparison.OrdinalIgnoreCase)
        || pageTemplate is "/forbidden" or "/not-found" or "/Error";
}

/// <summary>
/// The API's side of a pending duty: a program signed in with an admin-issued password may only change it
/// (POST /api/auth/password) and use the sign-in endpoints; everything else is 403 until it does.
/// </summary>
public sealed class AccountDutyGate(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (AccountDuties.PendingPage(http.User) is not { } duty || !OpdPaths.IsApi(http.Request.Path)
            || http.Request.Path.StartsWithSegments("/api/auth") || http.Request.Path.StartsWithSegments("/account"))
        {
            await next(http);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Forbidden.",
                Detail = duty == AccountDuties.ChangePasswordPage
                    ? "Change your password first: an admin set it. POST /api/auth/password with currentPassword and newPassword, or use the Change my password page."
                    : "Set up your second factor first, on the page " + AccountDuties.EnrolPage + ".",
            },
        });
    }
}

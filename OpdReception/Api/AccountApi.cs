using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpdReception.Security;

namespace OpdReception.Api;

/// <summary>A person's own account: changing their password, turning on the second factor, and the second step of sign-in.</summary>
internal static class AccountApi
{
    public sealed record PasswordChange(string? CurrentPassword, string? NewPassword);

    public sealed record SecondFactorBody(string? Code, string? RecoveryCode);

    public sealed record EnrolBody(string? Code);

    public sealed record RecoveryCodesView(IReadOnlyList<string> RecoveryCodes);

    /// <summary>The sign-in page's answer when the password was right and a code is still needed.</summary>
    public sealed record CodeNeeded(bool TwoFactor, string StartPage);

    public static void MapAccountSecurity(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/password", ChangePasswordAsync)
            .RequireRateLimiting(OpdIdentity.SignInLimit)
            .WithTags("Sign-in").ProducesErrors(400, 401, 409, 429)
            .WithSummary("Change your own password (required first when an admin set it); a bearer caller gets new tokens, the old ones stop working");

        var account = app.MapGroup("/account").ExcludeFromDescription();
        account.MapPost("/signin/two-factor", SecondStepAsync).RequireRateLimiting(OpdIdentity.SignInLimit);
        app.MapPost("/api/auth/two-factor", async (EnrolBody body, HttpContext http, AccountSecurity security, SignInManager<OpdUser> signIn) =>
            {
                var enabled = await security.EnableTwoFactorAsync(http.User, body.Code);
                if (enabled.IsOk && signIn.UserManager.GetUserId(http.User) is { } id)
                {
                    var user = await FreshAsync(signIn, id);
                    // Turning it on renewed the security stamp: a new cookie keeps this browser signed in, now with the second factor.
                    await RenewCookieAsync(http, signIn, user);
                }

                return enabled.ToHttp(codes => TypedResults.Ok(new RecoveryCodesView(codes)));
            })
            .RequireRateLimiting(OpdIdentity.SignInLimit)
            .WithTags("Sign-in").Produces<RecoveryCodesView>().ProducesErrors(400, 409, 429)
            .WithSummary("Turn on your second factor with a code from the authenticator app (the key is on the page /account/two-factor); answers 10 recovery codes, shown once");
    }

    private static async Task<IResult> ChangePasswordAsync(PasswordChange body, HttpContext http, AccountSecurity security, SignInManager<OpdUser> signIn, StartPages pages)
    {
        var changed = await security.ChangePasswordAsync(http.User, body.CurrentPassword, body.NewPassword);
        if (!changed.IsOk)
        {
            return ApiResults.ToHttp(changed.Problem!);
        }

        var user = await FreshAsync(signIn, changed.Value!);
        if (http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            // The old tokens carried the old security stamp; the program goes on with new ones.
            return TypedResults.SignIn(await signIn.CreateUserPrincipalAsync(user), authenticationScheme: IdentityConstants.BearerScheme);
        }

        await RenewCookieAsync(http, signIn, user);
        return TypedResults.Ok(new AuthApi.SignedIn(pages.For(await signIn.CreateUserPrincipalAsync(user))));
    }

    /// <summary>
    /// A new cookie for the account's new security stamp. Not RefreshSignInAsync: it re-reads the cookie, which the
    /// stamp check already refuses once the cookie is older than the check's interval.
    /// </summary>
    private static Task RenewCookieAsync(HttpContext http, SignInManager<OpdUser> signIn, OpdUser user) =>
        signIn.SignInAsync(user, isPersistent: false, http.User.FindFirst(System.Security.Claims.ClaimTypes.AuthenticationMethod)?.Value);

    /// <summary>
    /// The account as just written. Not FindByIdAsync: this request's context already holds it from the cookie's
    /// stamp check, with the old stamp, and a cookie made from that would be refused at once.
    /// </summary>
    private static Task<OpdUser> FreshAsync(SignInManager<OpdUser> signIn, string id) =>
        signIn.UserManager.Users.AsNoTracking().SingleAsync(u => u.Id == id);

    /// <summary>The page's second step: the password was right (Identity's two-factor cookie says whose), now the code.</summary>
    private static async Task<IResult> SecondStepAsync(SecondFactorBody body, HttpContext http, SignInManager<OpdUser> signIn, SignInDesk desk, StartPages pages, ILoggerFactory logs)
    {
        var log = logs.CreateLogger("OpdReception.Security.SignIn");
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return TypedResults.Problem("The sign-in step has expired; enter your email and password again.",
                statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in.");
        }

        if (desk.SecondFactorWait(user, http) is { } wait)
        {
            return AuthApi.Throttled(http, wait);
        }

        var result = await SecondFactor.SignInAsync(signIn, body.Code, body.RecoveryCode);
        if (result is not { Succeeded: true })
        {
            log.LogWarning("Second factor refused for user {User}", user.Id);
            if (result is not null)
            {
                desk.SecondFactorRefused(user, http);
            }

            return result is null ? SecondFactor.CodeMissing("code") : SecondFactor.Refused(result);
        }

        desk.SecondFactorAccepted(user, http);

        log.LogInformation("User {User} signed in with a second factor", user.Id);
        return TypedResults.Ok(new AuthApi.SignedIn(pages.For(await signIn.CreateUserPrincipalAsync(user))));
    }
}

/// <summary>Identity's authenticator and recovery-code sign-in, for the page's second step and the bearer login alike.</summary>
internal static class SecondFactor
{
    /// <summary>Null when neither a well-formed code nor a recovery code was sent.</summary>
    public static async Task<SignInResult?> SignInAsync(SignInManager<OpdUser> signIn, string? code, string? recoveryCode)
    {
        if (TwoFactorCode.Normalize(code) is { } digits)
        {
            return await signIn.TwoFactorAuthenticatorSignInAsync(digits, isPersistent: false, rememberClient: false);
        }

        return TwoFactorCode.NormalizeRecovery(recoveryCode) is { } recovery && string.IsNullOrEmpty(code)
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(recovery)
            : null;
    }

    /// <summary>
    /// After a right password: a page goes on to its second step; a program must have sent the code with the password,
    /// and Identity finishes the sign-in in this same request.
    /// </summary>
    public static async Task<(OpdUser? User, IResult? Problem)> AfterPasswordAsync(OpdUser user, AuthApi.SignInBody body, HttpContext http, string scheme)
    {
        if (scheme != IdentityConstants.BearerScheme)
        {
            return (null, TypedResults.Ok(new AccountApi.CodeNeeded(true, "/signin/two-factor")));
        }

        var signIn = http.RequestServices.GetRequiredService<SignInManager<OpdUser>>();
        var desk = http.RequestServices.GetRequiredService<SignInDesk>();
        var result = await SignInAsync(signIn, body.TwoFactorCode, body.TwoFactorRecoveryCode);
        if (result is { Succeeded: true })
        {
            desk.SecondFactorAccepted(user, http);
            return (user, null);
        }

        if (result is not null)
        {
            desk.SecondFactorRefused(user, http);
        }

        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("OpdReception.Security.SignIn")
            .LogWarning("Second factor refused for user {User} at {Path}", user.Id, Domain.TextRules.ForLog(http.Request.Path.Value));
        return (null, result is null ? CodeMissing("twoFactorCode") : Refused(result));
    }

    public static IResult CodeMissing(string field) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]>
        {
            [field] = ["This account signs in with a second factor: send the 6-digit code from the authenticator app, or one of the recovery codes."],
        },
        title: "A second-factor code is needed.");

    public static IResult Refused(SignInResult result) => TypedResults.Problem(
        result.IsLockedOut ? "Too many failed attempts: this account is locked for a while." : "The code is not right, or that recovery code was already used.",
        statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in.");
}

using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpdReception.Domain;
using OpdReception.Security;

namespace OpdReception.Api;

/// <summary>Sign-in for programs (bearer tokens) and for the app's own pages (the cookie). No registration: only an admin creates accounts.</summary>
internal static class AuthApi
{
    /// <param name="TwoFactorCode">For an account with a second factor (bearer login): the authenticator app's 6-digit code.</param>
    /// <param name="TwoFactorRecoveryCode">Instead of the code: one of the account's recovery codes, each good once.</param>
    public sealed record SignInBody(string? Email, string? Password, string? TwoFactorCode = null, string? TwoFactorRecoveryCode = null);

    public sealed record RefreshBody(string? RefreshToken);

    public sealed record Me(string Id, string Name, string? Email, IReadOnlyList<string> Roles, int? DoctorId, string StartPage);

    public sealed record SignedIn(string StartPage);

    public static void MapAuth(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Sign-in");
        // The bearer scheme writes the token answer itself when the sign-in succeeds.
        auth.MapPost("/login", async (SignInBody body, HttpContext http) =>
                (await SignInAsync(body, http, IdentityConstants.BearerScheme)).Problem ?? TypedResults.Empty)
            .RequireRateLimiting(OpdIdentity.SignInLimit)
            .Produces<AccessTokenResponse>().ProducesErrors(400, 401, 429)
            .WithSummary("Exchange email and password for a bearer token (send it as Authorization: Bearer ...)");

        auth.MapPost("/refresh", RefreshAsync)
            .RequireRateLimiting(SignInLimits.RefreshLimit)
            .Produces<AccessTokenResponse>().ProducesErrors(401, 429)
            .WithSummary("Exchange a refresh token for a new bearer token");

        auth.MapPost("/logout", async (HttpContext http, ServerSessions sessions, SignInManager<OpdUser> signIn) =>
            {
                await EndThisSessionAsync(http, sessions, signIn);
                return TypedResults.NoContent();
            })
            .ProducesErrors(401).WithSummary("Sign out: the bearer token's sign-in (every token of its family) or the browser's session ends");

        auth.MapPost("/sign-out-everywhere", async (HttpContext http, ServerSessions sessions, SignInManager<OpdUser> signIn) =>
            {
                await sessions.EndAllAsync(http.User.UserId()!);
                await EndThisSessionAsync(http, sessions, signIn);
                return TypedResults.NoContent();
            })
            .ProducesErrors(401).WithSummary("Sign out on every browser and program signed in as you");

        auth.MapGet("/me", (HttpContext http, StartPages pages) => TypedResults.Ok(new Me(
                http.User.UserId()!, http.User.DisplayName(), http.User.Identity?.Name, Roles.All.Where(http.User.IsInRole).ToList(),
                http.User.DoctorId(), pages.For(http.User))))
            .WithSummary("Who is signed in");

        var account = app.MapGroup("/account").ExcludeFromDescription();
        account.MapPost("/signin", async (SignInBody body, HttpContext http, SignInManager<OpdUser> signIn, StartPages pages) =>
            {
                var (user, problem) = await SignInAsync(body, http, IdentityConstants.ApplicationScheme);
                return problem ?? TypedResults.Ok(new SignedIn(pages.For(await signIn.CreateUserPrincipalAsync(user!))));
            })
            .RequireRateLimiting(OpdIdentity.SignInLimit);

        account.MapPost("/signout", async (SignInManager<OpdUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.NoContent();
        });
    }

    private static async Task<(OpdUser? User, IResult? Problem)> SignInAsync(SignInBody body, HttpContext http, string scheme)
    {
        if (string.IsNullOrWhiteSpace(body.Email) || string.IsNullOrEmpty(body.Password))
        {
            return (null, TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["email"] = string.IsNullOrWhiteSpace(body.Email) ? ["Enter your email."] : [],
                ["password"] = string.IsNullOrEmpty(body.Password) ? ["Enter your password."] : [],
            }.Where(e => e.Value.Length > 0).ToDictionary(), title: "The request is not valid."));
        }

        return await http.RequestServices.GetRequiredService<SignInDesk>().SignInAsync(body.Email, body.Password, scheme, http) switch
        {
            SignedInUser signedIn => (signedIn.User, null),
            SecondFactorNeeded needed => await SecondFactor.AfterPasswordAsync(needed.User, body, http, scheme),
            SignInThrottled throttled => (null, Throttled(http, throttled.Wait)),
            _ => (null, TypedResults.Problem(SignInDesk.RefusedWords, statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in.")),
        };
    }

    internal static IResult Throttled(HttpContext http, TimeSpan wait)
    {
        var seconds = SignInDesk.Seconds(wait);
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(SignInDesk.ThrottledWords(seconds), statusCode: StatusCodes.Status429TooManyRequests, title: SignInDesk.ThrottledTitle);
    }

    private static async Task EndThisSessionAsync(HttpContext http, ServerSessions sessions, SignInManager<OpdUser> signIn)
    {
        if (http.User.FindFirstValue(ServerSessions.FamilyClaim) is { } family)
        {
            await sessions.EndAsync(family);
        }
        else
        {
            // The cookie: its session row goes with it (DbTicketStore).
            await signIn.SignOutAsync();
        }
    }

    /// <summary>
    /// As Identity's own refresh endpoint (a valid, unexpired refresh token of a user whose security stamp still holds),
    /// and the token is spent: the answer carries the next one of its family (<see cref="BearerFamilies"/>).
    /// </summary>
    private static async Task<IResult> RefreshAsync(RefreshBody body, SignInManager<OpdUser> signIn, IOptionsMonitor<BearerTokenOptions> bearer, BearerFamilies families)
    {
        if (string.IsNullOrEmpty(body.RefreshToken))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["refreshToken"] = ["Send the refresh token from the sign-in answer."] },
                title: "The request is not valid.");
        }

        var options = bearer.Get(IdentityConstants.BearerScheme);
        var ticket = options.RefreshTokenProtector.Unprotect(body.RefreshToken);
        var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        if (ticket?.Properties.ExpiresUtc is not { } expires || now >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user)
        {
            return TypedResults.Problem("The refresh token is not valid or has expired; sign in again.",
                statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in.");
        }

        var (decision, claims) = await families.SpendAsync(ticket.Principal);
        return decision switch
        {
            RefreshRotates => TypedResults.SignIn(BearerFamilies.With(await signIn.CreateUserPrincipalAsync(user), claims), authenticationScheme: IdentityConstants.BearerScheme),
            RefreshReplayed => TypedResults.Problem("This refresh token was already used, so every token of its sign-in is now revoked; sign in again.",
                statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in."),
            RefreshRefused refused => TypedResults.Problem(refused.Reason, statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in."),
            _ => throw new InvalidOperationException($"Unhandled refresh decision {decision}."),
        };
    }
}

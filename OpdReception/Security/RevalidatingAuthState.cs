using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace OpdReception.Security;

/// <summary>
/// An open screen checks every minute that its user still may be signed in: a locked account, a changed password or
/// changed roles (each renews the security stamp) signs the screen out instead of leaving it working for the day.
/// </summary>
internal sealed class RevalidatingAuthState : RevalidatingServerAuthenticationStateProvider
{
    private readonly IServiceScopeFactory scopes;
    private readonly IOptions<IdentityOptions> options;
    private readonly ServerSessions sessions;

    public RevalidatingAuthState(ILoggerFactory loggers, IServiceScopeFactory scopes, IOptions<IdentityOptions> options, ServerSessions sessions)
        : base(loggers)
    {
        this.scopes = scopes;
        this.options = options;
        this.sessions = sessions;
        sessions.Ended += OnSessionEnded;
    }

    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    /// <summary>
    /// A sign-out, sign-out everywhere or account change elsewhere reaches this screen at once (by push): it turns
    /// anonymous, and the layout's <c>SessionWatch</c> takes it to the sign-in page. The check above stays as the backstop.
    /// </summary>
    private void OnSessionEnded(SessionEnd end) => _ = EndIfOursAsync(end);

    private async Task EndIfOursAsync(SessionEnd end)
    {
        ClaimsPrincipal user;
        try
        {
            user = (await GetAuthenticationStateAsync()).User;
        }
        catch (InvalidOperationException)
        {
            // The circuit has not been given its user yet: the first request already met the ended session.
            return;
        }

        if (user.UserId() == end.UserId && (end.Key is null || user.FindFirstValue(ServerSessions.SessionClaim) == end.Key))
        {
            SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
        }
    }

    protected override void Dispose(bool disposing)
    {
        sessions.Ended -= OnSessionEnded;
        base.Dispose(disposing);
    }

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken)
    {
        AsyncServiceScope scope;
        try
        {
            scope = scopes.CreateAsyncScope();
        }
        catch (ObjectDisposedException)
        {
            // The app is stopping and its screens close with it: nothing is left to sign out of.
            return true;
        }

        await using (scope)
        {
            // The session too: idle for too long (no touch of the screen), past its lifetime, or ended elsewhere.
            return state.User.FindFirstValue(ServerSessions.SessionClaim) is { } key
                && await sessions.AliveAsync(key, activity: false, cancellationToken) is not null
                && await StillValidAsync(scope.ServiceProvider.GetRequiredService<UserManager<OpdUser>>(), state.User, options.Value);
        }
    }

    public static async Task<bool> StillValidAsync(UserManager<OpdUser> users, ClaimsPrincipal principal, IdentityOptions options)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            return false;
        }

        return !users.SupportsUserSecurityStamp
            || principal.FindFirstValue(options.ClaimsIdentity.SecurityStampClaimType) == await users.GetSecurityStampAsync(user);
    }
}

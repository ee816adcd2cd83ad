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
internal sealed class RevalidatingAuthState(ILoggerFactory loggers, IServiceScopeFactory scopes, IOptions<IdentityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

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
            return await StillValidAsync(scope.ServiceProvider.GetRequiredService<UserManager<OpdUser>>(), state.User, options.Value);
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

using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpdReception.Data;

namespace OpdReception.Security;

/// <summary>
/// The cookie carries only a session key; the sign-in itself lives in <see cref="UserSession"/>, protected as the cookie
/// would be. Signing out deletes the row, so a copy of the cookie taken before stops working.
/// </summary>
internal sealed class DbTicketStore(ServerSessions sessions, IDataProtector protector) : ITicketStore
{
    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, CancellationToken.None);

    public Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken) => StoreAsync(ticket, null!, cancellationToken);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var key = ServerSessions.NewKey();
        Mark(ticket, key);
        var now = sessions.Now;
        var lifetimeEnd = now + sessions.Options.Absolute;
        var expires = ticket.Properties.ExpiresUtc is { } wanted && wanted < lifetimeEnd ? wanted : lifetimeEnd;
        await sessions.StartAsync(key, ticket.Principal.UserId() ?? "", SessionKind.Cookie, Protect(ticket), expires, cancellationToken);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, CancellationToken.None);

    public Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken) => RenewAsync(key, ticket, null!, cancellationToken);

    /// <summary>The account check renews the principal every minute; the session's absolute end stays where sign-in put it.</summary>
    public Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        Mark(ticket, key);
        return sessions.RenewTicketAsync(key, Protect(ticket), cancellationToken);
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    public Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken) => RetrieveAsync(key, null!, cancellationToken);

    /// <summary>Every request of the browser counts as activity against the idle timeout.</summary>
    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var row = await sessions.AliveAsync(key, activity: true, cancellationToken);
        if (row?.Ticket is not { } bytes)
        {
            return null;
        }

        try
        {
            return TicketSerializer.Default.Deserialize(protector.Unprotect(bytes));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // The keys that protected it are gone: the session cannot be read, so it is over.
            await sessions.EndAsync(key, cancellationToken);
            return null;
        }
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) => RemoveAsync(key, null!, cancellationToken);

    public Task RemoveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken) => sessions.EndAsync(key, cancellationToken);

    private byte[] Protect(AuthenticationTicket ticket) => protector.Protect(TicketSerializer.Default.Serialize(ticket));

    /// <summary>The principal a screen holds names its session, so an end of that session reaches that screen.</summary>
    private static void Mark(AuthenticationTicket ticket, string key)
    {
        if (ticket.Principal.Identity is ClaimsIdentity identity && identity.FindFirst(ServerSessions.SessionClaim)?.Value != key)
        {
            foreach (var old in identity.FindAll(ServerSessions.SessionClaim).ToList())
            {
                identity.RemoveClaim(old);
            }

            identity.AddClaim(new Claim(ServerSessions.SessionClaim, key));
        }
    }
}

/// <summary>Program sign-ins (the bearer scheme) start a token family; everything else signs in as Identity does.</summary>
public sealed class OpdSignInManager(
    UserManager<OpdUser> users, IHttpContextAccessor http, IUserClaimsPrincipalFactory<OpdUser> claims, IOptions<IdentityOptions> options,
    ILogger<SignInManager<OpdUser>> logger, IAuthenticationSchemeProvider schemes, IUserConfirmation<OpdUser> confirmation, BearerFamilies families)
    : SignInManager<OpdUser>(users, http, claims, options, logger, schemes, confirmation)
{
    public override async Task SignInWithClaimsAsync(OpdUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        if (AuthenticationScheme == IdentityConstants.BearerScheme)
        {
            additionalClaims = additionalClaims.Concat(await families.StartAsync(user.Id));
        }

        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
    }
}

using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpdReception.Domain;

namespace OpdReception.Security;

/// <summary>
/// A bearer token carries no later news of its account: a locked account or a renewed security stamp ends it now,
/// by leaving the request unauthenticated (so it is answered 401, as with no token). Cookies are checked by
/// Identity's own security stamp validator.
/// </summary>
internal sealed class BearerStampCheck(IHttpContextAccessor accessor, AccountStamps stamps, IOptions<IdentityOptions> identity, ILogger<BearerStampCheck> log)
    : IClaimsTransformation
{
    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (accessor.HttpContext is not { } http || !principal.IsSignedIn()
            || !http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            || await stamps.StillValidAsync(principal, http.RequestServices, identity.Value))
        {
            return principal;
        }

        log.LogWarning("Refused a bearer token of user {User} at {Path}: the account is locked or its security stamp changed", principal.UserId(), TextRules.ForLog(http.Request.Path.Value));
        return new ClaimsPrincipal(new ClaimsIdentity());
    }
}

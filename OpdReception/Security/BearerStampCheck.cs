using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpdReception.Domain;

namespace OpdReception.Security;

/// <summary>
/// A bearer token carries no later news of its account: a locked account or a renewed security stamp ends it now.
/// Checked as the token is read, so the request is unauthenticated and answered 401, as with no token at all.
/// Cookies are checked by Identity's own security stamp validator.
/// </summary>
internal static class BearerStampCheck
{
    public static IServiceCollection AddBearerStampCheck(this IServiceCollection services)
    {
        services.AddOptions<BearerTokenOptions>(IdentityConstants.BearerScheme)
            .Configure<AccountStamps, IOptions<IdentityOptions>, ILoggerFactory>((o, stamps, identity, loggers) =>
            {
                var log = loggers.CreateLogger(typeof(BearerStampCheck).FullName!);
                o.Events.OnMessageReceived = async ctx =>
                {
                    var header = ctx.Request.Headers.Authorization.ToString();
                    var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
                    var ticket = string.IsNullOrEmpty(token) ? null : ctx.Options.BearerTokenProtector.Unprotect(token);
                    if (ticket?.Properties.ExpiresUtc is not { } expires || (ctx.Options.TimeProvider ?? TimeProvider.System).GetUtcNow() >= expires)
                    {
                        // Missing, forged or expired: the handler refuses it as it would without this check.
                        return;
                    }

                    if (await stamps.StillValidAsync(ticket.Principal, ctx.HttpContext.RequestServices, identity.Value))
                    {
                        // Read once here rather than twice: the handler takes the checked ticket as it is.
                        ctx.Principal = ticket.Principal;
                        ctx.Properties = ticket.Properties;
                        ctx.Success();
                        return;
                    }

                    log.LogWarning("Refused a bearer token of user {User} at {Path}: the account is locked or its security stamp changed",
                        ticket.Principal.UserId(), TextRules.ForLog(ctx.Request.Path.Value));
                    ctx.Fail("The account is locked or its security stamp changed.");
                };
            });
        return services;
    }
}

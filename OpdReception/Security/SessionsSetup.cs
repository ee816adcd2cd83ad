using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace OpdReception.Security;

/// <summary>Server-side sessions for cookies and token families (docs/security.md, "Sessions that end").</summary>
public static class SessionsSetup
{
    public static IServiceCollection AddServerSessions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SessionOptions>()
            .Bind(configuration.GetSection(SessionOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ServerSessions>();
        services.AddSingleton<BearerFamilies>();

        // After Identity's own cookie settings: the session store, and a lifetime that the settings decide and nothing slides.
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .PostConfigure<ServerSessions, IDataProtectionProvider>((cookie, sessions, protection) =>
            {
                cookie.SessionStore = new DbTicketStore(sessions, protection.CreateProtector("OpdReception.Sessions.Ticket"));
                cookie.ExpireTimeSpan = sessions.Options.Absolute;
                cookie.SlidingExpiration = false;
            });
        return services;
    }
}

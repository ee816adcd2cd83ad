using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using OpdReception.Data;
using OpdReception.Domain;
using OpdReception.Services;

namespace OpdReception.Security;

/// <summary>Identity with its EF stores in the OPD database: the browser signs in with a cookie, programs with a bearer token.</summary>
public static class OpdIdentity
{
    /// <summary>Picks the bearer scheme when the request carries a bearer token, else the cookie.</summary>
    public const string Scheme = "Opd";

    public const string SignInLimit = "sign-in";

    /// <summary>An access token lives this long; a program renews it with its (single-use) refresh token.</summary>
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromMinutes(15);

    public static IServiceCollection AddOpdIdentity(this IServiceCollection services, IHostEnvironment environment, IConfiguration configuration)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
                o.DefaultForbidScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "Cookie or bearer token", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o =>
            {
                o.BearerTokenExpiration = AccessTokenLifetime;
                o.RefreshTokenExpiration = TimeSpan.FromDays(14);
            })
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "opd.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = SecureDefaults.HttpsOnly(environment) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/signin";
            o.AccessDeniedPath = "/forbidden";

            // The API answers 401/403 (as ProblemDetails, by the status-code pages); only pages redirect.
            o.Events.OnRedirectToLogin = ctx => Answer(ctx.HttpContext, ctx.RedirectUri, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => Answer(ctx.HttpContext, ctx.RedirectUri, StatusCodes.Status403Forbidden);
        });

        services.AddIdentityCore<OpdUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                // Lockout stays on for the admin's own Lock and Deactivate; wrong passwords never lock (SignInDesk).
                o.Lockout.AllowedForNewUsers = true;
                // Identity's second-factor sign-in counts each wrong code towards a lock; no count may ever lock, or whoever
                // knows a password could lock its admin out and cut their sessions. Wrong codes are slowed like passwords.
                o.Lockout.MaxFailedAccessAttempts = int.MaxValue;
                // PasswordRules decides (OpdPasswordValidator): length and the breached list, no forced digits or symbols,
                // as NIST SP 800-63B advises; a person reads one message, not several.
                o.Password.RequiredLength = 1;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<OpdDbContext>()
            .AddSignInManager<OpdSignInManager>()
            .AddClaimsPrincipalFactory<OpdClaimsFactory>()
            .AddPasswordValidator<OpdPasswordValidator>()
            .AddDefaultTokenProviders();

        // A cookie is checked against the account (locked, password or roles changed) every minute, as are open screens.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddOpdAuthorization();
        services.AddBearerStampCheck();
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, RevalidatingAuthState>();
        services.AddSingleton<AccountStamps>();
        services.AddServerSessions(configuration);
        services.AddScoped<OpdAccounts>();
        services.AddSingleton<AccountDuties>();
        services.AddSingleton<AccountSecurity>();
        services.AddSingleton(new StartPages());
        services.AddSignInGuards();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = http.RequestServices.GetRequiredService<IOptionsMonitor<OpdOptions>>().CurrentValue.SignInAttemptsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            o.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var http = context.HttpContext;
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("OpdReception.Security.SignIn")
                    .LogWarning("Sign-in attempts over the limit from {Client} at {Path}", http.Connection.RemoteIpAddress, TextRules.ForLog(http.Request.Path.Value));
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many sign-in attempts.",
                        Detail = $"Please wait {http.Response.Headers.RetryAfter} seconds before trying again.",
                    },
                });
            };
        });
        return services;
    }


    private static Task Answer(HttpContext http, string redirectUri, int status)
    {
        if (OpdPaths.IsApi(http.Request.Path))
        {
            http.Response.StatusCode = status;
        }
        else
        {
            http.Response.Redirect(redirectUri);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Adds the display name and the linked doctor to Identity's own claims (id, name, roles, security stamp).</summary>
public sealed class OpdClaimsFactory(UserManager<OpdUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options, AccountDuties duties)
    : UserClaimsPrincipalFactory<OpdUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(OpdUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(OpdClaims.DisplayName, user.DisplayName.Length > 0 ? user.DisplayName : user.Email ?? user.UserName ?? user.Id));
        if (user.DoctorId is { } doctorId)
        {
            identity.AddClaim(new Claim(OpdClaims.DoctorId, doctorId.ToString(CultureInfo.InvariantCulture)));
        }

        duties.AddClaim(identity, user);

        return identity;
    }
}

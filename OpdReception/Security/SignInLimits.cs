using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using OpdReception.Services;

namespace OpdReception.Security;

/// <summary>
/// What guards sign-in besides the password: the per address and account slow-down (<see cref="SignInAttempts"/>),
/// and a limit of its own on token refresh, so a leaked refresh token cannot be hammered and refreshing cannot crowd
/// out signing in. Both answer 429 with Retry-After and the sign-in's own words.
/// </summary>
public static class SignInLimits
{
    public const string RefreshLimit = "refresh";

    public static IServiceCollection AddSignInGuards(this IServiceCollection services)
    {
        services.AddSingleton<SignInAttempts>();
        services.AddSingleton<SignInFingerprints>();
        services.AddSingleton<DummyPasswordHash>();
        services.AddScoped<SignInDesk>();
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(RefreshLimit, http => RateLimitPartition.GetFixedWindowLimiter(
            http.Connection.RemoteIpAddress?.ToString() ?? "local",
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = http.RequestServices.GetRequiredService<IOptionsMonitor<OpdOptions>>().CurrentValue.RefreshesPerMinutePerClient,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            })));
        return services;
    }
}

using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace OpdReception.Api;

/// <summary>
/// A named rate-limit policy counted per minute, refused in its own words: issuing, self check-in and the patient's
/// page each tell the person something different, while every other policy keeps its refusal.
/// </summary>
internal static class MinuteLimits
{
    public static IServiceCollection AddMinuteLimit(
        this IServiceCollection services, string policy, Func<HttpContext, string> partition, Func<HttpContext, int> permits,
        Func<OnRejectedContext, ValueTask> refuse)
    {
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(policy, http => RateLimitPartition.GetFixedWindowLimiter(
            partition(http),
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits(http),
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            })));
        services.PostConfigure<RateLimiterOptions>(o =>
        {
            var others = o.OnRejected;
            o.OnRejected = (context, ct) => context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == policy
                ? refuse(context)
                : others?.Invoke(context, ct) ?? ValueTask.CompletedTask;
        });
        return services;
    }

    /// <summary>Anonymous callers are told apart by their address.</summary>
    public static string Address(HttpContext http) => $"ip:{http.Connection.RemoteIpAddress}";
}

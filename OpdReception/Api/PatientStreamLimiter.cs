using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using OpdReception.Services;

namespace OpdReception.Api;

/// <summary>
/// The same count per address and minute as the page's other requests (<see cref="PatientPageOptions.RequestsPerMinutePerAddress"/>),
/// for the event stream, which runs ahead of the rate-limiting middleware (<see cref="PatientPageApi"/>).
/// </summary>
public sealed class PatientStreamLimiter(IOptionsMonitor<PatientPageOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(
        address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.CurrentValue.RequestsPerMinutePerAddress,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public bool TryTake(IPAddress? address)
    {
        using var lease = _limiter.AttemptAcquire($"ip:{address}");
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}

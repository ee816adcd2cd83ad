using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using OpdReception.Services;

namespace OpdReception.Api;

/// <summary>
/// The same count per address and minute as the page's other requests (<see cref="PatientPageOptions.RequestsPerMinutePerAddress"/>),
/// for the event stream, which runs ahead of the rate-limiting middleware (<see cref="PatientPageApi"/>); and the
/// streams each address holds open (<see cref="PatientPageOptions.MaxOpenStreamsPerAddress"/>), counted apart from
/// the TV screens' places, since a waiting room of phones shares one address.
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

    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _open = [];

    public int OpenLimit => options.CurrentValue.MaxOpenStreamsPerAddress;

    public bool TryTake(IPAddress? address)
    {
        using var lease = _limiter.AttemptAcquire($"ip:{address}");
        return lease.IsAcquired;
    }

    /// <summary>A stream goes live: false when its address already holds <see cref="OpenLimit"/> open.</summary>
    public bool TryOpen(IPAddress? address)
    {
        lock (_gate)
        {
            var key = KeyOf(address);
            var held = _open.GetValueOrDefault(key);
            if (held >= OpenLimit)
            {
                return false;
            }

            _open[key] = held + 1;
            return true;
        }
    }

    public void Close(IPAddress? address)
    {
        lock (_gate)
        {
            var key = KeyOf(address);
            if (_open.GetValueOrDefault(key) <= 1)
            {
                _open.Remove(key);
            }
            else
            {
                _open[key]--;
            }
        }
    }

    /// <summary>Streams the address holds open.</summary>
    public int Open(IPAddress? address)
    {
        lock (_gate)
        {
            return _open.GetValueOrDefault(KeyOf(address));
        }
    }

    // One machine is one address however it reached us (IPv4 on a dual-stack socket comes mapped into IPv6).
    private static string KeyOf(IPAddress? address) =>
        address is null ? "" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

    public void Dispose() => _limiter.Dispose();
}

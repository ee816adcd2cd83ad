using System.Net;
using Microsoft.Extensions.Options;
using OpdReception.Services;

namespace OpdReception.Security;

/// <summary>
/// How many display screens each client address holds open, against
/// <see cref="OpdOptions.MaxAnonymousScreensPerClient"/>. A page's GET reserves a place (so the refusal can be a plain
/// page with a status code), its live connection takes it over, and a closed or dropped connection gives it back.
/// A reservation whose page never connects lapses after <see cref="Unclaimed"/>, or a script fetching the page
/// without running it would lock its address out.
/// </summary>
public sealed class AnonymousScreens(IOptionsMonitor<OpdOptions> options, TimeProvider time)
{
    public static readonly TimeSpan Unclaimed = TimeSpan.FromSeconds(30);

    /// <summary>Addresses whose reservations all lapsed are swept once this many are known.</summary>
    private const int ForgetPast = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Client> _clients = [];

    public int Limit => options.CurrentValue.MaxAnonymousScreensPerClient;

    /// <summary>A page GET: false when the address already holds its limit.</summary>
    public bool TryReserve(IPAddress? address)
    {
        lock (_gate)
        {
            if (_clients.Count > ForgetPast)
            {
                foreach (var idle in _clients.Keys.ToList())
                {
                    Forget(idle, ClientOf(idle));
                }
            }

            var client = ClientOf(address);
            if (client.Count >= Limit)
            {
                return false;
            }

            client.Reserved.Enqueue(time.GetUtcNow());
            return true;
        }
    }

    /// <summary>
    /// A page's connection goes live: it takes its GET's reservation, or a free place (a connection may come without a
    /// fresh GET); false when none is left. <paramref name="returning"/> is a dropped connection back: it had a place.
    /// </summary>
    public bool TryOpen(IPAddress? address, bool returning = false)
    {
        lock (_gate)
        {
            var client = ClientOf(address);
            if (client.Reserved.Count > 0)
            {
                client.Reserved.Dequeue();
            }
            else if (client.Count >= Limit && !returning)
            {
                return false;
            }

            client.Live++;
            return true;
        }
    }

    public void Close(IPAddress? address)
    {
        lock (_gate)
        {
            var key = KeyOf(address);
            if (_clients.TryGetValue(key, out var client))
            {
                client.Live = Math.Max(0, client.Live - 1);
                Forget(key, client);
            }
        }
    }

    /// <summary>Places held by the address: live screens and reservations not yet lapsed.</summary>
    public int Held(IPAddress? address)
    {
        lock (_gate)
        {
            return ClientOf(address).Count;
        }
    }

    private Client ClientOf(IPAddress? address) => ClientOf(KeyOf(address));

    private Client ClientOf(string key)
    {
        if (!_clients.TryGetValue(key, out var client))
        {
            client = new Client();
            _clients[key] = client;
        }

        var now = time.GetUtcNow();
        while (client.Reserved.TryPeek(out var at) && now - at >= Unclaimed)
        {
            client.Reserved.Dequeue();
        }

        return client;
    }

    private void Forget(string key, Client client)
    {
        if (client.Count == 0)
        {
            _clients.Remove(key);
        }
    }

    // One machine is one address however it reached us (IPv4 on a dual-stack socket comes mapped into IPv6).
    private static string KeyOf(IPAddress? address) =>
        address is null ? "" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

    private sealed class Client
    {
        public int Live { get; set; }

        public Queue<DateTimeOffset> Reserved { get; } = new();

        public int Count => Live + Reserved.Count;
    }
}

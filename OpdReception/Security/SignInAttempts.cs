using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using OpdReception.Domain;

namespace OpdReception.Security;

/// <summary>
/// The wrong passwords of each address for each account (<see cref="SignInThrottle"/> decides what they mean). Held in
/// memory and bounded: entries quiet for an hour are forgotten, and past <see cref="MaxEntries"/> the oldest go first,
/// so a flood of made-up emails cannot grow it without end.
/// </summary>
public sealed class SignInAttempts(TimeProvider clock)
{
    public const int MaxEntries = 20_000;

    private readonly ConcurrentDictionary<string, SignInFailures> _failures = new();

    public SignInThrottleDecision Check(string key) =>
        SignInThrottle.Check(_failures.GetValueOrDefault(key, SignInFailures.None), clock.GetUtcNow());

    public void Failed(string key)
    {
        var now = clock.GetUtcNow();
        _failures.AddOrUpdate(key, _ => SignInThrottle.Failed(SignInFailures.None, now), (_, failures) => SignInThrottle.Failed(failures, now));
        if (_failures.Count > MaxEntries)
        {
            Evict(now);
        }
    }

    /// <summary>The right password from this address: its earlier typos no longer count.</summary>
    public void Succeeded(string key) => _failures.TryRemove(key, out _);

    public int Count => _failures.Count;

    private void Evict(DateTimeOffset now)
    {
        foreach (var (key, failures) in _failures)
        {
            if (SignInThrottle.Forgotten(failures, now))
            {
                _failures.TryRemove(key, out _);
            }
        }

        var over = _failures.Count - MaxEntries * 3 / 4;
        foreach (var (key, _) in _failures.OrderBy(f => f.Value.Last).Take(Math.Max(0, over)).ToList())
        {
            _failures.TryRemove(key, out _);
        }
    }
}

/// <summary>
/// A short keyed hash of what was typed in the email box, so the log can show the same guesser trying again without
/// ever holding the text (which may be a password typed in the wrong box). The key is new at each start of the app.
/// </summary>
public sealed class SignInFingerprints
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public string Of(string typedEmail) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(Normalize(typedEmail))))[..16];

    /// <summary>The key of the throttle: this address trying this account (typed as the same email in any case).</summary>
    public string Key(IPAddress? address, string typedEmail) => $"{address?.ToString() ?? "local"}|{Of(typedEmail)}";

    private static string Normalize(string email) => email.Trim().ToUpperInvariant();
}

namespace OpdReception.Domain;

/// <summary>Wrong passwords tried so far from one address for one account, and when the last one was.</summary>
public sealed record SignInFailures(int Count, DateTimeOffset Last)
{
    public static readonly SignInFailures None = new(0, DateTimeOffset.MinValue);
}

public abstract record SignInThrottleDecision;

/// <summary>The password may be checked now.</summary>
public sealed record TryAllowed : SignInThrottleDecision;

/// <summary>Too many wrong passwords from this address for this account: it may try again after <paramref name="Wait"/>.</summary>
public sealed record TryLater(TimeSpan Wait) : SignInThrottleDecision;

/// <summary>
/// Slows password guessing down instead of locking the account: a lock would let anyone lock the desk out by typing
/// wrong passwords for it. The count is kept per address and account, so only the guesser waits; the person at their
/// own desk, and every session already open, go on as before.
/// </summary>
public static class SignInThrottle
{
    /// <summary>Wrong passwords allowed without any wait: typos happen.</summary>
    public const int FreeFailures = 3;

    public static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(5);

    /// <summary>An address quiet this long for an account starts from nothing again, so the memory can forget it.</summary>
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(1);

    /// <summary>Whether another password may be checked now.</summary>
    public static SignInThrottleDecision Check(SignInFailures failures, DateTimeOffset now)
    {
        var wait = WaitAfter(Current(failures, now).Count) - (now - failures.Last);
        return wait > TimeSpan.Zero ? new TryLater(wait) : new TryAllowed();
    }

    /// <summary>The failures after one more wrong password at <paramref name="now"/>.</summary>
    public static SignInFailures Failed(SignInFailures failures, DateTimeOffset now) => new(Current(failures, now).Count + 1, now);

    /// <summary>The wait after <paramref name="count"/> wrong passwords: none for the first few, then 2 s, 4 s, 8 s … at most 5 minutes.</summary>
    public static TimeSpan WaitAfter(int count)
    {
        var doublings = count - FreeFailures;
        if (doublings <= 0)
        {
            return TimeSpan.Zero;
        }

        // Past 2^9 × 2 s the cap holds anyway; stopping the shift there keeps it from overflowing.
        var wait = FirstWait * (1L << Math.Min(doublings - 1, 9));
        return wait < LongestWait ? wait : LongestWait;
    }

    public static bool Forgotten(SignInFailures failures, DateTimeOffset now) => now - failures.Last >= ForgetAfter;

    private static SignInFailures Current(SignInFailures failures, DateTimeOffset now) => Forgotten(failures, now) ? SignInFailures.None : failures;
}

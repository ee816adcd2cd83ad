namespace OpdReception.Domain;

/// <summary>Whether a signed-in session (a browser's cookie, a program's token family) may still be used.</summary>
public abstract record SessionCheck;

public sealed record SessionAlive : SessionCheck;

/// <summary>Nobody used it for the idle time: a desk left signed in is not left open to the next person.</summary>
public sealed record SessionIdle : SessionCheck;

/// <summary>Older than the absolute lifetime: even a busy desk signs in again once a shift.</summary>
public sealed record SessionTooOld : SessionCheck;

/// <summary>What a refresh token may do when it is presented.</summary>
public abstract record RefreshDecision;

/// <summary>First use of a live token: it is spent and a new one of the same family issued.</summary>
public sealed record RefreshRotates : RefreshDecision;

/// <summary>A spent token presented again: someone holds a copy, so the whole family ends.</summary>
public sealed record RefreshReplayed : RefreshDecision;

public sealed record RefreshRefused(string Reason) : RefreshDecision;

/// <summary>Session rules. Pure: the caller passes the times it read and "now".</summary>
public static class SessionRules
{
    /// <summary>The longest absolute lifetime the settings accept: one shift.</summary>
    public const int MaxAbsoluteHours = 12;

    /// <summary>
    /// Activity is written down at most this often: a session read on every request would otherwise write on every
    /// request. Idle is counted from the last recorded activity, so it may end up to this much early, never late.
    /// </summary>
    public static readonly TimeSpan RecordActivityEvery = TimeSpan.FromMinutes(1);

    public static SessionCheck Check(DateTimeOffset lastSeenAt, DateTimeOffset expiresAt, DateTimeOffset now, TimeSpan? idle) =>
        now >= expiresAt ? new SessionTooOld()
        : idle is { } limit && now - lastSeenAt >= limit ? new SessionIdle()
        : new SessionAlive();

    public static bool ShouldRecordActivity(DateTimeOffset lastSeenAt, DateTimeOffset now) => now - lastSeenAt >= RecordActivityEvery;

    /// <param name="found">The token's record exists and its family still lives.</param>
    public static RefreshDecision Refresh(bool found, bool used, DateTimeOffset expiresAt, DateTimeOffset now) =>
        !found ? new RefreshRefused("The refresh token is not known or its sign-in has ended; sign in again.")
        : used ? new RefreshReplayed()
        : now >= expiresAt ? new RefreshRefused("The refresh token has expired; sign in again.")
        : new RefreshRotates();
}

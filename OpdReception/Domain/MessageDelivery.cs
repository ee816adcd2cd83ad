namespace OpdReception.Domain;

/// <summary>How patient messages are retried: the first retry after <paramref name="FirstRetry"/>, each next one
/// <paramref name="Factor"/> times later, never longer than <paramref name="LongestWait"/>; after
/// <paramref name="MaxAttempts"/> attempts, or once the message is older than <paramref name="TooLateAfter"/>, it fails.</summary>
public sealed record RetryPolicy(TimeSpan FirstRetry, double Factor, TimeSpan LongestWait, int MaxAttempts, TimeSpan TooLateAfter)
{
    public static readonly RetryPolicy Default = new(TimeSpan.FromSeconds(10), 3, TimeSpan.FromMinutes(15), 8, TimeSpan.FromHours(12));
}

/// <summary>What a channel answered to one attempt.</summary>
public abstract record AttemptResult
{
    private AttemptResult() { }

    /// <summary>The gateway or mail server took the message.</summary>
    public sealed record Accepted : AttemptResult;

    /// <summary>Not taken; <paramref name="Reason"/> is said so an admin can act on it. A permanent refusal is not retried.</summary>
    public sealed record NotAccepted(string Reason, bool Permanent = false) : AttemptResult;
}

/// <summary>What becomes of a message after an attempt.</summary>
public abstract record DeliveryStep
{
    private DeliveryStep() { }

    public sealed record MarkSent(DateTime At) : DeliveryStep;

    public sealed record TryAgain(DateTime At, string Reason) : DeliveryStep;

    public sealed record GiveUp(string Reason) : DeliveryStep;
}

/// <summary>Whether a due message may be attempted now.</summary>
public abstract record MessageClaim
{
    private MessageClaim() { }

    /// <summary>Attempt it; a process killed during the attempt leaves it to be taken again at <paramref name="RetakeAt"/>.</summary>
    public sealed record Attempt(int AttemptNumber, DateTime RetakeAt) : MessageClaim;

    /// <summary>Not attempted at all: too old to be of use to the patient now.</summary>
    public sealed record TooLate(string Reason) : MessageClaim;
}

/// <summary>
/// The retry rule of patient messages: exponential backoff with jitter (so a gateway that comes back is not hit by
/// every message at the same second), a cap, a number of attempts, and an age past which the message is no use.
/// Pure: the time and the random jitter are parameters.
/// </summary>
public static class MessageDelivery
{
    /// <summary>The wait after failed attempt number <paramref name="attempt"/> (1-based), before jitter.</summary>
    public static TimeSpan Backoff(int attempt, RetryPolicy policy)
    {
        var seconds = policy.FirstRetry.TotalSeconds * Math.Pow(policy.Factor, Math.Max(0, attempt - 1));
        return seconds >= policy.LongestWait.TotalSeconds ? policy.LongestWait : TimeSpan.FromSeconds(seconds);
    }

    /// <summary>The wait with jitter: <paramref name="jitter"/> in [0, 1) spreads it over ±20%, never past the cap.</summary>
    public static TimeSpan Jittered(int attempt, RetryPolicy policy, double jitter)
    {
        var spread = Backoff(attempt, policy) * (0.8 + 0.4 * Math.Clamp(jitter, 0, 1));
        return spread > policy.LongestWait ? policy.LongestWait : spread;
    }

    /// <summary>
    /// Before an attempt: its number, and how long it holds the message (<paramref name="attemptTimeout"/> plus a
    /// margin) before a process that died mid-attempt lets another take it again.
    /// </summary>
    public static MessageClaim ClaimFor(int attemptsSoFar, DateTime createdAt, DateTime now, TimeSpan attemptTimeout, RetryPolicy policy) =>
        TooLate(createdAt, now, policy) is { } late
            ? new MessageClaim.TooLate(late)
            : new MessageClaim.Attempt(attemptsSoFar + 1, now + attemptTimeout + TimeSpan.FromSeconds(30));

    /// <summary>Why a message is too old to send now ("please go in now" hours later only misleads); null while it is not.</summary>
    public static string? TooLate(DateTime createdAt, DateTime now, RetryPolicy policy) =>
        now - createdAt > policy.TooLateAfter
            ? $"Not sent within {Hours(policy.TooLateAfter)} of the event, so it is too late to be of use to the patient."
            : null;

    /// <summary>After attempt number <paramref name="attempt"/> answered <paramref name="result"/>.</summary>
    public static DeliveryStep After(int attempt, AttemptResult result, DateTime now, RetryPolicy policy, double jitter) => result switch
    {
        AttemptResult.Accepted => new DeliveryStep.MarkSent(now),
        AttemptResult.NotAccepted { Permanent: true } refused => new DeliveryStep.GiveUp(refused.Reason),
        AttemptResult.NotAccepted refused when attempt >= policy.MaxAttempts =>
            new DeliveryStep.GiveUp($"Gave up after {attempt} attempts. Last answer: {refused.Reason}"),
        AttemptResult.NotAccepted refused => new DeliveryStep.TryAgain(now + Jittered(attempt, policy, jitter), refused.Reason),
        _ => throw new ArgumentOutOfRangeException(nameof(result)),
    };

    private static string Hours(TimeSpan span) =>
        span.TotalHours >= 1 && span.TotalHours == Math.Floor(span.TotalHours) ? $"{span.TotalHours:0} hour(s)" : $"{span.TotalMinutes:0} minute(s)";
}

/// <summary>
/// The per-channel rate: at most <c>perMinute</c> attempts started in any minute. Given when the last attempts
/// started, says how many may start now, or when the next may.
/// </summary>
public static class MessageRate
{
    public static int MayStartNow(IEnumerable<DateTime> recentStarts, DateTime now, int perMinute) =>
        Math.Max(0, perMinute - recentStarts.Count(s => s > now.AddMinutes(-1) && s <= now));

    /// <summary>When the next attempt may start: now if the window has room, else a minute after the oldest start in it.</summary>
    public static DateTime NextStart(IEnumerable<DateTime> recentStarts, DateTime now, int perMinute)
    {
        var window = recentStarts.Where(s => s > now.AddMinutes(-1) && s <= now).Order().ToList();
        return window.Count < perMinute ? now : window[window.Count - perMinute].AddMinutes(1);
    }
}

/// <summary>What the gateway's receipt says became of a message.</summary>
public enum ReceiptStatus { Delivered, Failed }

public abstract record ReceiptOutcome
{
    private ReceiptOutcome() { }

    public sealed record ToDelivered : ReceiptOutcome;

    public sealed record ToFailed(string Reason) : ReceiptOutcome;

    /// <summary>Already so (the gateway sent its receipt twice), or delivered before a late "failed": nothing changes.</summary>
    public sealed record Unchanged : ReceiptOutcome;

    public sealed record Refused(string Reason) : ReceiptOutcome;
}

/// <summary>The gateway's receipts: "delivered" wins over everything before it; a message never sent cannot be delivered.</summary>
public static class MessageReceipt
{
    public static ReceiptOutcome Apply(MessageState current, ReceiptStatus status, string? reason) => (current, status) switch
    {
        (MessageState.Skipped, _) => new ReceiptOutcome.Refused("This message was never sent: the patient asked for no messages."),
        (MessageState.Delivered, _) => new ReceiptOutcome.Unchanged(),
        (_, ReceiptStatus.Delivered) => new ReceiptOutcome.ToDelivered(),
        (MessageState.Failed, ReceiptStatus.Failed) => new ReceiptOutcome.Unchanged(),
        (_, ReceiptStatus.Failed) => new ReceiptOutcome.ToFailed(
            $"The SMS gateway could not deliver it: {(string.IsNullOrWhiteSpace(reason) ? "it gave no reason" : reason.Trim())}"),
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}

namespace OpdReception.Tests.Support;

/// <summary>
/// The clock of sign-in (cookies, bearer tokens, server sessions) in tests: real time, so signing in works whatever
/// hour a test sets the hospital to, plus however far a session test has moved it to age a session.
/// </summary>
public sealed class SignInClock : TimeProvider
{
    private long _aheadTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _aheadTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _aheadTicks, by.Ticks);
}

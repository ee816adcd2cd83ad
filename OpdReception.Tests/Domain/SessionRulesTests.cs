using OpdReception.Domain;

namespace OpdReception.Tests.Domain;

public sealed class SessionRulesTests
{
    private static readonly DateTimeOffset Start = new(2030, 1, 7, 2, 30, 0, TimeSpan.Zero);

    public static TheoryData<int, int, int?, string> Sessions() => new()
    {
        // minutes since last use, minutes since sign-in (lifetime 720), idle limit, verdict
        { 0, 0, 30, nameof(SessionAlive) },
        { 29, 100, 30, nameof(SessionAlive) },
        { 30, 100, 30, nameof(SessionIdle) },
        { 45, 100, 30, nameof(SessionIdle) },
        { 1, 719, 30, nameof(SessionAlive) },
        { 1, 720, 30, nameof(SessionTooOld) },
        { 45, 720, 30, nameof(SessionTooOld) },
        { 600, 600, null, nameof(SessionAlive) },
        { 0, 720, null, nameof(SessionTooOld) },
    };

    [Theory]
    [MemberData(nameof(Sessions))]
    public void A_session_lives_until_it_is_idle_or_past_its_lifetime(int sinceLastUse, int sinceSignIn, int? idleMinutes, string verdict)
    {
        var now = Start.AddMinutes(sinceSignIn);

        var check = SessionRules.Check(now.AddMinutes(-sinceLastUse), Start.AddHours(12), now, idleMinutes is { } m ? TimeSpan.FromMinutes(m) : null);

        Assert.Equal(verdict, check.GetType().Name);
    }

    public static TheoryData<bool, bool, int, string> Refreshes() => new()
    {
        // known, already used, minutes until it expires, decision
        { true, false, 10, nameof(RefreshRotates) },
        { true, true, 10, nameof(RefreshReplayed) },
        { true, true, -10, nameof(RefreshReplayed) },
        { true, false, 0, nameof(RefreshRefused) },
        { true, false, -10, nameof(RefreshRefused) },
        { false, false, 10, nameof(RefreshRefused) },
        { false, true, 10, nameof(RefreshRefused) },
    };

    [Theory]
    [MemberData(nameof(Refreshes))]
    public void A_refresh_token_rotates_once_and_a_second_use_is_a_replay(bool known, bool used, int minutesLeft, string decision) =>
        Assert.Equal(decision, SessionRules.Refresh(known, used, Start.AddMinutes(minutesLeft), Start).GetType().Name);

    [Theory]
    [InlineData(0, false)]
    [InlineData(59, false)]
    [InlineData(60, true)]
    [InlineData(600, true)]
    public void Activity_is_written_down_at_most_once_a_minute(int secondsSinceLastWrite, bool writes) =>
        Assert.Equal(writes, SessionRules.ShouldRecordActivity(Start, Start.AddSeconds(secondsSinceLastWrite)));
}

using OpdReception.Domain;

namespace OpdReception.Tests.Domain;

public sealed class SignInThrottleTests
{
    private static readonly DateTimeOffset Start = new(2030, 1, 7, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(3, 0)]
    [InlineData(4, 2)]
    [InlineData(5, 4)]
    [InlineData(6, 8)]
    [InlineData(10, 128)]
    [InlineData(11, 256)]
    [InlineData(12, 300)]
    [InlineData(40, 300)]
    [InlineData(int.MaxValue, 300)]
    public void Three_wrong_passwords_are_free_then_each_one_doubles_the_wait_up_to_five_minutes(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), SignInThrottle.WaitAfter(failures));

    [Theory]
    [InlineData(3, 0, typeof(TryAllowed))]
    [InlineData(4, 0, typeof(TryLater))]
    [InlineData(4, 1, typeof(TryLater))]
    [InlineData(4, 2, typeof(TryAllowed))]
    [InlineData(6, 7, typeof(TryLater))]
    [InlineData(6, 8, typeof(TryAllowed))]
    [InlineData(20, 299, typeof(TryLater))]
    [InlineData(20, 300, typeof(TryAllowed))]
    [InlineData(20, 3600, typeof(TryAllowed))]
    public void Another_try_is_allowed_once_the_wait_after_the_last_failure_has_passed(int failures, int secondsLater, Type decision) =>
        Assert.IsType(decision, SignInThrottle.Check(new SignInFailures(failures, Start), Start.AddSeconds(secondsLater)));

    [Fact]
    public void The_refusal_says_how_long_is_left_to_wait() =>
        Assert.Equal(TimeSpan.FromSeconds(3), Assert.IsType<TryLater>(SignInThrottle.Check(new SignInFailures(5, Start), Start.AddSeconds(1))).Wait);

    [Fact]
    public void Each_failure_counts_one_more_and_remembers_when() =>
        Assert.Equal(new SignInFailures(5, Start.AddMinutes(1)), SignInThrottle.Failed(new SignInFailures(4, Start), Start.AddMinutes(1)));

    [Fact]
    public void After_an_hour_of_quiet_the_count_starts_again()
    {
        var old = new SignInFailures(30, Start);

        Assert.Equal(new SignInFailures(1, Start.AddHours(1)), SignInThrottle.Failed(old, Start.AddHours(1)));
        Assert.True(SignInThrottle.Forgotten(old, Start.AddHours(1)));
        Assert.False(SignInThrottle.Forgotten(old, Start.AddMinutes(59)));
    }

    [Fact]
    public void Nothing_tried_yet_is_allowed() =>
        Assert.IsType<TryAllowed>(SignInThrottle.Check(SignInFailures.None, Start));
}

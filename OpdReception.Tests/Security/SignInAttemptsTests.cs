using OpdReception.Domain;
using OpdReception.Security;
using OpdReception.Services;

namespace OpdReception.Tests.Security;

public sealed class SignInAttemptsTests
{
    private readonly ManualClock _clock = new(new DateTime(2030, 1, 7, 8, 0, 0), TimeZoneInfo.Utc);

    [Fact]
    public void A_flood_of_made_up_emails_keeps_the_memory_bounded_and_forgets_the_oldest_first()
    {
        var attempts = new SignInAttempts(_clock);
        attempts.Failed("first");

        for (var i = 0; i < SignInAttempts.MaxEntries * 3 / 2; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(1));
            for (var fail = 0; fail < 4; fail++)
            {
                attempts.Failed($"made-up-{i}");
            }
        }

        Assert.InRange(attempts.Count, 1, SignInAttempts.MaxEntries);
        Assert.IsType<TryAllowed>(attempts.Check("first"));
        Assert.IsType<TryLater>(attempts.Check($"made-up-{SignInAttempts.MaxEntries * 3 / 2 - 1}"));
    }

    [Fact]
    public void The_right_password_clears_that_address_and_account_only()
    {
        var attempts = new SignInAttempts(_clock);
        for (var fail = 0; fail < 5; fail++)
        {
            attempts.Failed("desk|a");
            attempts.Failed("guesser|a");
        }

        attempts.Succeeded("desk|a");

        Assert.IsType<TryAllowed>(attempts.Check("desk|a"));
        Assert.IsType<TryLater>(attempts.Check("guesser|a"));
    }
}

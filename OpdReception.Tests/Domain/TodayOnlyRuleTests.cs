using OpdReception.Domain;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Domain;

/// <summary>The patient at the desk is here today: walk-in, priority and emergency tokens, check-in and calling are for today's slots.</summary>
public sealed class TodayOnlyRuleTests
{
    private static readonly SlotState Slot = ASlot.Default.Running(9, 10).Build();

    [Theory]
    [InlineData(TokenSource.WalkIn, 0, true)]
    [InlineData(TokenSource.Priority, 0, true)]
    [InlineData(TokenSource.Emergency, 0, true)]
    [InlineData(TokenSource.Online, 0, true)]
    [InlineData(TokenSource.FollowUp, 0, true)]
    [InlineData(TokenSource.WalkIn, -1, false)]
    [InlineData(TokenSource.Priority, -1, false)]
    [InlineData(TokenSource.Emergency, -1, false)]
    [InlineData(TokenSource.Online, -1, true)]
    [InlineData(TokenSource.FollowUp, -1, true)]
    [InlineData(TokenSource.Online, -30, true)]
    public void Only_bookings_are_issued_into_another_days_slot(TokenSource source, int daysBefore, bool issued)
    {
        var now = ASlot.At(8, 30).AddDays(daysBefore);

        var decision = TokenDesk.Issue(Slot, source, PriorityWeights.Default, now, null, []);

        Assert.Equal(issued, decision is Issued);
        if (!issued)
        {
            var refusal = Assert.IsType<Refused>(decision).Reason;
            Assert.Equal(RefusalKind.NotToday, refusal.Kind);
            Assert.Contains("today's slots only", refusal.Message);
        }
    }

    [Theory]
    [InlineData(TokenStatus.Booked, TokenStatus.Waiting, 0, true)]
    [InlineData(TokenStatus.Booked, TokenStatus.Waiting, -1, false)]
    [InlineData(TokenStatus.Booked, TokenStatus.Waiting, 1, false)]
    [InlineData(TokenStatus.Waiting, TokenStatus.InConsultation, 0, true)]
    [InlineData(TokenStatus.Waiting, TokenStatus.InConsultation, -1, false)]
    [InlineData(TokenStatus.Waiting, TokenStatus.InConsultation, 1, false)]
    [InlineData(TokenStatus.NoShow, TokenStatus.Waiting, -1, false)]
    [InlineData(TokenStatus.Booked, TokenStatus.Cancelled, -1, true)]
    [InlineData(TokenStatus.InConsultation, TokenStatus.Completed, 1, true)]
    public void Check_in_and_calling_happen_on_the_slots_own_day(TokenStatus from, TokenStatus to, int daysFromSlot, bool allowed)
    {
        var now = ASlot.At(9, 30).AddDays(daysFromSlot);
        var context = new StatusContext(now, Slot with { SeatsTaken = 1 }, null, 10, "reason", null);

        var decision = Lifecycle.Change(from, to, context);

        Assert.Equal(allowed, decision is not Rejected);
        if (!allowed)
        {
            Assert.Equal(RejectionKind.NotToday, Assert.IsType<Rejected>(decision).Kind);
        }
    }

    [Fact]
    public void Refusals_name_the_slots_day_as_a_receptionist_reads_it()
    {
        var tomorrow = ASlot.At(9, 30).AddDays(-1);
        var checkIn = Lifecycle.Change(TokenStatus.Booked, TokenStatus.Waiting, new StatusContext(tomorrow, Slot with { SeatsTaken = 1 }, null, 10, "reason", null));
        var walkIn = TokenDesk.Issue(Slot, TokenSource.WalkIn, PriorityWeights.Default, tomorrow, null, []);

        Assert.Equal("Check-in is for today's slots only; this token's slot is on Tue 15 Jan.", Assert.IsType<Rejected>(checkIn).Reason);
        Assert.Contains("For Tue 15 Jan, book online", Assert.IsType<Refused>(walkIn).Reason.Message);
    }

    [Fact]
    public void Refusal_of_a_full_slot_names_the_next_slots_day()
    {
        var full = ASlot.Default.Running(9, 10).Full().Build();
        var nextDay = ASlot.WithId(2).Running(10, 11).Build() with { Date = ASlot.Day.AddDays(1) };

        var refusal = Assert.IsType<Refused>(TokenDesk.Issue(full, TokenSource.WalkIn, PriorityWeights.Default, ASlot.At(8, 30), null, [nextDay])).Reason;

        Assert.EndsWith("The next slot with room starts at 10:00 on Wed 16 Jan.", refusal.Message);
    }
}

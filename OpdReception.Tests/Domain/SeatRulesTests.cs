using OpdReception.Domain;

namespace OpdReception.Tests.Domain;

/// <summary>Which tokens hold a seat: the one definition every count of seats follows.</summary>
public sealed class SeatRulesTests
{
    [Theory]
    [InlineData(TokenStatus.Booked, true)]
    [InlineData(TokenStatus.Waiting, true)]
    [InlineData(TokenStatus.InConsultation, true)]
    [InlineData(TokenStatus.Completed, true)]
    [InlineData(TokenStatus.Cancelled, false)]
    [InlineData(TokenStatus.NoShow, false)]
    public void Booked_waiting_with_the_doctor_and_seen_hold_a_seat_cancelled_and_no_show_give_it_back(TokenStatus status, bool holds)
    {
        Assert.Equal(holds, status.HoldsSeat());
        Assert.Equal(holds, StatusRules.SeatHolding.Contains(status));
    }

    [Fact]
    public void The_statuses_sql_counts_are_exactly_those_that_hold_a_seat() =>
        Assert.Equal([TokenStatus.Booked, TokenStatus.Waiting, TokenStatus.InConsultation, TokenStatus.Completed], StatusRules.SeatHolding);

    [Fact]
    public void A_seat_count_takes_every_seat_holder_and_counts_the_emergencies_and_walk_ins_among_them()
    {
        (TokenStatus, TokenSource)[] tokens =
        [
            (TokenStatus.Booked, TokenSource.Online),
            (TokenStatus.Waiting, TokenSource.Emergency),
            (TokenStatus.InConsultation, TokenSource.WalkIn),
            (TokenStatus.Completed, TokenSource.Emergency),
            (TokenStatus.Cancelled, TokenSource.Emergency),
            (TokenStatus.NoShow, TokenSource.FollowUp),
            (TokenStatus.Cancelled, TokenSource.WalkIn),
        ];

        Assert.Equal(new SeatCount(Taken: 4, Emergency: 2, WalkIn: 1), SeatCount.Of(tokens, t => t.Item1, t => t.Item2));
    }
}

using OpdReception.Domain;

namespace OpdReception.Tests.Domain;

public sealed class StatusRulesTests
{
    [Theory]
    [InlineData(TokenStatus.Booked, true, true, true)]
    [InlineData(TokenStatus.Waiting, true, true, true)]
    [InlineData(TokenStatus.InConsultation, true, false, true)]
    [InlineData(TokenStatus.Completed, false, false, true)]
    [InlineData(TokenStatus.NoShow, false, false, false)]
    [InlineData(TokenStatus.Cancelled, false, false, false)]
    public void Active_pending_and_seat_holding_per_status(TokenStatus status, bool active, bool pending, bool holdsSeat)
    {
        Assert.Equal(active, status.IsActive());
        Assert.Equal(pending, status.IsPending());
        Assert.Equal(holdsSeat, status.HoldsSeat());
    }

    [Fact]
    public void Status_table_covers_every_status()
    {
        Assert.Equal(6, Enum.GetValues<TokenStatus>().Length);
    }

    [Theory]
    [InlineData(SlotStatus.Open, true)]
    [InlineData(SlotStatus.Delayed, true)]
    [InlineData(SlotStatus.Cancelled, false)]
    [InlineData(SlotStatus.Closed, false)]
    public void Only_open_and_delayed_slots_take_tokens(SlotStatus status, bool takes)
    {
        Assert.Equal(takes, status.TakesTokensIn());
    }

    [Theory]
    [InlineData(7, "T007")]
    [InlineData(1, "T001")]
    [InlineData(42, "T042")]
    [InlineData(123, "T123")]
    [InlineData(1000, "T1000")]
    public void Label_pads_the_token_number_to_three_digits(int number, string expected)
    {
        Assert.Equal(expected, TokenLabels.Format(TokenLabels.DefaultPrefix, number));
    }
}

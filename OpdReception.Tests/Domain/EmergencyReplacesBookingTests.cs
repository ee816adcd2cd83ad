using OpdReception.Domain;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Domain;

/// <summary>Issue 6, defect 4: an emergency is issued for a patient who holds a later booking, and the booking goes.</summary>
public sealed class EmergencyReplacesBookingTests
{
    private static readonly DateTime Before = ASlot.At(8, 0);

    private static HeldToken Held(TokenStatus status = TokenStatus.Booked, TokenSource source = TokenSource.Online, int slotId = 2, int startsAtHour = 11) =>
        new(TokenId: 40, TokenNumber: 4, status, source, slotId, ASlot.At(startsAtHour));

    [Theory]
    [InlineData(TokenSource.Emergency, TokenStatus.Booked, TokenSource.Online, 11, true)]      // a later booking
    [InlineData(TokenSource.Emergency, TokenStatus.Booked, TokenSource.FollowUp, 11, true)]
    [InlineData(TokenSource.Emergency, TokenStatus.Waiting, TokenSource.WalkIn, 11, true)]     // checked in for a later slot
    [InlineData(TokenSource.Emergency, TokenStatus.Booked, TokenSource.Online, 9, true)]       // same start as this slot
    [InlineData(TokenSource.Emergency, TokenStatus.Booked, TokenSource.Online, 8, false)]      // an earlier slot: already due
    [InlineData(TokenSource.Emergency, TokenStatus.InConsultation, TokenSource.Online, 11, false)]
    [InlineData(TokenSource.Emergency, TokenStatus.Waiting, TokenSource.Emergency, 11, false)] // already an emergency
    [InlineData(TokenSource.WalkIn, TokenStatus.Booked, TokenSource.Online, 11, false)]
    [InlineData(TokenSource.Priority, TokenStatus.Booked, TokenSource.Online, 11, false)]
    [InlineData(TokenSource.Online, TokenStatus.Booked, TokenSource.Online, 11, false)]
    [InlineData(TokenSource.FollowUp, TokenStatus.Booked, TokenSource.Online, 11, false)]
    public void Only_an_emergency_replaces_a_pending_token_of_the_same_or_a_later_slot(
        TokenSource source, TokenStatus heldStatus, TokenSource heldSource, int heldSlotHour, bool replaces)
    {
        var held = Held(heldStatus, heldSource, startsAtHour: heldSlotHour);

        var decision = TokenDesk.Issue(ASlot.Default.Build(), source, PriorityWeights.Default, Before, held, []);

        if (replaces)
        {
            Assert.Equal(held, Assert.IsType<Issued>(decision).Replaces);
        }
        else
        {
            var refused = Assert.IsType<Refused>(decision);
            Assert.Equal((RefusalKind.AlreadyHoldsToken, 40), (refused.Reason.Kind, refused.Reason.ExistingTokenId));
        }
    }

    [Fact]
    public void In_a_full_slot_the_emergency_gets_an_extra_seat_and_still_replaces_the_later_booking()
    {
        var full = ASlot.WithCapacity(6).Full().Build();

        var extended = Assert.IsType<Extended>(TokenDesk.Issue(full, TokenSource.Emergency, PriorityWeights.Default, Before, Held(), []));

        Assert.Equal((7, 40), (extended.NewEffectiveCapacity, extended.Replaces!.TokenId));
    }

    [Fact]
    public void A_booking_in_the_same_full_slot_gives_its_seat_to_the_emergency()
    {
        var full = ASlot.WithCapacity(6).Full().Build();

        var issued = Assert.IsType<Issued>(TokenDesk.Issue(full, TokenSource.Emergency, PriorityWeights.Default, Before, Held(slotId: full.Id, startsAtHour: 9), []));

        Assert.Equal((7, 40), (issued.TokenNumber, issued.Replaces!.TokenId));
    }

    [Fact]
    public void A_slot_that_takes_no_tokens_refuses_the_emergency_and_the_booking_stays()
    {
        var closed = ASlot.Default.WithStatus(SlotStatus.Closed).Build();

        var refused = Assert.IsType<Refused>(TokenDesk.Issue(closed, TokenSource.Emergency, PriorityWeights.Default, Before, Held(), []));

        Assert.Equal(RefusalKind.SlotNotTakingTokens, refused.Reason.Kind);
    }
}

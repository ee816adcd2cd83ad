using OpdReception.Domain;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Domain;

/// <summary>An extra seat added for an emergency stays an emergency seat after that emergency leaves.</summary>
public sealed class EmergencySeatTests
{
    private static readonly DateTime Now = ASlot.At(8, 30);

    // Capacity 2, two ordinary patients, one extra seat added for an emergency who has since been cancelled.
    private static readonly SlotState LeftoverExtraSeat = ASlot.WithCapacity(2).Build() with { EmergencyExtensions = 1, SeatsTaken = 2, LastTokenNumber = 3 };

    [Theory]
    [InlineData(TokenSource.Online)]
    [InlineData(TokenSource.WalkIn)]
    [InlineData(TokenSource.Priority)]
    [InlineData(TokenSource.FollowUp)]
    public void Leftover_extra_seat_is_not_given_to_an_ordinary_patient(TokenSource source)
    {
        var decision = TokenDesk.Issue(LeftoverExtraSeat, source, PriorityWeights.Default, Now, null, []);

        Assert.Equal(RefusalKind.SlotFull, Assert.IsType<Refused>(decision).Reason.Kind);
    }

    [Fact]
    public void Leftover_extra_seat_takes_the_next_emergency_without_growing_again()
    {
        var decision = TokenDesk.Issue(LeftoverExtraSeat, TokenSource.Emergency, PriorityWeights.Default, Now, null, []);

        Assert.Equal(4, Assert.IsType<Issued>(decision).TokenNumber);
    }

    [Fact]
    public void Emergency_in_an_ordinary_seat_leaves_the_other_seats_to_everyone()
    {
        var slot = ASlot.WithCapacity(2).Build() with { SeatsTaken = 1, EmergencySeats = 1, LastTokenNumber = 1 };

        Assert.IsType<Issued>(TokenDesk.Issue(slot, TokenSource.WalkIn, PriorityWeights.Default, Now, null, []));
        Assert.False(slot.WithOneMoreToken(TokenSource.WalkIn, extendsCapacity: false).HasRoomFor(TokenSource.WalkIn));
    }

    [Fact]
    public void Reallocation_does_not_seat_an_ordinary_patient_on_a_leftover_extra_seat()
    {
        var target = LeftoverExtraSeat with { Id = 2 };

        var plan = Reallocator.Plan(ASlot.WithId(99).ForDoctor(99).Build(), [new PendingToken(9, 1, "P9", TokenSource.WalkIn), new PendingToken(8, 2, "P8", TokenSource.Emergency)], [target], Now, new HashSet<(string, int)>());

        Assert.Equal([8], plan.Moves.Select(m => m.TokenId));
        Assert.False(plan.Moves.Single().ExtendedCapacity);
        Assert.Equal([9], plan.NotPlaced.Select(u => u.TokenId));
    }

    [Fact]
    public void Late_arrival_cannot_rejoin_on_a_leftover_extra_seat()
    {
        var context = new StatusContext(Now, LeftoverExtraSeat, Now.AddMinutes(-1), 10, null, null, TokenSource.Online);

        Assert.Equal(RejectionKind.SlotFull, Assert.IsType<Rejected>(Lifecycle.Change(TokenStatus.NoShow, TokenStatus.Waiting, context)).Kind);
    }

    [Theory]
    [InlineData(TokenStatus.Waiting)]
    [InlineData(TokenStatus.InConsultation)]
    public void Nobody_is_checked_in_or_called_in_a_cancelled_slot(TokenStatus to)
    {
        var cancelled = ASlot.Default.Build() with { Status = SlotStatus.Cancelled };
        var from = to == TokenStatus.Waiting ? TokenStatus.Booked : TokenStatus.Waiting;

        var decision = Lifecycle.Change(from, to, new StatusContext(Now, cancelled, null, 10, null, null));

        Assert.Equal(RejectionKind.SlotCancelled, Assert.IsType<Rejected>(decision).Kind);
    }

    [Theory]
    [InlineData(TokenStatus.Cancelled)]
    [InlineData(TokenStatus.NoShow)]
    public void A_cancelled_slots_tokens_can_still_be_cancelled_or_marked_no_show(TokenStatus to)
    {
        var cancelled = ASlot.Default.Build() with { Status = SlotStatus.Cancelled };

        Assert.IsType<Moved>(Lifecycle.Change(TokenStatus.Booked, to, new StatusContext(Now, cancelled, null, 10, "slot cancelled", null)));
    }
}

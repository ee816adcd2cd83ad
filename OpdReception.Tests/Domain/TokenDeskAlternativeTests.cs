using OpdReception.Domain;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Domain;

/// <summary>What the desk can offer instead when it refuses: the doctor's next slot with room.</summary>
public sealed class TokenDeskAlternativeTests
{
    private static readonly DateTime Before = ASlot.At(8, 30);

    private static IssueDecision Issue(SlotState slot, TokenSource source, DateTime? now = null, HeldToken? alreadyHeld = null, IEnumerable<SlotState>? laterSlots = null) =>
        TokenDesk.Issue(slot, source, PriorityWeights.Default, now ?? Before, alreadyHeld, laterSlots ?? []);

    private static Refusal RefusalOf(IssueDecision decision) => Assert.IsType<Refused>(decision).Reason;

    [Fact]
    public void Refusal_offers_the_earliest_later_slot_of_the_doctor_with_room()
    {
        var full = ASlot.WithId(1).Running(9, 10).Full().Build();
        var at11 = ASlot.WithId(3).Running(11, 12).Build();
        var at10 = ASlot.WithId(2).Running(10, 11).Build();

        var refusal = RefusalOf(Issue(full, TokenSource.WalkIn, laterSlots: [at11, at10]));

        Assert.Equal(RefusalKind.SlotFull, refusal.Kind);
        Assert.Equal(2, refusal.AlternativeSlotId);
    }

    [Fact]
    public void Refusal_alternative_skips_full_cancelled_closed_and_over_slots()
    {
        var now = ASlot.At(9, 30);
        var refused = ASlot.WithId(1).Running(9, 10).Full().Build();
        var candidates = new[]
        {
            ASlot.WithId(2).Running(10, 11).Full().Build(),
            ASlot.WithId(3).Running(11, 12).WithStatus(SlotStatus.Cancelled).Build(),
            ASlot.WithId(4).Running(12, 13).WithStatus(SlotStatus.Closed).Build(),
            ASlot.WithId(5).Build() with { Start = new TimeOnly(9, 10), End = new TimeOnly(9, 20) }, // later, but over at 09:30
            ASlot.WithId(6).Running(14, 15).Build(),
        };

        var refusal = RefusalOf(Issue(refused, TokenSource.Online, now, laterSlots: candidates));

        Assert.Equal(6, refusal.AlternativeSlotId);
    }

    [Fact]
    public void Refusal_alternative_ignores_earlier_slots()
    {
        var refused = ASlot.WithId(2).Running(11, 12).Full().Build();
        var earlier = ASlot.WithId(1).Running(9, 10).Build();

        var refusal = RefusalOf(Issue(refused, TokenSource.WalkIn, laterSlots: [earlier]));

        Assert.Null(refusal.AlternativeSlotId);
    }

    [Fact]
    public void Refusal_offers_a_delayed_later_slot_with_room()
    {
        var refused = ASlot.WithId(1).Running(9, 10).Full().Build();
        var delayed = ASlot.WithId(2).Running(10, 11).DelayedBy(15).Build();

        Assert.Equal(2, RefusalOf(Issue(refused, TokenSource.WalkIn, laterSlots: [delayed])).AlternativeSlotId);
    }

    [Fact]
    public void Refusal_without_a_later_slot_with_room_has_no_alternative()
    {
        var refused = ASlot.WithId(1).Running(9, 10).Full().Build();
        var laterFull = ASlot.WithId(2).Running(10, 11).Full().Build();

        Assert.Null(RefusalOf(Issue(refused, TokenSource.WalkIn)).AlternativeSlotId);
        Assert.Null(RefusalOf(Issue(refused, TokenSource.WalkIn, laterSlots: [laterFull])).AlternativeSlotId);
    }

    [Fact]
    public void Refusal_of_a_cancelled_slot_offers_a_later_slot()
    {
        var cancelled = ASlot.WithId(1).Running(9, 10).WithStatus(SlotStatus.Cancelled).Build();
        var later = ASlot.WithId(2).Running(10, 11).Build();

        var refusal = RefusalOf(Issue(cancelled, TokenSource.Emergency, laterSlots: [later]));

        Assert.Equal(RefusalKind.SlotNotTakingTokens, refusal.Kind);
        Assert.Equal(2, refusal.AlternativeSlotId);
    }

    [Fact]
    public void Refusal_of_an_over_slot_offers_a_later_slot()
    {
        var over = ASlot.WithId(1).Running(9, 10).Build();
        var later = ASlot.WithId(2).Running(11, 12).Build();

        var refusal = RefusalOf(Issue(over, TokenSource.WalkIn, now: ASlot.At(10, 30), laterSlots: [later]));

        Assert.Equal(RefusalKind.SlotOver, refusal.Kind);
        Assert.Equal(2, refusal.AlternativeSlotId);
    }

    [Fact]
    public void Already_held_refusal_offers_no_alternative()
    {
        var later = ASlot.WithId(2).Running(10, 11).Build();

        var refusal = RefusalOf(Issue(ASlot.WithId(1).Build(), TokenSource.WalkIn, alreadyHeld: new HeldToken(5, 1), laterSlots: [later]));

        Assert.Null(refusal.AlternativeSlotId);
    }
}

using OpdReception.Domain;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Domain;

public sealed class ReallocatorTests
{
    private static readonly DateTime Now = ASlot.At(8, 30);
    private static readonly HashSet<(string PatientId, int DoctorId)> NobodyBusy = [];

    private static PendingToken WalkIn(int id, string? patient = null) =>
        new(id, TokenNumber: id, PatientId: patient ?? $"P{id}", TokenSource.WalkIn);

    private static PendingToken Emergency(int id) => new(id, TokenNumber: id, PatientId: $"P{id}", TokenSource.Emergency);

    private static ReallocationPlan Plan(
        IReadOnlyList<PendingToken> tokens,
        IReadOnlyList<SlotState> targets,
        IReadOnlySet<(string PatientId, int DoctorId)>? busy = null,
        DateTime? now = null) =>
        Reallocator.Plan(Source, tokens, targets, now ?? Now, busy ?? NobodyBusy);

    /// <summary>The slot being emptied: another doctor's (99) than any target's, so every move takes the target day's next label.</summary>
    private static readonly SlotState Source = ASlot.WithId(99).ForDoctor(99).Build();

    [Fact]
    public void Moves_in_queue_order_filling_first_target_then_next()
    {
        var first = ASlot.WithId(1).ForDoctor(10).WithCapacity(6).WithSeatsTaken(4).Build();
        var second = ASlot.WithId(2).ForDoctor(20).WithCapacity(6).WithSeatsTaken(1).Build();

        var plan = Plan([WalkIn(30), WalkIn(10), WalkIn(20)], [first, second]);

        Assert.Equal([30, 10, 20], plan.Moves.Select(m => m.TokenId));
        Assert.Equal([1, 1, 2], plan.Moves.Select(m => m.ToSlotId));
        Assert.Equal([10, 10, 20], plan.Moves.Select(m => m.ToDoctorId));
        Assert.Empty(plan.NotPlaced);
    }

    [Fact]
    public void New_numbers_continue_from_target_last_token_number()
    {
        var target = ASlot.WithId(1).WithSeatsTaken(2).WithLastTokenNumber(9).Build();

        var move = Assert.Single(Plan([WalkIn(3)], [target]).Moves);

        Assert.Equal(new Move(TokenId: 3, FromTokenNumber: 3, ToSlotId: 1, ToDoctorId: 10, NewTokenNumber: 10, ExtendedCapacity: false), move);
    }

    [Fact]
    public void Two_tokens_into_the_same_target_get_consecutive_numbers()
    {
        var target = ASlot.WithId(1).WithSeatsTaken(2).WithLastTokenNumber(4).Build();

        var plan = Plan([WalkIn(1), WalkIn(2)], [target]);

        Assert.Equal([5, 6], plan.Moves.Select(m => m.NewTokenNumber));
    }

    [Fact]
    public void Target_capacity_is_respected()
    {
        var oneSeatLeft = ASlot.WithId(1).WithCapacity(6).WithSeatsTaken(5).Build();

        var plan = Plan([WalkIn(1), WalkIn(2), WalkIn(3)], [oneSeatLeft]);

        Assert.Equal([1], plan.Moves.Select(m => m.TokenId));
        Assert.Equal([2, 3], plan.NotPlaced.Select(u => u.TokenId));
        Assert.All(plan.NotPlaced, u => Assert.False(string.IsNullOrWhiteSpace(u.Reason)));
    }

    [Fact]
    public void Emergency_in_a_full_target_extends_it_while_a_walk_in_there_is_unplaced()
    {
        var full = ASlot.WithId(1).WithCapacity(6).Full().Build();

        var plan = Plan([WalkIn(1), Emergency(2)], [full]);

        var move = Assert.Single(plan.Moves);
        Assert.Equal(2, move.TokenId);
        Assert.True(move.ExtendedCapacity);
        Assert.Equal(7, move.NewTokenNumber);
        Assert.Equal(1, Assert.Single(plan.NotPlaced).TokenId);
    }

    [Fact]
    public void Emergency_prefers_a_seat_over_extending_a_full_target()
    {
        var full = ASlot.WithId(1).ForDoctor(10).Full().Build();
        var withRoom = ASlot.WithId(2).ForDoctor(20).Build();

        var move = Assert.Single(Plan([Emergency(1)], [full, withRoom]).Moves);

        Assert.Equal(2, move.ToSlotId);
        Assert.False(move.ExtendedCapacity);
    }

    [Fact]
    public void Emergency_extends_the_most_preferred_target_when_all_are_full()
    {
        var first = ASlot.WithId(1).ForDoctor(10).Full().Build();
        var second = ASlot.WithId(2).ForDoctor(20).Full().Build();

        var move = Assert.Single(Plan([Emergency(1)], [first, second]).Moves);

        Assert.Equal(1, move.ToSlotId);
        Assert.True(move.ExtendedCapacity);
    }

    [Fact]
    public void Extended_seat_is_not_given_to_a_later_walk_in()
    {
        var full = ASlot.WithId(1).Full().Build();

        var plan = Plan([Emergency(1), WalkIn(2)], [full]);

        Assert.Equal([1], plan.Moves.Select(m => m.TokenId));
        Assert.Equal([2], plan.NotPlaced.Select(u => u.TokenId));
    }

    [Theory]
    [InlineData(SlotStatus.Cancelled, false)]
    [InlineData(SlotStatus.Closed, false)]
    [InlineData(SlotStatus.Open, true)]
    public void Targets_that_take_no_tokens_are_skipped(SlotStatus status, bool slotIsOver)
    {
        var now = ASlot.At(9, 30);
        var unusable = ASlot.WithId(1).ForDoctor(10).Running(9, 10).WithStatus(status).Build()
            with { End = slotIsOver ? new TimeOnly(9, 30) : new TimeOnly(10, 0) };
        var usable = ASlot.WithId(2).ForDoctor(20).Running(10, 11).Build();

        var plan = Plan([WalkIn(1), Emergency(2)], [unusable, usable], now: now);

        Assert.Equal([2, 2], plan.Moves.Select(m => m.ToSlotId));
    }

    [Fact]
    public void Delayed_target_is_used()
    {
        var delayed = ASlot.WithId(1).DelayedBy(20).Build();

        Assert.Equal(1, Assert.Single(Plan([WalkIn(1)], [delayed]).Moves).ToSlotId);
    }

    [Fact]
    public void Patient_already_busy_with_a_targets_doctor_skips_that_target()
    {
        var first = ASlot.WithId(1).ForDoctor(10).Build();
        var second = ASlot.WithId(2).ForDoctor(20).Build();
        var busy = new HashSet<(string, int)> { ("P1", 10) };

        var plan = Plan([WalkIn(1), WalkIn(2)], [first, second], busy);

        Assert.Equal([2, 1], plan.Moves.Select(m => m.ToSlotId));
    }

    [Fact]
    public void Patient_busy_with_every_target_doctor_is_unplaced_with_that_reason()
    {
        var first = ASlot.WithId(1).ForDoctor(10).Build();
        var second = ASlot.WithId(2).ForDoctor(20).Build();
        var busy = new HashSet<(string, int)> { ("P1", 10), ("P1", 20) };

        var plan = Plan([WalkIn(1)], [first, second], busy);

        Assert.Empty(plan.Moves);
        Assert.Contains("already holds", Assert.Single(plan.NotPlaced).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Patient_with_two_tokens_is_placed_with_a_doctor_only_once()
    {
        var first = ASlot.WithId(1).ForDoctor(10).Build();
        var second = ASlot.WithId(2).ForDoctor(20).Build();

        var plan = Plan([WalkIn(1, patient: "P"), WalkIn(2, patient: "P")], [first, second]);

        Assert.Equal([1, 2], plan.Moves.Select(m => m.ToSlotId));
    }

    [Fact]
    public void Without_targets_everything_is_unplaced_with_a_reason()
    {
        var plan = Plan([WalkIn(1), Emergency(2)], []);

        Assert.Empty(plan.Moves);
        Assert.Equal([1, 2], plan.NotPlaced.Select(u => u.TokenId));
        Assert.Equal([1, 2], plan.NotPlaced.Select(u => u.TokenNumber));
        Assert.All(plan.NotPlaced, u => Assert.False(string.IsNullOrWhiteSpace(u.Reason)));
    }

    [Fact]
    public void Without_usable_targets_everything_is_unplaced()
    {
        var cancelled = ASlot.WithId(1).WithStatus(SlotStatus.Cancelled).Build();

        var plan = Plan([WalkIn(1), Emergency(2)], [cancelled]);

        Assert.Empty(plan.Moves);
        Assert.Equal(2, plan.NotPlaced.Count);
    }

    [Fact]
    public void Nothing_to_move_gives_an_empty_plan()
    {
        var plan = Plan([], [ASlot.Default.Build()]);

        Assert.Empty(plan.Moves);
        Assert.Empty(plan.NotPlaced);
    }
}

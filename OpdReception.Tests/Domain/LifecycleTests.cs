using OpdReception.Domain;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Domain;

public sealed class LifecycleTests
{
    private static readonly DateTime Now = ASlot.At(9, 30);
    private static readonly SlotState SlotWithRoom = ASlot.WithCapacity(6).WithSeatsTaken(3).Running(9, 10).Build();

    private static StatusContext Context(
        SlotState? slot = null,
        DateTime? now = null,
        DateTime? markedNoShowAt = null,
        int graceMinutes = 10,
        string? reason = "patient asked",
        string? otherInConsultation = null) =>
        new(now ?? Now, slot ?? SlotWithRoom, markedNoShowAt, graceMinutes, reason, otherInConsultation);

    private static readonly HashSet<(TokenStatus, TokenStatus)> AllowedSteps =
    [
        (TokenStatus.Booked, TokenStatus.Waiting),
        (TokenStatus.Booked, TokenStatus.NoShow),
        (TokenStatus.Booked, TokenStatus.Cancelled),
        (TokenStatus.Waiting, TokenStatus.InConsultation),
        (TokenStatus.Waiting, TokenStatus.NoShow),
        (TokenStatus.Waiting, TokenStatus.Cancelled),
        (TokenStatus.InConsultation, TokenStatus.Completed),
        (TokenStatus.NoShow, TokenStatus.Waiting),
    ];

    public static TheoryData<TokenStatus, TokenStatus, bool> AllPairs { get; } = BuildAllPairs();

    private static TheoryData<TokenStatus, TokenStatus, bool> BuildAllPairs()
    {
        var data = new TheoryData<TokenStatus, TokenStatus, bool>();
        foreach (var from in Enum.GetValues<TokenStatus>())
        {
            foreach (var to in Enum.GetValues<TokenStatus>())
            {
                data.Add(from, to, AllowedSteps.Contains((from, to)));
            }
        }

        return data;
    }

    [Fact]
    public void Transition_table_has_all_36_pairs()
    {
        Assert.Equal(36, AllPairs.Count);
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Only_the_eight_lifecycle_steps_are_allowed(TokenStatus from, TokenStatus to, bool allowed)
    {
        var decision = Lifecycle.Change(from, to, Context());

        Assert.Equal(allowed, Lifecycle.IsAllowed(from, to));
        if (allowed)
        {
            Assert.IsNotType<Rejected>(decision);
        }
        else
        {
            Assert.Equal(RejectionKind.InvalidTransition, Assert.IsType<Rejected>(decision).Kind);
        }
    }

    [Theory]
    [InlineData(TokenStatus.Booked, TokenStatus.Waiting)]
    [InlineData(TokenStatus.Booked, TokenStatus.NoShow)]
    [InlineData(TokenStatus.Booked, TokenStatus.Cancelled)]
    [InlineData(TokenStatus.Waiting, TokenStatus.InConsultation)]
    [InlineData(TokenStatus.Waiting, TokenStatus.NoShow)]
    [InlineData(TokenStatus.Waiting, TokenStatus.Cancelled)]
    [InlineData(TokenStatus.InConsultation, TokenStatus.Completed)]
    public void Ordinary_step_is_a_move_between_the_two_statuses(TokenStatus from, TokenStatus to)
    {
        Assert.Equal(new Moved(from, to), Lifecycle.Change(from, to, Context()));
    }

    [Theory]
    [InlineData(TokenStatus.Booked, null)]
    [InlineData(TokenStatus.Booked, "")]
    [InlineData(TokenStatus.Waiting, "   ")]
    [InlineData(TokenStatus.Waiting, null)]
    public void Cancel_without_reason_is_rejected_ReasonRequired(TokenStatus from, string? reason)
    {
        var decision = Lifecycle.Change(from, TokenStatus.Cancelled, Context(reason: reason));

        Assert.Equal(RejectionKind.ReasonRequired, Assert.IsType<Rejected>(decision).Kind);
    }

    [Fact]
    public void Reason_is_needed_only_for_cancelling()
    {
        Assert.IsType<Moved>(Lifecycle.Change(TokenStatus.Booked, TokenStatus.NoShow, Context(reason: null)));
    }

    [Fact]
    public void Calling_while_another_token_is_in_consultation_is_rejected_DoctorBusy()
    {
        var decision = Lifecycle.Change(TokenStatus.Waiting, TokenStatus.InConsultation, Context(otherInConsultation: "T004"));

        var rejected = Assert.IsType<Rejected>(decision);
        Assert.Equal(RejectionKind.DoctorBusy, rejected.Kind);
        Assert.Contains("T004", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_token_in_consultation_does_not_block_other_steps()
    {
        var decision = Lifecycle.Change(TokenStatus.Booked, TokenStatus.Waiting, Context(otherInConsultation: "T004"));

        Assert.Equal(new Moved(TokenStatus.Booked, TokenStatus.Waiting), decision);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(300, true)]
    [InlineData(599, true)]
    [InlineData(600, true)]
    [InlineData(601, false)]
    [InlineData(1200, false)]
    public void No_show_rejoining_within_grace_keeps_place(int secondsSinceMarked, bool keepsPlace)
    {
        var context = Context(markedNoShowAt: Now.AddSeconds(-secondsSinceMarked), graceMinutes: 10);

        Assert.Equal(new Rejoined(keepsPlace), Lifecycle.Change(TokenStatus.NoShow, TokenStatus.Waiting, context));
    }

    [Fact]
    public void No_show_without_a_marked_time_rejoins_at_the_back()
    {
        var decision = Lifecycle.Change(TokenStatus.NoShow, TokenStatus.Waiting, Context(markedNoShowAt: null));

        Assert.Equal(new Rejoined(KeepsPlace: false), decision);
    }

    [Fact]
    public void Rejoin_into_full_slot_is_rejected_SlotFull()
    {
        var full = ASlot.WithCapacity(6).Full().Running(9, 10).Build();

        var decision = Lifecycle.Change(TokenStatus.NoShow, TokenStatus.Waiting, Context(slot: full, markedNoShowAt: Now));

        Assert.Equal(RejectionKind.SlotFull, Assert.IsType<Rejected>(decision).Kind);
    }

    [Theory]
    [InlineData(10, 0)]
    [InlineData(11, 30)]
    public void Rejoin_after_slot_is_over_is_rejected_SlotOver(int hour, int minute)
    {
        var now = ASlot.At(hour, minute);

        var decision = Lifecycle.Change(TokenStatus.NoShow, TokenStatus.Waiting, Context(now: now, markedNoShowAt: now.AddMinutes(-1)));

        Assert.Equal(RejectionKind.SlotOver, Assert.IsType<Rejected>(decision).Kind);
    }

    [Fact]
    public void Delay_keeps_a_slot_open_for_rejoining()
    {
        var delayed = ASlot.WithCapacity(6).WithSeatsTaken(3).Running(9, 10).DelayedBy(30).Build();
        var now = ASlot.At(10, 15);

        var decision = Lifecycle.Change(TokenStatus.NoShow, TokenStatus.Waiting, Context(slot: delayed, now: now, markedNoShowAt: now));

        Assert.Equal(new Rejoined(KeepsPlace: true), decision);
    }
}

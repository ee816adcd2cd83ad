using OpdReception.Domain;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Domain;

public sealed class TokenDeskTests
{
    private static readonly DateTime Before = ASlot.At(8, 30);

    private static IssueDecision Issue(
        SlotState slot,
        TokenSource source,
        DateTime? now = null,
        HeldToken? alreadyHeld = null,
        IEnumerable<SlotState>? laterSlots = null,
        PriorityWeights? weights = null) =>
        TokenDesk.Issue(slot, source, weights ?? PriorityWeights.Default, now ?? Before, alreadyHeld, laterSlots ?? []);

    private static Refusal RefusalOf(IssueDecision decision) => Assert.IsType<Refused>(decision).Reason;

    public static TheoryData<TokenSource> AllSources { get; } =
        [TokenSource.Online, TokenSource.WalkIn, TokenSource.Priority, TokenSource.FollowUp, TokenSource.Emergency];

    public static TheoryData<TokenSource> NonEmergencySources { get; } =
        [TokenSource.Online, TokenSource.WalkIn, TokenSource.Priority, TokenSource.FollowUp];

    public static TheoryData<SlotStatus, TokenSource> NotTakingTokensBySource { get; } = Combine();

    private static TheoryData<SlotStatus, TokenSource> Combine()
    {
        var data = new TheoryData<SlotStatus, TokenSource>();
        foreach (var status in new[] { SlotStatus.Cancelled, SlotStatus.Closed })
        {
            foreach (var source in Enum.GetValues<TokenSource>())
            {
                data.Add(status, source);
            }
        }

        return data;
    }

    [Theory]
    [InlineData(TokenSource.Emergency, 1000)]
    [InlineData(TokenSource.Priority, 500)]
    [InlineData(TokenSource.FollowUp, 300)]
    [InlineData(TokenSource.Online, 200)]
    [InlineData(TokenSource.WalkIn, 100)]
    public void Issued_token_takes_next_number_and_source_weight_as_score(TokenSource source, int expectedScore)
    {
        var slot = ASlot.WithCapacity(6).WithSeatsTaken(3).WithLastTokenNumber(4).Build();

        var issued = Assert.IsType<Issued>(Issue(slot, source));

        Assert.Equal(5, issued.TokenNumber);
        Assert.Equal(expectedScore, issued.PriorityScore);
    }

    [Fact]
    public void First_token_of_an_empty_slot_is_number_one()
    {
        var issued = Assert.IsType<Issued>(Issue(ASlot.Default.Build(), TokenSource.WalkIn));

        Assert.Equal(1, issued.TokenNumber);
    }

    [Theory]
    [InlineData(TokenSource.Online, TokenStatus.Booked)]
    [InlineData(TokenSource.FollowUp, TokenStatus.Booked)]
    [InlineData(TokenSource.WalkIn, TokenStatus.Waiting)]
    [InlineData(TokenSource.Priority, TokenStatus.Waiting)]
    [InlineData(TokenSource.Emergency, TokenStatus.Waiting)]
    public void Initial_status_is_booked_for_online_and_follow_up_and_waiting_otherwise(TokenSource source, TokenStatus expected)
    {
        var issued = Assert.IsType<Issued>(Issue(ASlot.Default.Build(), source));

        Assert.Equal(expected, issued.Status);
        Assert.Equal(expected, source.InitialStatus());
    }

    [Theory]
    [MemberData(nameof(NonEmergencySources))]
    public void Non_emergency_in_full_slot_is_refused_SlotFull(TokenSource source)
    {
        var slot = ASlot.WithCapacity(6).Full().Build();

        Assert.Equal(RefusalKind.SlotFull, RefusalOf(Issue(slot, source)).Kind);
    }

    [Theory]
    [MemberData(nameof(NonEmergencySources))]
    public void Extension_seats_are_kept_for_emergencies(TokenSource source)
    {
        var leftoverExtraSeat = ASlot.WithCapacity(6).WithExtensions(1).WithSeatsTaken(6).Build();
        var emergencyInAnOrdinarySeat = leftoverExtraSeat with { EmergencySeats = 1 };

        Assert.Equal(RefusalKind.SlotFull, RefusalOf(Issue(leftoverExtraSeat, source)).Kind);
        Assert.IsType<Issued>(Issue(leftoverExtraSeat, TokenSource.Emergency));
        Assert.IsType<Issued>(Issue(emergencyInAnOrdinarySeat, source));
    }

    [Theory]
    [MemberData(nameof(NonEmergencySources))]
    public void Non_emergency_with_one_seat_left_is_issued(TokenSource source)
    {
        var slot = ASlot.WithCapacity(6).WithSeatsTaken(5).Build();

        Assert.IsType<Issued>(Issue(slot, source));
    }

    [Theory]
    [InlineData(6, 0, 7)]
    [InlineData(6, 2, 9)]
    [InlineData(1, 0, 2)]
    public void Emergency_in_full_slot_extends_capacity_by_one(int maxCapacity, int extensions, int expectedCapacity)
    {
        var slot = ASlot.WithCapacity(maxCapacity).WithExtensions(extensions).Full().WithLastTokenNumber(12).Build();

        var extended = Assert.IsType<Extended>(Issue(slot, TokenSource.Emergency));

        Assert.Equal(expectedCapacity, extended.NewEffectiveCapacity);
        Assert.Equal(13, extended.TokenNumber);
        Assert.Equal(1000, extended.PriorityScore);
        Assert.Equal(TokenStatus.Waiting, extended.Status);
    }

    [Fact]
    public void Emergency_with_room_is_issued_without_extension()
    {
        var slot = ASlot.WithCapacity(6).WithSeatsTaken(5).Build();

        var issued = Assert.IsType<Issued>(Issue(slot, TokenSource.Emergency));

        Assert.Equal(new Issued(6, 1000, TokenStatus.Waiting), issued);
    }

    [Theory]
    [MemberData(nameof(NotTakingTokensBySource))]
    public void Cancelled_or_closed_slot_refuses_every_source_even_emergency(SlotStatus status, TokenSource source)
    {
        var slot = ASlot.Default.WithStatus(status).Build();

        Assert.Equal(RefusalKind.SlotNotTakingTokens, RefusalOf(Issue(slot, source)).Kind);
    }

    [Theory]
    [MemberData(nameof(AllSources))]
    public void Delayed_slot_still_issues_tokens(TokenSource source)
    {
        var slot = ASlot.Default.DelayedBy(20).Build();

        Assert.IsType<Issued>(Issue(slot, source));
    }

    [Theory]
    [MemberData(nameof(AllSources))]
    public void Slot_is_over_from_its_end_time_and_refuses_SlotOver(TokenSource source)
    {
        var slot = ASlot.Default.Running(9, 10).Build();

        Assert.Equal(RefusalKind.SlotOver, RefusalOf(Issue(slot, source, now: ASlot.At(10, 0))).Kind);
        Assert.Equal(RefusalKind.SlotOver, RefusalOf(Issue(slot, source, now: ASlot.At(11, 0))).Kind);
    }

    [Theory]
    [MemberData(nameof(AllSources))]
    public void Slot_still_issues_until_its_last_minute(TokenSource source)
    {
        var slot = ASlot.Default.Running(9, 10).Build();

        Assert.IsType<Issued>(Issue(slot, source, now: ASlot.At(9, 59)));
    }

    [Fact]
    public void Delay_keeps_a_slot_open_past_its_scheduled_end()
    {
        var slot = ASlot.Default.Running(9, 10).DelayedBy(30).Build();

        Assert.IsType<Issued>(Issue(slot, TokenSource.WalkIn, now: ASlot.At(10, 15)));
        Assert.IsType<Issued>(Issue(slot, TokenSource.WalkIn, now: ASlot.At(10, 29)));
        Assert.Equal(RefusalKind.SlotOver, RefusalOf(Issue(slot, TokenSource.WalkIn, now: ASlot.At(10, 30))).Kind);
    }

    [Theory]
    [MemberData(nameof(AllSources))]
    public void Patient_already_holding_a_token_is_refused_with_the_existing_token_id(TokenSource source)
    {
        var slot = ASlot.Default.Build();

        var refusal = RefusalOf(Issue(slot, source, alreadyHeld: new HeldToken(TokenId: 77, TokenNumber: 3)));

        Assert.Equal(RefusalKind.AlreadyHoldsToken, refusal.Kind);
        Assert.Equal(77, refusal.ExistingTokenId);
        Assert.Contains("T003", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TokenSource.Emergency, 9)]
    [InlineData(TokenSource.Priority, 8)]
    [InlineData(TokenSource.FollowUp, 7)]
    [InlineData(TokenSource.Online, 6)]
    [InlineData(TokenSource.WalkIn, 5)]
    public void Score_comes_from_the_weights_given(TokenSource source, int expectedScore)
    {
        var custom = new PriorityWeights(Emergency: 9, Priority: 8, FollowUp: 7, Online: 6, WalkIn: 5);

        var issued = Assert.IsType<Issued>(Issue(ASlot.Default.Build(), source, weights: custom));

        Assert.Equal(expectedScore, issued.PriorityScore);
    }

    [Fact]
    public void Extended_emergency_score_comes_from_the_weights_given()
    {
        var custom = PriorityWeights.Default with { Emergency = 4242 };

        var extended = Assert.IsType<Extended>(Issue(ASlot.Default.Full().Build(), TokenSource.Emergency, weights: custom));

        Assert.Equal(4242, extended.PriorityScore);
    }
}

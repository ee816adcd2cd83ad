using OpdReception.Domain;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Domain;

/// <summary>Seats kept for walk-ins: the 09:00–10:00 slot of <see cref="ASlot.Day"/>, released 30 minutes before it starts.</summary>
public sealed class WalkInHoldTests
{
    private static SlotState Slot(int capacity, int held, int taken, int walkIns, int release = 30) =>
        ASlot.WithCapacity(capacity).WithSeatsTaken(taken).Build() with
        {
            WalkInSeatsHeld = held, HoldReleaseMinutes = release, WalkInSeats = walkIns,
        };

    private static string Outcome(IssueDecision decision) => decision switch
    {
        Issued => "issued",
        Extended => "extended",
        Refused { Reason.Kind: var kind } => kind.ToString(),
        _ => "?",
    };

    /// <summary>capacity, held, seats taken, of them walk-ins, source, time now → outcome.</summary>
    public static TheoryData<int, int, int, int, TokenSource, int, int, string> Table { get; } = new()
    {
        // No hold: online books to the last seat.
        { 6, 0, 5, 0, TokenSource.Online, 7, 0, "issued" },
        // 6 seats, 2 held, none walked in: online takes 4, not the 5th.
        { 6, 2, 3, 0, TokenSource.Online, 7, 0, "issued" },
        { 6, 2, 4, 0, TokenSource.Online, 7, 0, "HeldForWalkIns" },
        { 6, 2, 5, 0, TokenSource.Online, 7, 0, "HeldForWalkIns" },
        // Walk-ins, priority, follow-ups and emergencies may take a held seat.
        { 6, 2, 4, 0, TokenSource.WalkIn, 7, 0, "issued" },
        { 6, 2, 4, 0, TokenSource.Priority, 7, 0, "issued" },
        { 6, 2, 4, 0, TokenSource.FollowUp, 7, 0, "issued" },
        { 6, 2, 4, 0, TokenSource.Emergency, 7, 0, "issued" },
        // A walk-in already seated fills a held seat: one held seat is left, so online takes the 5th, not the 6th.
        { 6, 2, 4, 1, TokenSource.Online, 7, 0, "issued" },
        { 6, 2, 5, 1, TokenSource.Online, 7, 0, "HeldForWalkIns" },
        // Both held seats filled by walk-ins: the rest is anyone's.
        { 6, 2, 5, 2, TokenSource.Online, 7, 0, "issued" },
        // More walk-ins than held seats: no hold left.
        { 6, 2, 5, 4, TokenSource.Online, 7, 0, "issued" },
        // Released 30 min before 09:00: at 08:29 still held, at 08:30 open to anyone.
        { 6, 2, 4, 0, TokenSource.Online, 8, 29, "HeldForWalkIns" },
        { 6, 2, 4, 0, TokenSource.Online, 8, 30, "issued" },
        { 6, 2, 4, 0, TokenSource.Online, 9, 15, "issued" },
        // A full slot is full, whatever the hold.
        { 6, 2, 6, 0, TokenSource.Online, 7, 0, "SlotFull" },
        { 6, 2, 6, 0, TokenSource.WalkIn, 7, 0, "SlotFull" },
        // Every seat held: online gets none.
        { 3, 3, 0, 0, TokenSource.Online, 7, 0, "HeldForWalkIns" },
        { 3, 3, 0, 0, TokenSource.WalkIn, 7, 0, "issued" },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Online_booking_never_takes_a_seat_held_for_walk_ins_before_the_release(
        int capacity, int held, int taken, int walkIns, TokenSource source, int hour, int minute, string expected)
    {
        var decision = TokenDesk.Issue(Slot(capacity, held, taken, walkIns), source, PriorityWeights.Default, ASlot.At(hour, minute), null, []);

        Assert.Equal(expected, Outcome(decision));
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void The_seats_counted_for_a_patient_are_the_seats_an_issue_would_give_them(
        int capacity, int held, int taken, int walkIns, TokenSource source, int hour, int minute, string expected)
    {
        var slot = Slot(capacity, held, taken, walkIns);

        Assert.Equal(expected == "issued", WalkInHold.SeatsFor(slot, source, ASlot.At(hour, minute)) > 0);
        Assert.Equal(expected == "issued", WalkInHold.Takes(slot, source, ASlot.At(hour, minute)));
    }

    [Theory]
    [InlineData(6, 4, 2, 7, 0, "0 of 6 for online booking (4 kept for walk-ins until 08:30)")]
    [InlineData(6, 4, 0, 7, 0, "2 of 6 for online booking (4 kept for walk-ins until 08:30)")]
    [InlineData(6, 4, 5, 7, 0, "0 of 6 for online booking (1 kept for walk-ins until 08:30)")]
    [InlineData(6, 4, 2, 8, 30, null)]
    [InlineData(6, 0, 2, 7, 0, null)]
    [InlineData(6, 4, 6, 7, 0, null)]
    public void The_desk_offering_a_slot_to_online_booking_counts_only_the_seats_it_may_take(int capacity, int held, int taken, int hour, int minute, string? expected) =>
        Assert.Equal(expected, WalkInHold.ForOnline(Slot(capacity, held, taken, 0), ASlot.At(hour, minute), capacity));

    [Theory]
    [InlineData(2, 4, "The last 2 seats of the 09:00 session are kept for walk-ins until 08:30.")]
    [InlineData(2, 5, "The last seat of the 09:00 session is kept for walk-ins until 08:30.")]
    public void The_refusal_says_how_many_seats_are_kept_and_until_when(int held, int taken, string expected)
    {
        var refused = Assert.IsType<Refused>(TokenDesk.Issue(Slot(6, held, taken, 0), TokenSource.Online, PriorityWeights.Default, ASlot.At(7), null, []));

        Assert.Equal(RefusalKind.HeldForWalkIns, refused.Reason.Kind);
        Assert.StartsWith(expected, refused.Reason.Message);
    }

    [Fact]
    public void A_refused_online_booking_is_offered_the_next_slot_online_may_take()
    {
        var held = Slot(6, 2, 4, 0);
        var laterAlsoHeld = Slot(6, 2, 4, 0) with { Id = 2, Start = new TimeOnly(10, 0), End = new TimeOnly(11, 0) };
        var laterFree = Slot(6, 2, 0, 0) with { Id = 3, Start = new TimeOnly(11, 0), End = new TimeOnly(12, 0) };

        var refused = Assert.IsType<Refused>(TokenDesk.Issue(held, TokenSource.Online, PriorityWeights.Default, ASlot.At(7), null, [laterAlsoHeld, laterFree]));

        Assert.Equal(3, refused.Reason.AlternativeSlotId);
    }

    [Fact]
    public void A_walk_in_issued_counts_against_the_held_seats() =>
        Assert.Equal(1, Slot(6, 2, 0, 0).WithOneMoreToken(TokenSource.WalkIn, extendsCapacity: false).WalkInSeats);

    [Theory]
    [InlineData(6, 4, 0, 7, 0, "4 walk-in seats held until 08:30")]
    [InlineData(6, 4, 3, 7, 0, "1 walk-in seat held until 08:30")]
    [InlineData(6, 4, 4, 7, 0, null)]
    [InlineData(6, 4, 0, 8, 30, null)]
    [InlineData(6, 0, 0, 7, 0, null)]
    public void The_desk_is_told_the_seats_still_held_while_the_hold_is_on(int capacity, int held, int walkIns, int hour, int minute, string? expected) =>
        Assert.Equal(expected, WalkInHold.Note(Slot(capacity, held, walkIns, walkIns), ASlot.At(hour, minute)));

    [Fact]
    public void The_desk_never_hears_of_more_held_seats_than_are_free() =>
        Assert.Equal("2 walk-in seats held until 08:30", WalkInHold.Note(Slot(6, 4, 4, 0), ASlot.At(7)));

    [Fact]
    public void A_hold_released_before_midnight_names_the_day() =>
        Assert.Equal("Mon 23:00", WalkInHold.Note(Slot(6, 1, 0, 0, release: 600), ASlot.At(0).AddHours(-2))?[^9..]);

    [Theory]
    [InlineData(10, 11, 60, 20, 4, 30, "Each Monday 10:00 session: 20 seats, 4 kept for walk-ins until 09:30.")]
    [InlineData(10, 11, 60, 20, 0, 30, "Each Monday 10:00 session: 20 seats, none kept for walk-ins.")]
    [InlineData(9, 11, 60, 6, 2, 15, "Each Monday 09:00 session, 2 slots: each 6 seats, 2 kept for walk-ins until 08:45 (in each later slot, until 15 min before it starts).")]
    public void The_admin_previews_the_hold_of_a_session(int from, int to, int slotMinutes, int capacity, int held, int release, string expected) =>
        Assert.Equal(expected, WalkInHold.Preview(new SessionPlan(DayOfWeek.Monday, new TimeOnly(from, 0), new TimeOnly(to, 0), slotMinutes, capacity, 10, held, release)));

    [Theory]
    [InlineData(4, 30, 20, true)]
    [InlineData(20, 0, 20, true)]
    [InlineData(21, 30, 20, false)]
    [InlineData(-1, 30, 20, false)]
    [InlineData(4, -1, 20, false)]
    [InlineData(4, 721, 20, false)]
    public void A_hold_is_between_none_and_the_whole_slot_and_released_within_half_a_day(int held, int release, int capacity, bool accepted) =>
        Assert.Equal(accepted, WalkInHold.Check(held, release, capacity) is null);

    [Fact]
    public void A_template_session_holding_more_seats_than_it_has_is_refused_by_its_place()
    {
        var refused = Assert.IsType<TemplateRefused>(Schedule.CheckTemplate(
            [new SessionPlan(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(10, 0), 60, 6, 10, 7, 30)], [DayOfWeek.Monday]));

        Assert.Equal(["Monday 09:00: walk-in seats held must be 0 to 6, the patients per slot."], refused.Errors["sessions[0]"]);
    }

    [Fact]
    public void Generated_slots_carry_their_session_s_hold()
    {
        var plan = Schedule.Generate(
            [new SessionPlan(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(11, 0), 60, 6, 10, 2, 45)],
            new DateOnly(2030, 1, 7), new DateOnly(2030, 1, 7), new DateTime(2030, 1, 6, 12, 0, 0), [], [], [DayOfWeek.Monday]);

        Assert.Equal([(2, 45), (2, 45)], plan.Create.Select(c => (c.WalkInSeatsHeld, c.HoldReleaseMinutes)));
    }
}

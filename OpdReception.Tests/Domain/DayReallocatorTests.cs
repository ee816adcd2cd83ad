using OpdReception.Domain;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Domain;

public sealed class DayReallocatorTests
{
    private const int Minutes = 10;
    private static readonly DateTime Now = ASlot.At(8, 30);

    // Doctor 10: 09:00 (slot 1), 10:00 (slot 2). Doctor 20, same specialization: 09:00 (slot 3).
    private static readonly SlotState Nine = ASlot.WithId(1).ForDoctor(10).Running(9, 10).Build();
    private static readonly SlotState Ten = ASlot.WithId(2).ForDoctor(10).Running(10, 11).Build();
    private static readonly SlotState OtherNine = ASlot.WithId(3).ForDoctor(20).Running(9, 10).Build();

    private static DayEntry Token(int id, int slot, TokenSource source = TokenSource.WalkIn, TokenStatus status = TokenStatus.Waiting, int minute = 0) =>
        new(id, slot, source, status, PriorityWeights.Default.For(source), ASlot.At(8, 0).AddMinutes(minute));

    private static Leaving Leaves(int id, string patient = "P1", TokenSource source = TokenSource.WalkIn) => new(id, id, patient, source);

    private static DoctorDayState Day(int doctor, IEnumerable<SlotState> slots, params DayEntry[] tokens) =>
        new(doctor, ASlot.Day, slots.Select(s => new DayQueueSlot(s, Minutes)).ToList(), tokens);

    private static ReallocationPlanned Plan(SlotState source, IReadOnlyList<Leaving> leaving, IReadOnlyList<SlotState> targets, params DoctorDayState[] days) =>
        Assert.IsType<ReallocationPlanned>(DayReallocator.Plan(source, leaving, targets, days, Now, new HashSet<(string, int, DateOnly)>(), PriorityWeights.Default));

    [Theory]
    [InlineData(SlotStatus.Open, 0, false)]
    [InlineData(SlotStatus.Closed, 0, false)]
    [InlineData(SlotStatus.Closed, 20, true)]
    [InlineData(SlotStatus.Delayed, 20, true)]
    [InlineData(SlotStatus.Cancelled, 0, true)]
    public void Only_a_delayed_or_cancelled_slot_may_be_reallocated(SlotStatus status, int delay, bool allowed)
    {
        var source = Nine with { Status = status, DelayMinutes = delay };

        var decision = DayReallocator.Plan(source, [], [Ten], [Day(10, [source, Ten])], Now, new HashSet<(string, int, DateOnly)>(), PriorityWeights.Default);

        Assert.Equal(allowed, decision is ReallocationPlanned);
    }

    [Theory]
    [InlineData("Cardiology", "cardiology", true)]
    [InlineData("General Medicine", "general  medicine", true)]
    [InlineData("General Medicine", " GeneralMedicine ", true)]
    [InlineData("Cardiology", "Neurology", false)]
    public void Specializations_match_without_regard_to_case_or_spacing(string a, string b, bool same) =>
        Assert.Equal(same, DayReallocator.SameSpecialization(a, b));

    [Fact]
    public void A_cancelled_slots_patient_goes_to_the_slot_with_the_earliest_estimate()
    {
        var source = Nine with { Status = SlotStatus.Cancelled, SeatsTaken = 1 };
        // The doctor's own 10:00 slot would see them at 10:00; the colleague's 09:00 slot has two ahead: 09:20.
        var plan = Plan(source, [Leaves(1)], [Ten, OtherNine],
            Day(10, [source, Ten], Token(1, 1)),
            Day(20, [OtherNine], Token(11, 3, minute: -5), Token(12, 3, minute: -4)));

        var moved = Assert.IsType<Reallocated>(plan.Outcomes.Single());
        Assert.Equal((3, 20, ASlot.At(9, 20), (DateTime?)null), (moved.ToSlotId, moved.ToDoctorId, moved.NewEstimate, moved.OldEstimate));
    }

    [Fact]
    public void Equal_estimates_prefer_the_same_doctor()
    {
        var source = Nine with { Status = SlotStatus.Cancelled };
        var otherTen = ASlot.WithId(4).ForDoctor(20).Running(10, 11).Build();

        var plan = Plan(source, [Leaves(1)], [otherTen, Ten], Day(10, [source, Ten], Token(1, 1)), Day(20, [otherTen]));

        Assert.Equal(2, Assert.IsType<Reallocated>(plan.Outcomes.Single()).ToSlotId);
    }

    [Fact]
    public void From_a_delayed_slot_a_patient_moves_only_if_the_new_estimate_is_earlier()
    {
        // Delayed by 60 minutes: staying means 10:00 and 10:10; the colleague's 09:00 slot takes one at 09:00, the next at 09:10.
        var source = Nine with { Status = SlotStatus.Delayed, DelayMinutes = 60, SeatsTaken = 2 };
        var full = OtherNine with { MaxCapacity = 1 };

        var plan = Plan(source, [Leaves(1, "P1"), Leaves(2, "P2")], [Ten, full],
            Day(10, [source, Ten], Token(1, 1), Token(2, 1, minute: 1)),
            Day(20, [full]));

        var first = Assert.IsType<Reallocated>(plan.Outcomes[0]);
        var second = Assert.IsType<Stayed>(plan.Outcomes[1]);
        Assert.Equal((3, ASlot.At(10, 0), ASlot.At(9, 0)), (first.ToSlotId, first.OldEstimate!.Value, first.NewEstimate));
        // Once the first left, staying means 10:00; the doctor's own 10:00 slot is no earlier.
        Assert.Contains("Staying is as early as any other slot: due at 10:00", second.Reason);
    }

    [Fact]
    public void The_old_estimate_is_what_the_patient_was_told_before_anyone_ahead_left()
    {
        // Delayed by 60 minutes: the second patient was told 10:10. The first leaves for the colleague's only seat.
        var source = Nine with { Status = SlotStatus.Delayed, DelayMinutes = 60, SeatsTaken = 2 };
        var oneSeat = OtherNine with { MaxCapacity = 1 };

        var plan = Plan(source, [Leaves(1, "P1"), Leaves(2, "P2")], [Ten, oneSeat],
            Day(10, [source, Ten], Token(1, 1), Token(2, 1, minute: 1)),
            Day(20, [oneSeat]));

        Assert.Equal([ASlot.At(10, 0), ASlot.At(10, 10)], plan.Outcomes.Select(o => o.OldEstimate!.Value));
    }

    [Fact]
    public void A_patient_moved_to_another_day_is_booked_again()
    {
        var source = Nine with { Status = SlotStatus.Cancelled };
        var tomorrow = Ten with { Id = 5, Date = ASlot.Day.AddDays(1) };

        var plan = DayReallocator.Plan(source, [Leaves(1)], [tomorrow],
            [Day(10, [source], Token(1, 1)), new DoctorDayState(10, tomorrow.Date, [new DayQueueSlot(tomorrow, Minutes)], [])],
            Now, new HashSet<(string, int, DateOnly)>(), PriorityWeights.Default);

        var moved = Assert.IsType<Reallocated>(Assert.IsType<ReallocationPlanned>(plan).Outcomes.Single());
        Assert.Equal((5, TokenStatus.Booked), (moved.ToSlotId, moved.NewStatus));
    }

    [Fact]
    public void A_patient_who_holds_a_token_with_the_target_doctor_that_day_stays_with_the_reason()
    {
        var source = Nine with { Status = SlotStatus.Cancelled };
        var busy = new HashSet<(string, int, DateOnly)> { ("P1", 20, ASlot.Day) };

        var plan = DayReallocator.Plan(source, [Leaves(1)], [OtherNine], [Day(10, [source], Token(1, 1)), Day(20, [OtherNine])], Now, busy, PriorityWeights.Default);

        var stayed = Assert.IsType<Stayed>(Assert.IsType<ReallocationPlanned>(plan).Outcomes.Single());
        Assert.Contains("already holds a token", stayed.Reason);
    }

    [Fact]
    public void Targets_never_overfill_and_an_emergency_gets_a_seat_added()
    {
        var source = Nine with { Status = SlotStatus.Cancelled };
        var oneSeat = Ten with { MaxCapacity = 1 };

        var plan = Plan(source, [Leaves(1, "P1", TokenSource.Emergency), Leaves(2, "P2"), Leaves(3, "P3")], [oneSeat],
            Day(10, [source, oneSeat], Token(1, 1, TokenSource.Emergency), Token(2, 1), Token(3, 1, minute: 1)));

        var emergency = Assert.IsType<Reallocated>(plan.Outcomes[0]);
        var walkIn = Assert.IsType<Stayed>(plan.Outcomes[1]);
        Assert.False(emergency.ExtendedCapacity);
        Assert.Equal(DayReallocator.LeftNoFreeSeat, walkIn.Reason);

        var full = Plan(source, [Leaves(1, "P1", TokenSource.Emergency)], [oneSeat with { SeatsTaken = 1, LastTokenNumber = 1 }],
            Day(10, [source, oneSeat], Token(1, 1, TokenSource.Emergency)));
        var extended = Assert.IsType<Reallocated>(full.Outcomes.Single());

        // A later slot of the same doctor's day: the emergency keeps its label.
        Assert.Equal((true, 1), (extended.ExtendedCapacity, extended.NewTokenNumber));
    }

    [Fact]
    public void Slots_that_take_no_tokens_are_not_targets()
    {
        var source = Nine with { Status = SlotStatus.Cancelled };
        var closed = Ten with { Status = SlotStatus.Closed };

        var plan = Plan(source, [Leaves(1)], [closed], Day(10, [source, closed], Token(1, 1)));

        Assert.IsType<Stayed>(plan.Outcomes.Single());
    }

    [Fact]
    public void With_no_slot_open_later_that_day_the_patient_is_told_so_not_that_the_seats_are_full()
    {
        var source = Nine with { Status = SlotStatus.Cancelled };
        var over = Ten with { Start = new TimeOnly(7, 0), End = new TimeOnly(8, 0) };

        var nowhere = Plan(source, [Leaves(1)], [], Day(10, [source], Token(1, 1)));
        var noneOpen = Plan(source, [Leaves(1)], [over], Day(10, [source, over], Token(1, 1)));
        var full = Plan(source, [Leaves(1)], [Ten with { MaxCapacity = 1, SeatsTaken = 1 }], Day(10, [source, Ten], Token(1, 1)));

        Assert.Equal(DayReallocator.LeftNoSlotOpen, Assert.IsType<Stayed>(nowhere.Outcomes.Single()).Reason);
        Assert.Equal(DayReallocator.LeftNoSlotOpen, Assert.IsType<Stayed>(noneOpen.Outcomes.Single()).Reason);
        Assert.Equal(DayReallocator.LeftNoFreeSeat, Assert.IsType<Stayed>(full.Outcomes.Single()).Reason);
        Assert.NotEqual(DayReallocator.LeftNoSlotOpen, DayReallocator.LeftNoFreeSeat);
    }

    [Fact]
    public void Slots_emptied_together_never_give_one_free_seat_twice()
    {
        // A leave: doctor 10's 09:00 and 10:00 slots go, one patient each; the colleague has one free seat.
        var nine = Nine with { Status = SlotStatus.Cancelled };
        var ten = Ten with { Status = SlotStatus.Cancelled };
        var oneSeat = ASlot.WithId(3).ForDoctor(20).Running(9, 11).WithCapacity(1).Build();

        var decision = DayReallocator.PlanTogether(
            [new Emptying(nine, [Leaves(1, "P1")], [ten, oneSeat]), new Emptying(ten, [Leaves(2, "P2")], [oneSeat])],
            [Day(10, [Nine, Ten], Token(1, 1), Token(2, 2)), Day(20, [oneSeat])],
            Now, new HashSet<(string, int, DateOnly)>(), PriorityWeights.Default);

        var slots = Assert.IsType<ReallocationsPlanned>(decision).Slots;
        Assert.Equal([1, 2], slots.Select(s => s.SlotId));
        Assert.Equal(3, Assert.IsType<Reallocated>(slots[0].Outcomes.Single()).ToSlotId);
        Assert.Equal(DayReallocator.LeftNoFreeSeat, Assert.IsType<Stayed>(slots[1].Outcomes.Single()).Reason);
    }

    [Fact]
    public void Slots_emptied_together_are_not_each_others_targets_and_the_old_estimate_is_from_before_the_cancel()
    {
        var nine = Nine with { Status = SlotStatus.Cancelled };
        var ten = Ten with { Status = SlotStatus.Cancelled };

        var decision = DayReallocator.PlanTogether(
            [new Emptying(nine, [Leaves(1, "P1")], [ten]), new Emptying(ten, [], [])],
            [Day(10, [Nine, Ten], Token(1, 1))],
            Now, new HashSet<(string, int, DateOnly)>(), PriorityWeights.Default);

        var stayed = Assert.IsType<Stayed>(Assert.IsType<ReallocationsPlanned>(decision).Slots[0].Outcomes.Single());
        Assert.Equal((DayReallocator.LeftNoSlotOpen, (DateTime?)ASlot.At(9, 0)), (stayed.Reason, stayed.OldEstimate));
    }

    [Fact]
    public void One_slot_that_may_not_be_emptied_refuses_the_whole_plan()
    {
        var cancelled = Nine with { Status = SlotStatus.Cancelled };

        var decision = DayReallocator.PlanTogether(
            [new Emptying(cancelled, [Leaves(1)], [OtherNine]), new Emptying(Ten, [], [OtherNine])],
            [Day(10, [cancelled, Ten], Token(1, 1)), Day(20, [OtherNine])],
            Now, new HashSet<(string, int, DateOnly)>(), PriorityWeights.Default);

        Assert.Equal("The 10:00 slot of Tue 15 Jan: Only a delayed or cancelled slot can be reallocated; this slot is open.",
            Assert.IsType<ReallocationRefused>(decision).Reason);
    }

    private static MoveDecision Move(SlotState source, Leaving token, SlotState target, IReadOnlySet<(string, int, DateOnly)>? busy, params DoctorDayState[] days) =>
        DayReallocator.Move(source, token, target, days, Now, busy ?? new HashSet<(string, int, DateOnly)>(), PriorityWeights.Default);

    [Fact]
    public void A_checked_in_patient_moved_within_the_day_stays_waiting_and_the_desks_choice_stands_even_if_later()
    {
        var plan = Move(Nine, Leaves(1), Ten, null, Day(10, [Nine, Ten], Token(1, 1)));

        var moved = Assert.IsType<MovePlanned>(plan).Move;
        Assert.Equal((2, TokenStatus.Waiting, ASlot.At(9, 0), ASlot.At(10, 0), 1), (moved.ToSlotId, moved.NewStatus, moved.OldEstimate!.Value, moved.NewEstimate, moved.NewTokenNumber));
    }

    [Fact]
    public void A_checked_in_patient_moved_to_another_day_is_booked_again()
    {
        var tomorrow = Ten with { Id = 5, Date = ASlot.Day.AddDays(1) };

        var plan = Move(Nine, Leaves(1), tomorrow, null,
            Day(10, [Nine], Token(1, 1)), new DoctorDayState(10, tomorrow.Date, [new DayQueueSlot(tomorrow, Minutes)], []));

        Assert.Equal((5, TokenStatus.Booked), (Assert.IsType<MovePlanned>(plan).Move.ToSlotId, Assert.IsType<MovePlanned>(plan).Move.NewStatus));
    }

    [Fact]
    public void A_move_is_estimated_by_the_target_doctors_day_queue()
    {
        // The colleague's 09:00 slot has two patients ahead: 09:20.
        var plan = Move(Nine, Leaves(1), OtherNine, null,
            Day(10, [Nine], Token(1, 1)), Day(20, [OtherNine], Token(11, 3, minute: -5), Token(12, 3, minute: -4)));

        var moved = Assert.IsType<MovePlanned>(plan).Move;
        Assert.Equal((20, ASlot.At(9, 20)), (moved.ToDoctorId, moved.NewEstimate));
    }

    [Fact]
    public void A_move_to_a_full_slot_is_refused_but_an_emergency_gets_a_seat_added()
    {
        var full = OtherNine with { MaxCapacity = 1, SeatsTaken = 1, LastTokenNumber = 1 };
        var days = new[] { Day(10, [Nine], Token(1, 1, TokenSource.Emergency)), Day(20, [full], Token(11, 3)) };

        var walkIn = Move(Nine, Leaves(1), full, null, days);
        var emergency = Move(Nine, Leaves(1, source: TokenSource.Emergency), full, null, days);

        Assert.Contains("full", Assert.IsType<MoveRefused>(walkIn).Reason);
        Assert.True(Assert.IsType<MovePlanned>(emergency).Move.ExtendedCapacity);
    }

    [Fact]
    public void A_move_to_a_doctor_the_patient_already_holds_a_token_with_that_day_or_to_a_slot_that_takes_none_is_refused()
    {
        var busy = new HashSet<(string, int, DateOnly)> { ("P1", 20, ASlot.Day) };

        var clash = Move(Nine, Leaves(1), OtherNine, busy, Day(10, [Nine], Token(1, 1)), Day(20, [OtherNine]));
        var closed = Move(Nine, Leaves(1), Ten with { Status = SlotStatus.Closed }, null, Day(10, [Nine, Ten], Token(1, 1)));

        Assert.Contains("already holds a token", Assert.IsType<MoveRefused>(clash).Reason);
        Assert.Contains("takes no tokens", Assert.IsType<MoveRefused>(closed).Reason);
    }
}

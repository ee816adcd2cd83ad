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
        Assert.Equal(ASlot.At(10, 0), second.OldEstimate);
        Assert.Contains("Staying is as early", second.Reason);
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
        Assert.Equal("No suitable slot has a free seat.", walkIn.Reason);

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
}

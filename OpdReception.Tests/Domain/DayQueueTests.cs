using OpdReception.Domain;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Domain;

public sealed class DayQueueTests
{
    private const int Minutes = 10;

    // The doctor's day: 09:00–10:00 (slot 1), 10:00–11:00 (slot 2), 11:00–12:00 (slot 3).
    private static readonly SlotState Nine = ASlot.WithId(1).Running(9, 10).Build();
    private static readonly SlotState Ten = ASlot.WithId(2).Running(10, 11).Build();
    private static readonly SlotState Eleven = ASlot.WithId(3).Running(11, 12).Build();

    private static DayQueueSlot[] Day(params SlotState[] slots) => slots.Select(s => new DayQueueSlot(s, Minutes)).ToArray();

    private static readonly DayQueueSlot[] ThreeSlots = Day(Nine, Ten, Eleven);

    private static DayEntry Token(int id, int slot, TokenSource source = TokenSource.WalkIn, TokenStatus status = TokenStatus.Waiting, int arrivedAtMinute = 0, DateTime? calledAt = null) =>
        new(id, slot, source, status, PriorityWeights.Default.For(source), ASlot.At(8, 0).AddMinutes(arrivedAtMinute), calledAt);

    private static IReadOnlyList<DayPlace> Arrange(IEnumerable<DayEntry> tokens, DateTime now, DayQueueSlot[]? slots = null) =>
        DayQueue.Arrange(slots ?? ThreeSlots, tokens.ToList(), now);

    [Theory]
    [InlineData(TokenStatus.Waiting, SlotStatus.Open, true)]
    [InlineData(TokenStatus.Booked, SlotStatus.Delayed, true)]
    [InlineData(TokenStatus.InConsultation, SlotStatus.Closed, true)]
    [InlineData(TokenStatus.Waiting, SlotStatus.Cancelled, false)]         // left in a cancelled slot: the desk's, not the doctor's
    [InlineData(TokenStatus.Booked, SlotStatus.Cancelled, false)]
    [InlineData(TokenStatus.InConsultation, SlotStatus.Cancelled, true)]   // already with the doctor when the slot was cancelled
    [InlineData(TokenStatus.Completed, SlotStatus.Open, false)]
    [InlineData(TokenStatus.NoShow, SlotStatus.Open, false)]
    [InlineData(TokenStatus.Cancelled, SlotStatus.Open, false)]
    public void Only_active_tokens_outside_cancelled_slots_are_in_the_doctors_queue(TokenStatus status, SlotStatus slot, bool inQueue)
    {
        Assert.Equal(inQueue, DayQueue.InDoctorsQueue(status, slot));
    }

    [Fact]
    public void Every_token_the_rule_leaves_out_of_the_queue_is_placed_without_a_position()
    {
        var day = Day(Nine, Ten with { Status = SlotStatus.Cancelled });
        var places = Arrange([Token(1, 1), Token(2, 2), Token(3, 2, TokenSource.Online, TokenStatus.Booked)], ASlot.At(9, 0), day);

        Assert.All(places, p => Assert.Equal(DayQueue.InDoctorsQueue(p.Status, p.SlotId == 2 ? SlotStatus.Cancelled : SlotStatus.Open), p.Position is not null));
        Assert.Equal([1], places.Where(p => p.Position is not null).Select(p => p.TokenId));
    }

    [Fact]
    public void A_checked_in_emergency_of_a_later_slot_comes_before_routine_patients_of_earlier_slots()
    {
        var places = Arrange([Token(1, 1), Token(2, 1), Token(3, 3, TokenSource.Emergency)], ASlot.At(9, 0));

        Assert.Equal([3, 1, 2], places.Select(p => p.TokenId));
        Assert.Equal([1, 2, 3], places.Select(p => p.Position!.Value));
        Assert.Equal(DayQueue.EmergencyFirst, places[0].Reason);
    }

    [Fact]
    public void Everyone_else_is_seen_slot_by_slot_in_start_order_whatever_their_weight()
    {
        // A priority patient of the 10:00 slot waits for the walk-ins left over from 09:00.
        var places = Arrange([Token(1, 2, TokenSource.Priority), Token(2, 1, arrivedAtMinute: 5), Token(3, 1, TokenSource.Online, TokenStatus.Booked)], ASlot.At(9, 0));

        Assert.Equal([3, 2, 1], places.Select(p => p.TokenId));
    }

    [Theory]
    [InlineData(TokenSource.Priority, TokenSource.FollowUp)]
    [InlineData(TokenSource.FollowUp, TokenSource.Online)]
    [InlineData(TokenSource.Online, TokenSource.WalkIn)]
    [InlineData(TokenSource.Priority, TokenSource.WalkIn)]
    public void Within_a_slot_weight_comes_before_arrival(TokenSource heavier, TokenSource lighter)
    {
        var places = Arrange([Token(1, 1, lighter, arrivedAtMinute: 0), Token(2, 1, heavier, arrivedAtMinute: 30)], ASlot.At(8, 0));

        Assert.Equal([2, 1], places.Select(p => p.TokenId));
    }

    [Fact]
    public void Within_a_slot_and_a_weight_the_earlier_arrival_goes_first()
    {
        var places = Arrange([Token(1, 1, arrivedAtMinute: 9), Token(2, 1, arrivedAtMinute: 3)], ASlot.At(8, 0));

        Assert.Equal([2, 1], places.Select(p => p.TokenId));
    }

    [Fact]
    public void A_booked_emergency_not_here_yet_keeps_its_slots_turn()
    {
        var places = Arrange([Token(1, 1), Token(2, 2, TokenSource.Emergency, TokenStatus.Booked)], ASlot.At(8, 0));

        Assert.Equal([1, 2], places.Select(p => p.TokenId));
    }

    [Fact]
    public void Before_the_day_begins_each_slot_starts_on_its_own_time()
    {
        var places = Arrange([Token(1, 1), Token(2, 2), Token(3, 3)], ASlot.At(8, 0));

        Assert.Equal([ASlot.At(9, 0), ASlot.At(10, 0), ASlot.At(11, 0)], places.Select(p => p.EstimatedTime!.Value));
    }

    [Fact]
    public void Patients_left_over_from_one_slot_push_the_first_patient_of_the_next()
    {
        // Seven patients in the 09:00 slot: the seventh is due 10:00, so the 10:00 slot's first is due 10:10.
        var nine = Enumerable.Range(1, 7).Select(i => Token(i, 1, arrivedAtMinute: i));
        var places = Arrange([.. nine, Token(8, 2)], ASlot.At(8, 0));

        Assert.Equal(ASlot.At(10, 10), places.Single(p => p.TokenId == 8).EstimatedTime);
        Assert.True(places.Single(p => p.TokenId == 7).PastSlotEnd);
        Assert.False(places.Single(p => p.TokenId == 8).PastSlotEnd);
    }

    [Fact]
    public void A_delay_on_one_slot_moves_every_later_slot_of_the_day()
    {
        var delayed = Day(Nine with { Status = SlotStatus.Delayed, DelayMinutes = 45 }, Ten, Eleven);
        var tokens = Enumerable.Range(1, 6).Select(i => Token(i, 1, arrivedAtMinute: i)).Append(Token(7, 2)).Append(Token(8, 3));

        var places = Arrange(tokens, ASlot.At(8, 0), delayed);

        // 09:45 + 6 × 10 minutes: the 10:00 slot's first patient at 10:45, the 11:00 slot's at 11:00 as booked.
        Assert.Equal(ASlot.At(9, 45), places[0].EstimatedTime);
        Assert.Equal(ASlot.At(10, 45), places.Single(p => p.TokenId == 7).EstimatedTime);
        Assert.Equal(ASlot.At(11, 0), places.Single(p => p.TokenId == 8).EstimatedTime);
    }

    [Fact]
    public void A_delay_on_an_empty_slot_holds_back_the_doctors_later_slots()
    {
        // 09:00 delayed to 10:30 with nobody booked in it: the doctor is not there before 10:30, so the 10:00 booking
        // is not told 10:00.
        var delayed = Day(Nine with { Status = SlotStatus.Delayed, DelayMinutes = 90 }, Ten, Eleven);

        var places = Arrange([Token(1, 2, TokenSource.Online, TokenStatus.Booked), Token(2, 3, TokenSource.Online, TokenStatus.Booked)], ASlot.At(8, 0), delayed);

        Assert.Equal(ASlot.At(10, 30), places[0].EstimatedTime);
        Assert.Equal(ASlot.At(11, 0), places[1].EstimatedTime);
    }

    [Fact]
    public void Running_late_in_a_slot_already_started_holds_back_patients_left_over_from_earlier_slots_too()
    {
        // At 11:30 the doctor, with a 09:00 patient still waiting, says "running late 20" in the 11:00 slot: its delay
        // becomes 50 minutes, and nobody, the 09:00 patient included, is seen before 11:50.
        var late = Day(Nine, Ten, Eleven with { Status = SlotStatus.Delayed, DelayMinutes = 50 });

        var places = Arrange([Token(1, 1), Token(2, 3)], ASlot.At(11, 30), late);

        Assert.Equal([ASlot.At(11, 50), ASlot.At(12, 0)], places.Select(p => p.EstimatedTime!.Value));
    }

    [Fact]
    public void A_cancelled_slots_delay_holds_nothing_back()
    {
        var day = Day(Nine with { Status = SlotStatus.Cancelled, DelayMinutes = 90 }, Ten, Eleven);

        var places = Arrange([Token(1, 2, TokenSource.Online, TokenStatus.Booked)], ASlot.At(8, 0), day);

        Assert.Equal(ASlot.At(10, 0), places[0].EstimatedTime);
    }

    [Fact]
    public void Past_slot_end_compares_with_the_time_the_slot_runs_until_delay_included()
    {
        // Delayed 30 minutes, the 09:00 slot runs until 10:30: the seventh patient at 10:30 is past its end, the
        // sixth at 10:20 is not, although both are after 10:00.
        var delayed = Day(Nine with { Status = SlotStatus.Delayed, DelayMinutes = 30 }, Ten, Eleven);
        var tokens = Enumerable.Range(1, 7).Select(i => Token(i, 1, arrivedAtMinute: i));

        var places = Arrange(tokens, ASlot.At(8, 0), delayed);

        Assert.False(places.Single(p => p.TokenId == 6).PastSlotEnd);
        Assert.True(places.Single(p => p.TokenId == 7).PastSlotEnd);
    }

    [Fact]
    public void A_slot_held_back_by_an_earlier_delay_runs_that_much_longer()
    {
        var delayed = Day(Nine with { Status = SlotStatus.Delayed, DelayMinutes = 90 }, Ten, Eleven);
        var tokens = Enumerable.Range(1, 6).Select(i => Token(i, 2, arrivedAtMinute: i));

        var places = Arrange(tokens, ASlot.At(8, 0), delayed);

        // 10:30 … 11:20: within the hour the 10:00 slot has once it can begin.
        Assert.Equal(ASlot.At(11, 20), places[^1].EstimatedTime);
        Assert.All(places, p => Assert.False(p.PastSlotEnd));
    }

    [Fact]
    public void A_delay_of_the_later_slot_itself_holds_its_first_patient_back()
    {
        var delayed = Day(Nine, Ten with { Status = SlotStatus.Delayed, DelayMinutes = 20 }, Eleven);

        var places = Arrange([Token(1, 1), Token(2, 2)], ASlot.At(8, 0), delayed);

        Assert.Equal(ASlot.At(10, 20), places[1].EstimatedTime);
    }

    [Theory]
    [InlineData(5, 9, 15)]   // called 09:05: the rest of the consultation ends 09:15
    [InlineData(0, 9, 10)]   // called 09:00, ends 09:10
    [InlineData(-30, 9, 12)] // called 08:30 and still in: the doctor may finish any moment, so now (09:12)
    public void The_patient_in_consultation_counts_as_the_rest_of_one_consultation(int calledAtMinute, int expectedHour, int expectedMinute)
    {
        var now = calledAtMinute < 0 ? ASlot.At(9, 12) : ASlot.At(9, 0).AddMinutes(calledAtMinute + 2);
        var called = ASlot.At(9, 0).AddMinutes(calledAtMinute);

        var places = Arrange([Token(1, 1, status: TokenStatus.InConsultation, calledAt: called), Token(2, 1)], now);

        Assert.Equal(DayQueue.WithDoctor, places[0].Reason);
        Assert.Null(places[0].Position);
        Assert.Equal(ASlot.At(expectedHour, expectedMinute), places[1].EstimatedTime);
    }

    [Fact]
    public void Nobody_is_told_a_time_already_past()
    {
        var places = Arrange([Token(1, 1), Token(2, 1), Token(3, 2)], ASlot.At(10, 30));

        Assert.Equal([ASlot.At(10, 30), ASlot.At(10, 40), ASlot.At(10, 50)], places.Select(p => p.EstimatedTime!.Value));
    }

    [Fact]
    public void A_checked_in_emergency_is_due_when_the_doctor_is_free_but_not_before_the_day_begins()
    {
        var early = Arrange([Token(1, 3, TokenSource.Emergency)], ASlot.At(8, 0));
        var busy = Arrange([Token(1, 1, status: TokenStatus.InConsultation, calledAt: ASlot.At(9, 30)), Token(2, 3, TokenSource.Emergency)], ASlot.At(9, 32));

        Assert.Equal(ASlot.At(9, 0), early.Single().EstimatedTime);
        Assert.Equal(ASlot.At(9, 40), busy[1].EstimatedTime);
    }

    [Fact]
    public void Tokens_of_a_cancelled_slot_have_no_position_nor_estimate_and_await_a_new_slot()
    {
        var day = Day(Nine with { Status = SlotStatus.Cancelled }, Ten);

        var places = Arrange([Token(1, 1), Token(2, 2), Token(3, 1, TokenSource.Emergency)], ASlot.At(8, 0), day);

        Assert.Equal([2, 3, 1], places.Select(p => p.TokenId));
        Assert.Equal((1, ASlot.At(10, 0)), (places[0].Position!.Value, places[0].EstimatedTime!.Value));
        Assert.All(places.Skip(1), p => Assert.Equal((null, null, DayQueue.AwaitsNewSlot), (p.Position, p.EstimatedTime, p.Reason)));
    }

    [Fact]
    public void A_cancelled_slot_does_not_hold_the_day_back()
    {
        var day = Day(Nine with { Status = SlotStatus.Cancelled }, Ten);

        var places = Arrange([Token(1, 2, TokenSource.Emergency)], ASlot.At(8, 0), day);

        Assert.Equal(ASlot.At(10, 0), places.Single().EstimatedTime);
    }

    [Fact]
    public void Finished_and_absent_patients_are_not_in_the_queue()
    {
        var places = Arrange([Token(1, 1, status: TokenStatus.Completed), Token(2, 1, status: TokenStatus.NoShow), Token(3, 1, status: TokenStatus.Cancelled), Token(4, 1)], ASlot.At(9, 0));

        Assert.Equal((4, 1), (places.Single().TokenId, places.Single().Position!.Value));
    }

    [Fact]
    public void The_next_to_call_is_the_first_checked_in_patient_and_bookings_not_here_are_skipped()
    {
        var places = Arrange([Token(1, 1, TokenSource.Online, TokenStatus.Booked), Token(2, 1, arrivedAtMinute: 5), Token(3, 2)], ASlot.At(9, 0));

        Assert.Equal(2, DayQueue.NextToCall(places)!.TokenId);
        Assert.Equal(3, DayQueue.NextToCall(places, inSlot: 2)!.TokenId);
        Assert.Null(DayQueue.NextToCall(places.Where(p => p.TokenId == 1)));
    }

    [Theory]
    [InlineData(new int[0], 2)]
    [InlineData(new[] { 2 }, 3)]
    [InlineData(new[] { 3 }, 2)]
    [InlineData(new[] { 2, 3 }, null)]
    public void A_patient_sent_back_as_not_here_is_never_the_next_to_call(int[] awaitingRecall, int? next)
    {
        var places = Arrange([Token(1, 1, TokenSource.Online, TokenStatus.Booked), Token(2, 1, arrivedAtMinute: 5), Token(3, 2)], ASlot.At(9, 0));

        Assert.Equal(next, DayQueue.NextToCall(places, awaitingRecall: awaitingRecall.ToHashSet())?.TokenId);
    }

    [Theory]
    [InlineData(TokenSource.WalkIn, TokenStatus.Waiting, "Walk-in, arrived 09:42; after priority patients and bookings of the 09:00 slot")]
    [InlineData(TokenSource.Priority, TokenStatus.Waiting, "Priority, arrived 09:42; before bookings and walk-ins of the 09:00 slot")]
    [InlineData(TokenSource.FollowUp, TokenStatus.Booked, "Follow-up, not checked in yet; after priority patients of the 09:00 slot")]
    [InlineData(TokenSource.Online, TokenStatus.Waiting, "Booked online, checked in; after priority patients and follow-ups of the 09:00 slot")]
    [InlineData(TokenSource.Online, TokenStatus.Booked, "Booked online, not checked in yet; after priority patients and follow-ups of the 09:00 slot")]
    [InlineData(TokenSource.Emergency, TokenStatus.Waiting, DayQueue.EmergencyFirst)]
    [InlineData(TokenSource.WalkIn, TokenStatus.InConsultation, DayQueue.WithDoctor)]
    public void Each_place_comes_with_its_reason_in_plain_words(TokenSource source, TokenStatus status, string reason)
    {
        var token = new DayEntry(1, 1, source, status, PriorityWeights.Default.For(source), ASlot.At(9, 42));

        Assert.Equal(reason, DayQueue.Reason(token, Nine, PriorityWeights.Default));
    }

    [Fact]
    public void Reasons_follow_the_hospitals_own_weights()
    {
        var walkInsFirst = new PriorityWeights(1000, 100, 300, 200, 500);
        var token = new DayEntry(1, 1, TokenSource.WalkIn, TokenStatus.Waiting, 500, ASlot.At(9, 42));

        Assert.Equal("Walk-in, arrived 09:42; before priority patients and bookings of the 09:00 slot", DayQueue.Reason(token, Nine, walkInsFirst));
    }
}

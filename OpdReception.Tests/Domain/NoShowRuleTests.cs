using OpdReception.Domain;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Domain;

/// <summary>
/// When the sweep may call a booked patient absent: only after their turn came on the doctor's day timeline, the one
/// the patient is shown, and the timeout passed.
/// </summary>
public sealed class NoShowRuleTests
{
    private const int Minutes = 10;
    private const int Timeout = 15;

    // The doctor's day: 09:00–12:00 (slot 1) and 12:00–13:00 (slot 2).
    private static readonly SlotState Morning = ASlot.WithId(1).Build() with { End = new TimeOnly(12, 0) };
    private static readonly SlotState Noon = ASlot.WithId(2).Running(12, 13).Build();
    private static readonly DateTime SlotStart = ASlot.At(9, 0);

    private static DayEntry Entry(int id, TokenStatus status, TokenSource source = TokenSource.Online, int bookedAtMinute = 0, int slot = 1) =>
        new(id, slot, source, status, PriorityWeights.Default.For(source), ASlot.At(8, 0).AddMinutes(bookedAtMinute));

    private static IReadOnlyList<int> Overdue(
        DateTime now, DateTime? dayLastMoved = null, IReadOnlyDictionary<int, DateTime>? inSlotSince = null, SlotState[]? slots = null,
        params DayEntry[] tokens) =>
        DayNoShows.OverdueBookings(
            (slots ?? [Morning, Noon]).Select(s => new DayQueueSlot(s, Minutes)).ToList(), tokens, now, Timeout,
            dayLastMoved is { } at ? [new DayMove(at, 1)] : [],
            inSlotSince ?? new Dictionary<int, DateTime>());

    [Fact]
    public void A_booking_is_overdue_only_once_the_timeout_after_its_estimate_has_passed()
    {
        var booked = Entry(1, TokenStatus.Booked);

        Assert.Empty(Overdue(ASlot.At(9, 14), tokens: booked));
        Assert.Empty(Overdue(ASlot.At(9, 15), tokens: booked));
        Assert.Equal([1], Overdue(ASlot.At(9, 15).AddSeconds(1), tokens: booked));
    }

    [Fact]
    public void Each_booking_is_measured_from_its_own_place_in_the_schedule()
    {
        var first = Entry(1, TokenStatus.Booked, bookedAtMinute: 1);
        var second = Entry(2, TokenStatus.Booked, bookedAtMinute: 2);

        Assert.Equal([1], Overdue(ASlot.At(9, 20), tokens: [first, second]));
        Assert.Equal([1, 2], Overdue(ASlot.At(9, 26), tokens: [first, second]));
    }

    [Fact]
    public void Nobody_is_overdue_while_the_doctor_is_with_a_patient()
    {
        Assert.Empty(Overdue(ASlot.At(11, 0), tokens: [Entry(1, TokenStatus.InConsultation), Entry(2, TokenStatus.Booked)]));
    }

    [Fact]
    public void Nobody_is_overdue_while_the_doctor_is_with_an_emergency_of_a_later_slot()
    {
        // The defect: the sweep counted the doctor busy only with this and earlier slots, and marked absent a
        // booking the day queue showed as next, at a time still ahead.
        var booked = Entry(1, TokenStatus.Booked);
        var emergency = Entry(2, TokenStatus.InConsultation, TokenSource.Emergency, slot: 2);

        Assert.Empty(Overdue(ASlot.At(11, 0), tokens: [booked, emergency]));
    }

    [Fact]
    public void A_booking_behind_a_checked_in_emergency_of_a_later_slot_has_not_had_its_turn()
    {
        var booked = Entry(1, TokenStatus.Booked);
        var emergency = Entry(2, TokenStatus.Waiting, TokenSource.Emergency, slot: 2);

        Assert.Empty(Overdue(ASlot.At(11, 0), tokens: [booked, emergency]));
    }

    [Fact]
    public void A_booking_behind_a_checked_in_patient_has_not_had_its_turn()
    {
        var waiting = Entry(1, TokenStatus.Waiting, TokenSource.Priority);
        var booked = Entry(2, TokenStatus.Booked);

        Assert.Empty(Overdue(ASlot.At(11, 0), tokens: [waiting, booked]));
    }

    [Fact]
    public void A_booking_ahead_of_the_waiting_room_is_overdue_even_while_others_wait()
    {
        var booked = Entry(1, TokenStatus.Booked);
        var walkIn = Entry(2, TokenStatus.Waiting, TokenSource.WalkIn);
        var laterWalkIn = Entry(3, TokenStatus.Waiting, TokenSource.WalkIn, slot: 2);

        Assert.Equal([1], Overdue(ASlot.At(9, 16), tokens: [booked, walkIn, laterWalkIn]));
    }

    [Fact]
    public void The_timeout_runs_from_when_the_doctors_day_last_moved_if_that_was_later()
    {
        var booked = Entry(1, TokenStatus.Booked);
        var moved = ASlot.At(9, 50);

        Assert.Empty(Overdue(ASlot.At(10, 5), moved, tokens: booked));
        Assert.Equal([1], Overdue(ASlot.At(10, 6), moved, tokens: booked));
    }

    [Fact]
    public void A_booking_made_or_moved_into_a_running_slot_is_timed_from_then()
    {
        var lateBooking = Entry(1, TokenStatus.Booked, bookedAtMinute: 100);
        var movedIn = Entry(2, TokenStatus.Booked);
        var since = new Dictionary<int, DateTime> { [2] = ASlot.At(9, 45) };

        Assert.Empty(Overdue(ASlot.At(9, 55), tokens: lateBooking));
        Assert.Equal([1], Overdue(ASlot.At(9, 56), tokens: lateBooking));
        Assert.Empty(Overdue(ASlot.At(10, 0), inSlotSince: since, tokens: movedIn));
        Assert.Equal([2], Overdue(ASlot.At(10, 1), inSlotSince: since, tokens: movedIn));
    }

    [Fact]
    public void A_delay_on_an_empty_earlier_slot_holds_back_a_booking_of_a_later_slot()
    {
        // 09:00–10:00 delayed to 10:30 with nobody in it: the doctor is not there before 10:30.
        var nine = ASlot.WithId(1).Running(9, 10).DelayedBy(90).Build();
        var ten = ASlot.WithId(2).Running(10, 11).Build();
        var booked = Entry(1, TokenStatus.Booked, slot: 2);

        Assert.Empty(Overdue(ASlot.At(10, 40), slots: [nine, ten], tokens: booked));
        Assert.Equal([1], Overdue(ASlot.At(10, 46), slots: [nine, ten], tokens: booked));
    }

    [Fact]
    public void A_booking_passed_over_for_a_patient_of_a_later_slot_has_had_its_turn()
    {
        var booked = Entry(1, TokenStatus.Booked);
        var laterPatient = Entry(2, TokenStatus.InConsultation, TokenSource.WalkIn, slot: 2);

        Assert.Equal([1], Overdue(ASlot.At(12, 5), tokens: [booked, laterPatient]));
    }

    [Fact]
    public void A_move_in_a_later_slot_does_not_restart_an_earlier_bookings_timeout()
    {
        var booked = Entry(1, TokenStatus.Booked);

        var moves = new[] { new DayMove(ASlot.At(12, 0), 2) };
        Assert.Equal([1], DayNoShows.OverdueBookings([new(Morning, Minutes), new(Noon, Minutes)], [booked], ASlot.At(12, 1), Timeout, moves, new Dictionary<int, DateTime>()));
    }

    [Fact]
    public void An_emergency_seen_in_a_later_slot_restarts_the_timeout_of_an_earlier_booking()
    {
        var booked = Entry(1, TokenStatus.Booked);

        var moves = new[] { new DayMove(ASlot.At(12, 0), 2, Emergency: true) };
        Assert.Empty(DayNoShows.OverdueBookings([new(Morning, Minutes), new(Noon, Minutes)], [booked], ASlot.At(12, 1), Timeout, moves, new Dictionary<int, DateTime>()));
    }

    [Fact]
    public void A_booking_in_a_cancelled_slot_is_never_overdue()
    {
        var cancelled = ASlot.WithId(1).Running(9, 10).WithStatus(SlotStatus.Cancelled).Build();

        Assert.Empty(Overdue(ASlot.At(12, 0), slots: [cancelled, Noon], tokens: Entry(1, TokenStatus.Booked)));
    }
}

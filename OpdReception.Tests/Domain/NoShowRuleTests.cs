using OpdReception.Domain;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Domain;

/// <summary>When the sweep may call a booked patient absent: only after their turn came and the timeout passed.</summary>
public sealed class NoShowRuleTests
{
    private const int Minutes = 10;
    private const int Timeout = 15;
    private static readonly SlotState Slot = ASlot.Default.Build() with { End = new TimeOnly(12, 0) };
    private static readonly DateTime SlotStart = ASlot.At(9, 0);

    private static QueueEntry Entry(int id, TokenStatus status, int score = 200, int bookedAtMinute = 0, DateTime? inSlotSince = null) =>
        new(id, status, score, ASlot.At(8, 0).AddMinutes(bookedAtMinute), inSlotSince);

    private static IReadOnlyList<int> Overdue(DateTime now, DateTime? doctorFreeSince = null, params QueueEntry[] tokens) =>
        Queue.OverdueBookings(Slot, tokens, Minutes, now, Timeout, doctorFreeSince ?? SlotStart);

    [Fact]
    public void A_booking_is_overdue_only_once_the_timeout_after_its_estimate_has_passed()
    {
        var booked = Entry(1, TokenStatus.Booked);

        Assert.Empty(Overdue(ASlot.At(9, 14), null, booked));
        Assert.Empty(Overdue(ASlot.At(9, 15), null, booked));
        Assert.Equal([1], Overdue(ASlot.At(9, 15).AddSeconds(1), null, booked));
    }

    [Fact]
    public void Each_booking_is_measured_from_its_own_place_in_the_schedule()
    {
        var first = Entry(1, TokenStatus.Booked, bookedAtMinute: 1);
        var second = Entry(2, TokenStatus.Booked, bookedAtMinute: 2);

        Assert.Equal([1], Overdue(ASlot.At(9, 20), null, first, second));
        Assert.Equal([1, 2], Overdue(ASlot.At(9, 26), null, first, second));
    }

    [Fact]
    public void Nobody_is_overdue_while_the_doctor_is_with_a_patient()
    {
        Assert.Empty(Overdue(ASlot.At(11, 0), null, Entry(1, TokenStatus.InConsultation), Entry(2, TokenStatus.Booked)));
    }

    [Fact]
    public void A_booking_behind_a_checked_in_patient_has_not_had_its_turn()
    {
        var waiting = Entry(1, TokenStatus.Waiting, score: 500);
        var booked = Entry(2, TokenStatus.Booked);

        Assert.Empty(Overdue(ASlot.At(11, 0), null, waiting, booked));
    }

    [Fact]
    public void A_booking_ahead_of_the_waiting_room_is_overdue_even_while_others_wait()
    {
        var booked = Entry(1, TokenStatus.Booked, score: 200);
        var walkIn = Entry(2, TokenStatus.Waiting, score: 100);

        Assert.Equal([1], Overdue(ASlot.At(9, 16), null, booked, walkIn));
    }

    [Fact]
    public void The_timeout_runs_from_when_the_doctor_became_free_if_that_was_later()
    {
        var booked = Entry(1, TokenStatus.Booked);
        var freeAt = ASlot.At(9, 50);

        Assert.Empty(Overdue(ASlot.At(10, 5), freeAt, booked));
        Assert.Equal([1], Overdue(ASlot.At(10, 6), freeAt, booked));
    }

    [Fact]
    public void A_booking_made_or_moved_into_a_running_slot_is_timed_from_then()
    {
        var lateBooking = Entry(1, TokenStatus.Booked, bookedAtMinute: 100);
        var movedIn = Entry(2, TokenStatus.Booked, inSlotSince: ASlot.At(9, 45));

        Assert.Empty(Overdue(ASlot.At(9, 55), null, lateBooking));
        Assert.Equal([1], Overdue(ASlot.At(9, 56), null, lateBooking));
        Assert.Empty(Overdue(ASlot.At(10, 0), null, movedIn));
        Assert.Equal([2], Overdue(ASlot.At(10, 1), null, movedIn));
    }
}

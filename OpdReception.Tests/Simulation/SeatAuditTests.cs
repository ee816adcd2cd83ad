using OpdReception.Domain;
using OpdReception.Simulation;

namespace OpdReception.Tests.Simulation;

public sealed class SeatAuditTests
{
    private static readonly StoredSlot Slot = new(7, "Dr. Test (Testing) 09:00", MaxCapacity: 2, EmergencyExtensions: 1);

    private const int Doctor = 3;

    private static StoredToken Token(int number, TokenSource source = TokenSource.WalkIn, TokenStatus status = TokenStatus.Waiting) =>
        new(Slot.Id, source, status, number, Doctor);

    [Fact]
    public void A_full_slot_with_its_emergency_seat_taken_and_seats_given_back_is_within_limits()
    {
        var tokens = new[]
        {
            Token(1, status: TokenStatus.Completed), Token(2), Token(3, TokenSource.Emergency),
            Token(4, status: TokenStatus.Cancelled), Token(5, status: TokenStatus.NoShow),
        };

        Assert.Empty(SeatAudit.Violations([Slot], tokens));
    }

    [Fact]
    public void More_ordinary_patients_than_the_capacity_is_a_violation()
    {
        // Three seats in all, but the extra one is an emergency seat.
        var violations = SeatAudit.Violations([Slot], [Token(1), Token(2), Token(3)]);

        Assert.Equal(["Dr. Test (Testing) 09:00: 3 non-emergency patients hold seats, capacity 2"], violations);
    }

    [Fact]
    public void More_patients_than_capacity_and_extra_seats_is_a_violation()
    {
        var violations = SeatAudit.Violations([Slot], [Token(1), Token(2), Token(3, TokenSource.Emergency), Token(4, TokenSource.Emergency)]);

        Assert.Equal(["Dr. Test (Testing) 09:00: 4 patients hold seats, capacity 2 + 1 extra"], violations);
    }

    [Fact]
    public void A_token_number_used_twice_in_a_slot_is_a_violation_even_when_cancelled()
    {
        var violations = SeatAudit.Violations([Slot], [Token(1), Token(1, status: TokenStatus.Cancelled)]);

        Assert.Equal(["doctor 3: label number 001 is held by 2 tokens of the day"], violations);
    }

    [Fact]
    public void A_label_number_used_in_two_slots_of_one_doctors_day_is_a_violation()
    {
        var laterSlot = new StoredToken(8, TokenSource.WalkIn, TokenStatus.Waiting, 1, Doctor);

        Assert.Equal(["doctor 3: label number 001 is held by 2 tokens of the day"], SeatAudit.Violations([Slot], [Token(1), laterSlot]));
    }

    [Fact]
    public void Tokens_of_other_doctors_do_not_count()
    {
        var elsewhere = new StoredToken(8, TokenSource.WalkIn, TokenStatus.Waiting, 1, Doctor + 1);

        Assert.Empty(SeatAudit.Violations([Slot], [Token(1), Token(2), elsewhere, elsewhere with { TokenNumber = 2 }, elsewhere with { TokenNumber = 3 }]));
    }
}

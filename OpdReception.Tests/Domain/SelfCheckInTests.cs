using OpdReception.Domain;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Domain;

/// <summary>Self check-in is the desk's check-in with a window, and only for a patient the entrance code or a kiosk vouches for.</summary>
public sealed class SelfCheckInTests
{
    // Slot 10:00–11:00 with room; self check-in opens 60 minutes before.
    private static readonly SlotState Slot = ASlot.WithCapacity(6).WithSeatsTaken(3).Running(10, 11).Build();

    private static SelfCheckInDecision Decide(
        TokenStatus status, DateTime now, SlotState? slot = null, bool atHospital = true, int opens = 60,
        DateTime? markedNoShowAt = null, HeldToken? otherActive = null) =>
        SelfCheckIn.Decide(new SelfCheckInFacts(atHospital, status,
            new StatusContext(now, slot ?? Slot, markedNoShowAt, 10, null, null, OtherActiveToken: otherActive), opens));

    public static TheoryData<TokenStatus> EveryStatus { get; } = new(Enum.GetValues<TokenStatus>());

    [Theory]
    [MemberData(nameof(EveryStatus))]
    public void Without_todays_entrance_code_or_a_kiosk_nothing_happens_whatever_the_token(TokenStatus status) =>
        Assert.IsType<WrongCode>(Decide(status, ASlot.At(10, 15), atHospital: false));

    private static readonly (TokenStatus Status, string Answer)[] Answers =
    [
        (TokenStatus.Booked, "Moved"),
        (TokenStatus.Waiting, "AlreadyHere"),
        (TokenStatus.InConsultation, "AlreadyHere"),
        (TokenStatus.Completed, "NotBooked"),
        (TokenStatus.Cancelled, "NotBooked"),
        (TokenStatus.NoShow, "Rejoined"),
    ];

    public static TheoryData<TokenStatus, string> StatusesInTheWindow { get; } = new(Answers);

    [Theory]
    [MemberData(nameof(StatusesInTheWindow))]
    public void In_the_window_each_status_gets_its_answer(TokenStatus status, string expected)
    {
        var decision = Decide(status, ASlot.At(10, 15), markedNoShowAt: ASlot.At(10, 10));

        var name = decision is CheckedIn checkedIn ? checkedIn.Change.GetType().Name : decision.GetType().Name;
        Assert.Equal(expected, name);
    }

    [Fact]
    public void Every_status_is_in_the_table() =>
        Assert.Equal(Enum.GetValues<TokenStatus>().Order(), Answers.Select(row => row.Status).Order());

    [Theory]
    [InlineData(8, 0, 60, "TooEarly")]
    [InlineData(8, 59, 60, "TooEarly")]
    [InlineData(9, 0, 60, "CheckedIn")]
    [InlineData(10, 59, 60, "CheckedIn")]
    [InlineData(11, 0, 60, "TooLate")]
    [InlineData(13, 0, 60, "TooLate")]
    [InlineData(9, 59, 0, "TooEarly")]
    [InlineData(10, 0, 0, "CheckedIn")]
    [InlineData(7, 0, 180, "CheckedIn")]
    public void The_window_opens_before_the_slot_and_closes_when_it_runs_out(int hour, int minute, int opens, string expected) =>
        Assert.Equal(expected, Decide(TokenStatus.Booked, ASlot.At(hour, minute), opens: opens).GetType().Name);

    [Fact]
    public void Too_early_says_when_it_opens() =>
        Assert.Equal(new TooEarly(ASlot.At(9, 30)), Decide(TokenStatus.Booked, ASlot.At(9, 0), opens: 30));

    [Theory]
    [InlineData(11, 15, "CheckedIn")]
    [InlineData(11, 29, "CheckedIn")]
    [InlineData(11, 30, "TooLate")]
    public void A_doctor_running_late_keeps_the_window_open_as_long_as_the_slot_runs(int hour, int minute, string expected) =>
        Assert.Equal(expected, Decide(TokenStatus.Booked, ASlot.At(hour, minute), slot: Slot with { DelayMinutes = 30 }).GetType().Name);

    [Fact]
    public void A_doctor_running_late_does_not_open_the_window_later() =>
        Assert.IsType<CheckedIn>(Decide(TokenStatus.Booked, ASlot.At(9, 0), slot: Slot with { DelayMinutes = 30 }));

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    [InlineData(7)]
    public void A_token_of_another_day_is_refused_with_its_date(int days)
    {
        var other = Slot with { Date = Slot.Date.AddDays(days) };

        Assert.Equal(new OtherDay(other.Date), Decide(TokenStatus.Booked, ASlot.At(10, 15), slot: other));
    }

    [Fact]
    public void Yesterdays_session_still_running_past_midnight_is_today()
    {
        var lateSession = Slot with { Date = Slot.Date.AddDays(-1), Start = new TimeOnly(22, 0), End = new TimeOnly(23, 0), DelayMinutes = 120 };

        Assert.IsType<CheckedIn>(Decide(TokenStatus.Booked, ASlot.At(0, 30), slot: lateSession));
    }

    [Fact]
    public void Recall_within_the_grace_keeps_the_place_like_at_the_desk() =>
        Assert.Equal(new CheckedIn(new Rejoined(KeepsPlace: true)),
            Decide(TokenStatus.NoShow, ASlot.At(10, 30), markedNoShowAt: ASlot.At(10, 25)));

    [Fact]
    public void Recall_after_the_grace_joins_the_back_like_at_the_desk() =>
        Assert.Equal(new CheckedIn(new Rejoined(KeepsPlace: false)),
            Decide(TokenStatus.NoShow, ASlot.At(10, 50), markedNoShowAt: ASlot.At(10, 20)));

    [Fact]
    public void A_booking_becomes_waiting_as_at_the_desk() =>
        Assert.Equal(new CheckedIn(new Moved(TokenStatus.Booked, TokenStatus.Waiting)), Decide(TokenStatus.Booked, ASlot.At(10, 15)));

    [Fact]
    public void A_cancelled_slot_sends_the_patient_to_the_desk() =>
        Assert.Equal(new SeeTheDesk(RejectionKind.SlotCancelled),
            Decide(TokenStatus.Booked, ASlot.At(10, 15), slot: Slot with { Status = SlotStatus.Cancelled }));

    [Fact]
    public void A_no_show_whose_seat_went_to_someone_else_is_sent_to_the_desk() =>
        Assert.Equal(new SeeTheDesk(RejectionKind.SlotFull),
            Decide(TokenStatus.NoShow, ASlot.At(10, 30), slot: Slot with { SeatsTaken = Slot.MaxCapacity }, markedNoShowAt: ASlot.At(10, 25)));

    [Fact]
    public void A_no_show_who_holds_a_newer_token_is_sent_to_the_desk() =>
        Assert.Equal(new SeeTheDesk(RejectionKind.AlreadyHoldsToken),
            Decide(TokenStatus.NoShow, ASlot.At(10, 30), markedNoShowAt: ASlot.At(10, 25), otherActive: new HeldToken(9, 12)));

    [Fact]
    public void The_wrong_code_is_answered_before_anything_about_the_token_is_told() =>
        Assert.IsType<WrongCode>(Decide(TokenStatus.Booked, ASlot.At(10, 15), slot: Slot with { Date = Slot.Date.AddDays(1) }, atHospital: false));

    [Theory]
    [InlineData(TokenStatus.Booked, false)]
    [InlineData(TokenStatus.Waiting, true)]
    [InlineData(TokenStatus.InConsultation, true)]
    [InlineData(TokenStatus.Completed, false)]
    [InlineData(TokenStatus.NoShow, false)]
    [InlineData(TokenStatus.Cancelled, false)]
    public void You_are_checked_in_is_said_only_while_the_patient_is_here(TokenStatus status, bool shown)
    {
        Assert.Equal(shown, SelfCheckIn.ShowsArrived(status));
        Assert.Equal(6, Enum.GetValues<TokenStatus>().Length);
    }
}

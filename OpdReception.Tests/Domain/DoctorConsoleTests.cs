using OpdReception.Domain;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Domain;

public sealed class DoctorConsoleTests
{
    private static readonly DateTime Now = new(2030, 1, 7, 10, 30, 0);

    [Theory]
    [InlineData(TokenStatus.InConsultation, 0, null, true)]
    [InlineData(TokenStatus.InConsultation, 3, "T002", true)]
    [InlineData(TokenStatus.Waiting, 1, null, true)]
    [InlineData(TokenStatus.Waiting, 1, "T002", false)]
    [InlineData(TokenStatus.Booked, 0, null, false)]
    [InlineData(TokenStatus.Completed, 0, null, false)]
    [InlineData(TokenStatus.NoShow, 0, null, false)]
    [InlineData(TokenStatus.Cancelled, 0, null, false)]
    public void Recall_calls_the_patient_again_and_counts_it_only_when_the_doctor_can_see_them(TokenStatus status, int recalls, string? busyWith, bool allowed)
    {
        var decision = DoctorConsole.Recall(status, recalls, busyWith);

        if (allowed)
        {
            var called = Assert.IsType<CalledAgain>(decision);
            Assert.Equal(recalls + 1, called.RecallCount);
            Assert.Equal(status == TokenStatus.Waiting, called.WasWaiting);
        }
        else
        {
            Assert.IsType<ConsoleRefused>(decision);
        }
    }

    [Theory]
    [InlineData(0, 2, "back")]
    [InlineData(1, 2, "back")]
    [InlineData(2, 2, "absent")]
    [InlineData(5, 2, "absent")]
    [InlineData(0, 0, "absent")]
    public void Not_here_sends_the_patient_back_until_the_recall_limit_then_counts_them_absent(int recalls, int limit, string expected)
    {
        var decision = DoctorConsole.NotHereNow(TokenStatus.InConsultation, recalls, limit, Now);

        if (expected == "back")
        {
            Assert.Contains("Not here when called at 10:30", Assert.IsType<BackToWaiting>(decision).Note);
        }
        else
        {
            Assert.StartsWith("Not here after", Assert.IsType<CountedAbsent>(decision).Reason);
        }
    }

    [Theory]
    [InlineData(TokenStatus.Waiting)]
    [InlineData(TokenStatus.Booked)]
    [InlineData(TokenStatus.Completed)]
    public void Not_here_and_no_show_apply_only_to_the_called_patient(TokenStatus status)
    {
        Assert.IsType<ConsoleRefused>(DoctorConsole.NotHereNow(status, 0, 2, Now));
        Assert.IsType<ConsoleRefused>(DoctorConsole.NoShow(status));
    }

    [Fact]
    public void No_show_of_the_called_patient_says_they_did_not_come() =>
        Assert.Equal("Did not come when called", Assert.IsType<CountedAbsent>(DoctorConsole.NoShow(TokenStatus.InConsultation)).Reason);

    [Theory]
    [InlineData("Called", TokenStatus.Waiting, TokenStatus.InConsultation, 0, TokenStatus.Waiting)]
    [InlineData("Completed", TokenStatus.InConsultation, TokenStatus.Completed, 119, TokenStatus.InConsultation)]
    [InlineData("NotHere", TokenStatus.InConsultation, TokenStatus.Waiting, 120, TokenStatus.InConsultation)]
    [InlineData("MarkedNoShow", TokenStatus.InConsultation, TokenStatus.NoShow, 60, TokenStatus.InConsultation)]
    [InlineData("MarkedNoShow", TokenStatus.Waiting, TokenStatus.NoShow, 60, TokenStatus.Waiting)]
    [InlineData("Recalled", TokenStatus.InConsultation, TokenStatus.InConsultation, 10, TokenStatus.InConsultation)]
    public void Undo_within_two_minutes_returns_the_token_to_its_status_before(string action, TokenStatus from, TokenStatus to, int secondsAgo, TokenStatus backTo)
    {
        var last = new ConsoleEvent(7, 1, action, from, to, Now.AddSeconds(-secondsAgo));

        var undone = Assert.IsType<Undone>(DoctorConsole.Undo(last, to, changedSince: false, Now, doctorBusyWith: null, seat: null));

        Assert.Equal(backTo, undone.BackTo);
        Assert.Same(last, undone.Undoing);
    }

    public static TheoryData<ConsoleEvent?, TokenStatus, bool, string?, string> RefusedUndos => new()
    {
        { null, TokenStatus.Waiting, false, null, "nothing to undo" },
        { new(1, 1, "Undone", TokenStatus.Completed, TokenStatus.InConsultation, Now), TokenStatus.InConsultation, false, null, "nothing to undo" },
        { new(1, 1, "CheckedIn", TokenStatus.Booked, TokenStatus.Waiting, Now), TokenStatus.Waiting, false, null, "nothing to undo" },
        { new(1, 1, "Completed", TokenStatus.InConsultation, TokenStatus.Completed, Now.AddSeconds(-121)), TokenStatus.Completed, false, null, "2 minutes" },
        { new(1, 1, "Completed", TokenStatus.InConsultation, TokenStatus.Completed, Now), TokenStatus.Completed, true, null, "changed since" },
        { new(1, 1, "Called", TokenStatus.Waiting, TokenStatus.InConsultation, Now), TokenStatus.Completed, false, null, "changed since" },
        { new(1, 1, "Completed", TokenStatus.InConsultation, TokenStatus.Completed, Now), TokenStatus.Completed, false, "T004", "now with T004" },
    };

    [Theory]
    [MemberData(nameof(RefusedUndos))]
    public void Undo_is_refused_when_late_already_undone_changed_since_or_the_doctor_is_with_another_patient(
        ConsoleEvent? last, TokenStatus current, bool changedSince, string? busyWith, string says)
    {
        var refused = Assert.IsType<ConsoleRefused>(DoctorConsole.Undo(last, current, changedSince, Now, busyWith, seat: null));

        Assert.Contains(says, refused.Reason, StringComparison.OrdinalIgnoreCase);
    }

    private static readonly ConsoleEvent MarkedAbsent = new(7, 1, "MarkedNoShow", TokenStatus.InConsultation, TokenStatus.NoShow, Now.AddSeconds(-30));

    [Theory]
    [InlineData(TokenSource.WalkIn)]
    [InlineData(TokenSource.Online)]
    [InlineData(TokenSource.Priority)]
    public void Undoing_a_no_show_whose_seat_was_given_away_is_refused_for_an_ordinary_patient(TokenSource source)
    {
        var full = new UndoSeat(ASlot.WithCapacity(2).Full().Build(), source);

        var refused = Assert.IsType<ConsoleRefused>(DoctorConsole.Undo(MarkedAbsent, TokenStatus.NoShow, changedSince: false, Now, null, full));

        Assert.Contains("seat was given away", refused.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("2 of 2", refused.Reason);
    }

    [Fact]
    public void Undoing_an_emergency_no_show_in_a_full_slot_adds_a_seat()
    {
        var full = new UndoSeat(ASlot.WithCapacity(2).Full().Build(), TokenSource.Emergency);

        var undone = Assert.IsType<Undone>(DoctorConsole.Undo(MarkedAbsent, TokenStatus.NoShow, changedSince: false, Now, null, full));

        Assert.True(undone.ExtendsCapacity);
        Assert.Equal(TokenStatus.InConsultation, undone.BackTo);
    }

    [Fact]
    public void Undoing_a_no_show_whose_seat_is_still_free_adds_nothing()
    {
        var room = new UndoSeat(ASlot.WithCapacity(2).WithSeatsTaken(1).Build(), TokenSource.WalkIn);

        Assert.False(Assert.IsType<Undone>(DoctorConsole.Undo(MarkedAbsent, TokenStatus.NoShow, changedSince: false, Now, null, room)).ExtendsCapacity);
    }

    [Fact]
    public void Undoing_a_no_show_in_a_slot_cancelled_since_is_refused()
    {
        var cancelled = new UndoSeat(ASlot.WithCapacity(2).WithStatus(SlotStatus.Cancelled).Build(), TokenSource.Emergency);

        Assert.Contains("cancelled", Assert.IsType<ConsoleRefused>(DoctorConsole.Undo(MarkedAbsent, TokenStatus.NoShow, false, Now, null, cancelled)).Reason);
    }

    [Fact]
    public void Undoing_an_action_that_kept_the_seat_does_not_ask_for_one()
    {
        var completed = new ConsoleEvent(7, 1, "Completed", TokenStatus.InConsultation, TokenStatus.Completed, Now.AddSeconds(-30));
        var full = new UndoSeat(ASlot.WithCapacity(2).Full().Build(), TokenSource.WalkIn);

        Assert.False(Assert.IsType<Undone>(DoctorConsole.Undo(completed, TokenStatus.Completed, false, Now, null, full)).ExtendsCapacity);
    }

    /// <summary>#16 defect 13: the end-of-day sweep closed the day between the press and its undo.</summary>
    [Theory]
    [InlineData("Completed", TokenStatus.InConsultation, TokenStatus.Completed)]
    [InlineData("MarkedNoShow", TokenStatus.InConsultation, TokenStatus.NoShow)]
    [InlineData("Called", TokenStatus.Waiting, TokenStatus.InConsultation)]
    public void Undo_that_would_make_a_token_active_again_in_a_day_closed_since_is_refused(string action, TokenStatus from, TokenStatus to)
    {
        var last = new ConsoleEvent(7, 1, action, from, to, Now.AddSeconds(-30));
        var room = new UndoSeat(ASlot.WithCapacity(2).Build(), TokenSource.WalkIn);

        var refused = Assert.IsType<ConsoleRefused>(DoctorConsole.Undo(last, to, changedSince: false, Now, null, room, dayClosed: true));

        Assert.Contains("day has been closed", refused.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.IsType<Undone>(DoctorConsole.Undo(last, to, changedSince: false, Now, null, room, dayClosed: false));
    }

    [Fact]
    public void The_session_ends_after_the_last_waiting_patient_or_the_last_slot_whichever_is_later()
    {
        var slot = new SlotState(1, 1, new DateOnly(2030, 1, 7), new TimeOnly(10, 0), new TimeOnly(11, 0), 6, 0, 3, 3, SlotStatus.Open, 0);

        Assert.Equal(new DateTime(2030, 1, 7, 11, 0, 0), DoctorConsole.SessionEnds([slot], [(Now, 10)]));
        Assert.Equal(new DateTime(2030, 1, 7, 11, 20, 0), DoctorConsole.SessionEnds([slot], [(Now, 10), (Now.AddMinutes(40), 10)]));
        Assert.Equal(new DateTime(2030, 1, 7, 11, 15, 0), DoctorConsole.SessionEnds([slot with { DelayMinutes = 15, Status = SlotStatus.Delayed }], []));
        Assert.Null(DoctorConsole.SessionEnds([slot with { Status = SlotStatus.Cancelled }], []));
    }
}

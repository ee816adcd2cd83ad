using OpdReception.Domain;

namespace OpdReception.Tests.Domain;

public sealed class DoctorAwayTests
{
    private static readonly DateOnly Day = new(2030, 1, 7);

    private static SlotState Slot(int id, int startHour, int endHour, SlotStatus status = SlotStatus.Open, int delay = 0) =>
        new(id, 1, Day, new TimeOnly(startHour, 0), new TimeOnly(endHour, 0), 6, 0, 0, 0, status, delay);

    private static DateTime At(int hour, int minute = 0) => Day.ToDateTime(new TimeOnly(hour, minute));

    [Fact]
    public void Late_before_the_day_begins_delays_the_first_slot_by_the_minutes_given()
    {
        var away = Assert.IsType<Away>(DoctorAway.Decide(new AwayRequest.Late(20), [Slot(1, 10, 11), Slot(2, 11, 12)], At(9)));

        Assert.Equal(At(10, 20), away.ResumeAt);
        Assert.Equal(20, away.DelayBySlot[1]);
        Assert.Equal(0, away.DelayBySlot[2]);
        Assert.Equal("Running 20 min late", away.Notice);
    }

    [Fact]
    public void Late_during_a_slot_counts_from_now_so_the_running_slot_begins_again_after_the_minutes()
    {
        var away = Assert.IsType<Away>(DoctorAway.Decide(new AwayRequest.Late(20), [Slot(1, 10, 11), Slot(2, 11, 12)], At(10, 50)));

        Assert.Equal(At(11, 10), away.ResumeAt);
        Assert.Equal(70, away.DelayBySlot[1]);
        Assert.Equal(10, away.DelayBySlot[2]);
    }

    [Fact]
    public void A_break_delays_every_slot_that_would_begin_before_the_doctor_is_back_and_leaves_over_and_cancelled_slots()
    {
        var slots = new[] { Slot(1, 8, 9), Slot(2, 10, 11), Slot(3, 11, 12, SlotStatus.Cancelled), Slot(4, 12, 13) };

        var away = Assert.IsType<Away>(DoctorAway.Decide(new AwayRequest.BackAt(new TimeOnly(11, 15)), slots, At(10, 30)));

        Assert.Equal(At(11, 15), away.ResumeAt);
        Assert.Equal(new Dictionary<int, int> { [2] = 75, [4] = 0 }, away.DelayBySlot);
        Assert.Equal("On a break, back at 11:15", away.Notice);
    }

    [Fact]
    public void On_time_takes_every_remaining_delay_back()
    {
        var away = Assert.IsType<Away>(DoctorAway.Decide(new AwayRequest.OnTime(), [Slot(1, 10, 11, SlotStatus.Delayed, 30)], At(10, 5)));

        Assert.Null(away.ResumeAt);
        Assert.Null(away.Notice);
        Assert.Equal(0, away.DelayBySlot[1]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(481)]
    public void Late_minutes_out_of_range_are_refused(int minutes) =>
        Assert.IsType<AwayRefused>(DoctorAway.Decide(new AwayRequest.Late(minutes), [Slot(1, 10, 11)], At(9)));

    [Fact]
    public void A_break_ending_in_the_past_or_a_day_with_no_slot_left_is_refused()
    {
        Assert.IsType<AwayRefused>(DoctorAway.Decide(new AwayRequest.BackAt(new TimeOnly(10, 0)), [Slot(1, 10, 11)], At(10, 30)));
        Assert.IsType<AwayRefused>(DoctorAway.Decide(new AwayRequest.Late(10), [Slot(1, 8, 9)], At(10, 30)));
    }

    [Fact]
    public void Running_late_after_the_last_slot_while_patients_wait_extends_the_last_slot()
    {
        // 10:00–11:00 and 11:00–12:00; at 12:30 patients still wait: late by 15 means nobody before 12:45.
        var away = Assert.IsType<Away>(DoctorAway.Decide(new AwayRequest.Late(15), [Slot(1, 10, 11), Slot(2, 11, 12)], At(12, 30), patientsWaiting: true));

        Assert.Equal(At(12, 45), away.ResumeAt);
        Assert.Equal(new Dictionary<int, int> { [2] = 105 }, away.DelayBySlot);
    }

    [Fact]
    public void A_break_after_the_last_slot_while_patients_wait_extends_the_last_slot()
    {
        var away = Assert.IsType<Away>(DoctorAway.Decide(new AwayRequest.BackAt(new TimeOnly(13, 0)), [Slot(1, 10, 11), Slot(2, 11, 12, SlotStatus.Cancelled)], At(12, 30), patientsWaiting: true));

        Assert.Equal(new Dictionary<int, int> { [1] = 180 }, away.DelayBySlot);
    }

    [Fact]
    public void The_notice_shows_only_while_the_delayed_slot_has_not_begun()
    {
        var slot = Slot(1, 10, 11, SlotStatus.Delayed, 75);

        Assert.Equal("On a break, back at 11:15", DoctorAway.CurrentNotice(slot, "On a break, back at 11:15", At(10, 30)));
        Assert.Null(DoctorAway.CurrentNotice(slot, "On a break, back at 11:15", At(11, 15)));
        Assert.Null(DoctorAway.CurrentNotice(slot with { Status = SlotStatus.Open, DelayMinutes = 0 }, null, At(10, 30)));
    }

    private const string Break = "On a break, back at 11:15";

    /// <summary>09:00 running 20 late (set by the desk, no words); 10:00 and 11:00 pushed to 11:15 by a break; 12:00 on time; 13:00 cancelled.</summary>
    private static readonly (SlotState, string?)[] DayWithLateStartAndBreak =
    [
        (Slot(1, 9, 10, SlotStatus.Delayed, 20), null),
        (Slot(2, 10, 11, SlotStatus.Delayed, 75), Break),
        (Slot(3, 11, 12, SlotStatus.Delayed, 15), Break),
        (Slot(4, 12, 13), null),
        (Slot(5, 13, 14, SlotStatus.Cancelled, 30), "Cancelled: doctor called away"),
    ];

    [Theory]
    [InlineData(8, 0, "Running 20 min late")]
    [InlineData(9, 19, "Running 20 min late")]
    [InlineData(9, 20, Break)]
    [InlineData(10, 30, Break)]
    [InlineData(11, 14, Break)]
    [InlineData(11, 15, null)]
    [InlineData(11, 16, null)]
    [InlineData(13, 10, null)]
    public void The_day_says_back_at_only_until_that_time_has_come(int hour, int minute, string? notice)
    {
        Assert.Equal(notice, DoctorAway.DayNotice(DayWithLateStartAndBreak, At(hour, minute)));
    }

    [Fact]
    public void A_day_with_no_delay_says_nothing()
    {
        Assert.Null(DoctorAway.DayNotice([(Slot(1, 10, 11), null), (Slot(2, 11, 12, SlotStatus.Delayed, 0), "On time")], At(9)));
    }
}

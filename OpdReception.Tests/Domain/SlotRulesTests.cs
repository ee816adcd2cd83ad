using OpdReception.Domain;

namespace OpdReception.Tests.Domain;

public sealed class SlotRulesTests
{
    /// <summary>A Monday.</summary>
    private static readonly DateOnly Today = new(2030, 1, 7);

    private static readonly DayOfWeek[] MondayToSaturday =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday];

    private static readonly DateTime StartOfToday = Today.ToDateTime(TimeOnly.MinValue);

    private static readonly OtherSlot[] Morning = [new(7, Today, new TimeOnly(9, 0), new TimeOnly(10, 0))];

    private static SlotPlan Plan(int daysFromToday, string start = "11:00", string end = "12:00", bool extra = false, int capacity = 6, int minutes = 10) =>
        new(Today.AddDays(daysFromToday), TimeOnly.Parse(start), TimeOnly.Parse(end), capacity, minutes, extra);

    [Theory]
    [InlineData(0, false, null)]                                    // today, a Monday
    [InlineData(-1, false, SlotRefusalKind.DateInPast)]             // yesterday, even as an extra session
    [InlineData(-1, true, SlotRefusalKind.DateInPast)]
    [InlineData(-400, false, SlotRefusalKind.DateInPast)]
    [InlineData(1, false, null)]                                    // Tuesday
    [InlineData(6, false, SlotRefusalKind.NotAnOpdDay)]             // Sunday
    [InlineData(6, true, null)]                                     // Sunday as an extra session
    [InlineData(365, false, null)]                                  // one year ahead, a Tuesday
    [InlineData(366, false, SlotRefusalKind.DateTooFarAhead)]
    [InlineData(366, true, SlotRefusalKind.DateTooFarAhead)]
    public void Dates_open_from_today_to_a_year_ahead_on_opd_days_or_as_extra_sessions(int daysFromToday, bool extra, SlotRefusalKind? refused)
    {
        var decision = SlotRules.Check(Plan(daysFromToday, extra: extra), StartOfToday, MondayToSaturday, []);

        Assert.Equal(refused, (decision as SlotRefused)?.Kind);
    }

    [Fact]
    public void The_last_day_of_the_calendar_is_refused_not_overflowed()
    {
        var plan = new SlotPlan(DateOnly.MaxValue, new TimeOnly(23, 0), new TimeOnly(23, 59), 500, 240, ExtraSession: true);

        var decision = SlotRules.Check(plan, DateOnly.MaxValue.AddDays(-1).ToDateTime(TimeOnly.MinValue), MondayToSaturday, []);

        Assert.Equal(SlotRefusalKind.TimeOutOfRange, Assert.IsType<SlotRefused>(decision).Kind);
    }

    [Fact]
    public void A_doctor_with_no_opd_days_only_opens_extra_sessions()
    {
        Assert.IsType<SlotRefused>(SlotRules.Check(Plan(0), StartOfToday, [], []));
        Assert.IsType<SlotAccepted>(SlotRules.Check(Plan(0, extra: true), StartOfToday, [], []));
    }

    [Theory]
    [InlineData("18:23", "12:00", "13:00", SlotRefusalKind.AlreadyEnded)]
    [InlineData("13:00", "12:00", "13:00", SlotRefusalKind.AlreadyEnded)]   // ends as we speak
    [InlineData("12:30", "12:00", "13:00", null)]                           // under way: still open
    [InlineData("11:00", "12:00", "13:00", null)]
    public void A_slot_of_today_that_has_already_ended_is_refused_naming_its_times(string now, string start, string end, SlotRefusalKind? refused)
    {
        var decision = SlotRules.Check(Plan(0, start, end), Today.ToDateTime(TimeOnly.Parse(now)), MondayToSaturday, []);

        Assert.Equal(refused, (decision as SlotRefused)?.Kind);
        if (decision is SlotRefused no)
        {
            Assert.Equal("endTime", no.Field);
            Assert.Contains("startTime and endTime", no.Message);
        }
    }

    [Theory]
    [InlineData("08:00", "09:00", true)]   // ends as the other starts
    [InlineData("10:00", "11:00", true)]   // starts as the other ends
    [InlineData("08:30", "09:01", false)]
    [InlineData("09:59", "10:30", false)]
    [InlineData("09:15", "09:45", false)]  // inside
    [InlineData("08:00", "11:00", false)]  // around
    public void A_slot_may_touch_but_not_overlap_another_of_the_same_doctor(string start, string end, bool accepted)
    {
        var decision = SlotRules.Check(Plan(0, start, end), StartOfToday, MondayToSaturday, Morning);

        Assert.Equal(accepted, decision is SlotAccepted);
        if (!accepted)
        {
            Assert.Equal(SlotRefusalKind.Overlaps, Assert.IsType<SlotRefused>(decision).Kind);
            Assert.Contains("already has a slot from 09:00 to 10:00", ((SlotRefused)decision).Message);
        }
    }

    [Fact]
    public void Another_days_slot_at_the_same_hour_is_no_overlap()
    {
        Assert.IsType<SlotAccepted>(SlotRules.Check(Plan(1, "09:00", "10:00"), StartOfToday, MondayToSaturday, Morning));
    }

    [Theory]
    [InlineData(6, 10, 60, false)]
    [InlineData(7, 10, 60, true)]
    [InlineData(1, 61, 60, true)]
    [InlineData(500, 240, 480, true)]
    [InlineData(12, 5, 60, false)]
    public void More_consultations_than_the_slot_holds_are_accepted_with_a_warning(int capacity, int minutes, int slotMinutes, bool warned)
    {
        var plan = new SlotPlan(Today, new TimeOnly(9, 0), new TimeOnly(9, 0).AddMinutes(slotMinutes), capacity, minutes);

        var accepted = Assert.IsType<SlotAccepted>(SlotRules.Check(plan, StartOfToday, MondayToSaturday, []));

        Assert.Equal(warned, accepted.Warnings.Count > 0);
        if (warned)
        {
            Assert.Contains($"{capacity} patients × {minutes} minutes", accepted.Warnings[0]);
        }
    }
}

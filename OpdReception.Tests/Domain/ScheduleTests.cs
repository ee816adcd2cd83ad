using OpdReception.Domain;

namespace OpdReception.Tests.Domain;

public sealed class ScheduleTests
{
    private static readonly DateOnly Monday = new(2030, 1, 7);
    private static readonly TimeOnly Nine = new(9, 0);
    private static readonly TimeOnly Noon = new(12, 0);
    private static readonly SessionPlan MondayMorning = new(DayOfWeek.Monday, Nine, Noon, 60, 6, 10);
    private static readonly DayOfWeek[] Week = [DayOfWeek.Monday, DayOfWeek.Thursday];

    /// <summary>Monday before any session: nothing of the day is over yet.</summary>
    private static readonly DateTime MondayMorningEarly = Monday.ToDateTime(new TimeOnly(7, 0));

    [Fact]
    public void A_session_is_cut_into_slots_of_its_length()
    {
        Assert.Equal([(Nine, new TimeOnly(10, 0)), (new TimeOnly(10, 0), new TimeOnly(11, 0)), (new TimeOnly(11, 0), Noon)], Schedule.Cut(MondayMorning));
    }

    [Fact]
    public void The_last_slot_ends_with_the_session()
    {
        var cuts = Schedule.Cut(MondayMorning with { SlotMinutes = 50 }).ToList();
        Assert.Equal(4, cuts.Count);
        Assert.Equal((new TimeOnly(11, 30), Noon), cuts[^1]);
    }

    [Fact]
    public void A_week_gives_slots_only_on_the_template_days()
    {
        var template = new[] { MondayMorning, MondayMorning with { Day = DayOfWeek.Thursday } };
        var plan = Schedule.Generate(template, Monday, Monday.AddDays(6), MondayMorningEarly, [], [], Week);
        Assert.Equal(6, plan.Create.Count);
        Assert.All(plan.Create, s => Assert.Contains(s.Date.DayOfWeek, new[] { DayOfWeek.Monday, DayOfWeek.Thursday }));
        Assert.All(plan.Create, s => Assert.Equal((6, 10), (s.MaxCapacity, s.MinutesPerConsultation)));
        Assert.Empty(plan.Skipped);
    }

    [Fact]
    public void Existing_slots_and_any_overlap_with_them_are_skipped()
    {
        var existing = new[] { new ExistingSlot(Monday, Nine, new TimeOnly(10, 0)), new ExistingSlot(Monday, new TimeOnly(10, 30), new TimeOnly(10, 45)) };
        var plan = Schedule.Generate([MondayMorning], Monday, Monday, MondayMorningEarly, [], existing, Week);
        Assert.Equal([new TimeOnly(11, 0)], plan.Create.Select(s => s.Start));
        Assert.Equal(2, plan.Skipped.Count(s => s.Reason == SkipReason.AlreadyThere));
    }

    [Fact]
    public void Days_on_leave_and_days_past_are_skipped_with_their_reason()
    {
        var plan = Schedule.Generate([MondayMorning], Monday.AddDays(-7), Monday.AddDays(7), MondayMorningEarly, [new LeaveSpan(Monday, Monday)], [], Week);
        Assert.Equal(3, plan.Create.Count);
        Assert.All(plan.Create, s => Assert.Equal(Monday.AddDays(7), s.Date));
        Assert.Equal(3, plan.Skipped.Count(s => s.Reason == SkipReason.InThePast));
        Assert.Equal(3, plan.Skipped.Count(s => s.Reason == SkipReason.OnLeave));
    }

    [Theory]
    [InlineData("07:00", 3, 0)]
    [InlineData("09:59", 3, 0)]
    [InlineData("10:00", 2, 1)]   // the 09:00 slot has just ended
    [InlineData("10:30", 2, 1)]   // the 10:00 slot is under way: still made
    [InlineData("18:22", 0, 3)]
    public void Slots_of_today_that_have_already_ended_are_skipped_as_past(string now, int created, int past)
    {
        var plan = Schedule.Generate([MondayMorning], Monday, Monday, Monday.ToDateTime(TimeOnly.Parse(now)), [], [], Week);

        Assert.Equal(created, plan.Create.Count);
        Assert.Equal(past, plan.Skipped.Count(s => s.Reason == SkipReason.InThePast));
        Assert.All(plan.Create, s => Assert.True(Monday.ToDateTime(s.End) > Monday.ToDateTime(TimeOnly.Parse(now))));
    }

    [Fact]
    public void A_template_day_that_is_no_longer_an_opd_day_is_skipped_in_the_slot_rules_words()
    {
        var plan = Schedule.Generate([MondayMorning], Monday, Monday, MondayMorningEarly, [], [], [DayOfWeek.Tuesday]);
        Assert.Empty(plan.Create);
        Assert.All(plan.Skipped, s => Assert.Equal(SkipReason.Refused, s.Reason));
        Assert.Contains("OPD days", plan.Skipped[0].Message);
    }

    [Fact]
    public void Slots_more_than_a_year_ahead_are_skipped_by_the_slot_rules()
    {
        var far = Monday.AddDays(7 * 60);
        var plan = Schedule.Generate([MondayMorning], far, far, MondayMorningEarly, [], [], Week);
        Assert.Empty(plan.Create);
        Assert.Contains("more than a year ahead", plan.Skipped[0].Message);
    }

    [Fact]
    public void A_template_session_must_be_on_an_opd_day()
    {
        var refused = Assert.IsType<TemplateRefused>(Schedule.CheckTemplate([MondayMorning with { Day = DayOfWeek.Sunday }], [DayOfWeek.Monday]));
        Assert.Contains("not one of the doctor's OPD days", refused.Errors["sessions[0]"][0]);
    }

    [Theory]
    [InlineData(12, 9, 60, 6, 10, "end must be after")]
    [InlineData(9, 12, 4, 6, 10, "5 to 480")]
    [InlineData(9, 12, 60, 0, 10, "1 to 500")]
    [InlineData(9, 12, 60, 6, 0, "1 to 240")]
    public void A_session_with_impossible_numbers_is_refused(int start, int end, int slot, int capacity, int minutes, string words)
    {
        var session = new SessionPlan(DayOfWeek.Monday, new TimeOnly(start, 0), new TimeOnly(end, 0), slot, capacity, minutes);
        var refused = Assert.IsType<TemplateRefused>(Schedule.CheckTemplate([session], [DayOfWeek.Monday]));
        Assert.Contains(words, refused.Errors["sessions[0]"][0]);
    }

    [Fact]
    public void An_empty_template_is_refused() =>
        Assert.Contains("sessions", Assert.IsType<TemplateRefused>(Schedule.CheckTemplate([], [DayOfWeek.Monday])).Errors.Keys);

    [Fact]
    public void Two_sessions_of_one_day_must_not_overlap()
    {
        var refused = Assert.IsType<TemplateRefused>(Schedule.CheckTemplate(
            [MondayMorning, MondayMorning with { Start = new TimeOnly(11, 0), End = new TimeOnly(13, 0) }], [DayOfWeek.Monday]));
        Assert.Contains("overlaps", refused.Errors["sessions[1]"][0]);
    }

    [Fact]
    public void A_morning_and_an_evening_session_are_accepted_in_order()
    {
        var evening = MondayMorning with { Start = new TimeOnly(17, 0), End = new TimeOnly(19, 0) };
        var accepted = Assert.IsType<TemplateAccepted>(Schedule.CheckTemplate([evening, MondayMorning], [DayOfWeek.Monday]));
        Assert.Equal([Nine, new TimeOnly(17, 0)], accepted.Sessions.Select(s => s.Start));
    }

    [Fact]
    public void Capacity_times_minutes_longer_than_the_slot_is_a_warning()
    {
        Assert.Null(Schedule.Warning(MondayMorning));
        Assert.Contains("70 minutes", Schedule.Warning(MondayMorning with { MinutesPerConsultation = 10, CapacityPerSlot = 7 }));
    }

    [Fact]
    public void A_slot_on_a_day_off_warns_that_it_is_an_extra_session()
    {
        var warnings = Schedule.SlotWarnings(Monday.AddDays(6), Nine, Noon, 6, 10, [DayOfWeek.Monday]);
        Assert.Contains(warnings, w => w.Contains("extra session"));
        Assert.Empty(Schedule.SlotWarnings(Monday, Nine, Noon, 6, 10, [DayOfWeek.Monday]));
    }

    [Theory]
    [InlineData(0, -1, "must not be before")]
    [InlineData(-5, -1, "in the past")]
    [InlineData(0, 92, "At most 92 days")]
    public void A_range_must_be_in_order_not_past_and_not_too_long(int fromDays, int toDays, string words)
    {
        Assert.Contains(words, Schedule.CheckRange(Monday.AddDays(fromDays), Monday.AddDays(toDays), Monday));
    }

    [Fact]
    public void A_range_starting_in_the_past_but_reaching_today_is_fine() =>
        Assert.Null(Schedule.CheckRange(Monday.AddDays(-3), Monday.AddDays(3), Monday));
}

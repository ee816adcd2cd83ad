using OpdReception.Domain;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Domain;

public sealed class NoSlotRulesTests
{
    // Monday 7 January 2030, at eight in the morning.
    private static readonly DateOnly Monday = new(2030, 1, 7);
    private static readonly DateTime Now = Monday.ToDateTime(new TimeOnly(8, 0));
    private static readonly DayOfWeek[] MondaysAndWednesdays = [DayOfWeek.Monday, DayOfWeek.Wednesday];

    private static SlotState SlotOn(DateOnly date, int startHour, SlotStatus status = SlotStatus.Open) =>
        ASlot.WithId(startHour).Running(startHour, startHour + 1).Build() with { Date = date, Status = status };

    public static TheoryData<string, DateOnly, bool, SlotState[], int, string> Cases() => new()
    {
        { "an open slot", Monday, false, [SlotOn(Monday, 9)], 1, "SlotsOpen" },
        { "a day gone by", Monday.AddDays(-7), false, [], 0, "DayPassed" },
        { "not an OPD weekday", Monday.AddDays(1), false, [], 3, "NoOpdThatWeekday" },
        { "on leave, slots cancelled", Monday, true, [SlotOn(Monday, 9, SlotStatus.Cancelled)], 1, "OnLeave" },
        { "on leave before any slot was made", Monday.AddDays(7), true, [], 0, "OnLeave" },
        { "OPD day, nothing generated that week", Monday.AddDays(14), false, [], 0, "WeekNotGenerated" },
        { "OPD day, other days of the week generated", Monday.AddDays(2), false, [], 1, "NoSlotThatDay" },
        { "every slot cancelled", Monday, false, [SlotOn(Monday, 9, SlotStatus.Cancelled)], 1, "AllCancelled" },
        { "closed to issuing", Monday, false, [SlotOn(Monday, 9, SlotStatus.Closed), SlotOn(Monday, 10, SlotStatus.Cancelled)], 2, "AllClosed" },
        { "every slot over", Monday, false, [SlotOn(Monday, 6), SlotOn(Monday, 7, SlotStatus.Cancelled)], 2, "AllOver" },
        { "an open slot on a day not an OPD day (extra session)", Monday.AddDays(1), false, [SlotOn(Monday.AddDays(1), 9)], 1, "SlotsOpen" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_desk_is_told_why_no_slot_takes_tokens(string story, DateOnly date, bool onLeave, SlotState[] slots, int thatWeek, string expected)
    {
        var why = NoSlotRules.Why(date, Now, MondaysAndWednesdays, onLeave, slots, thatWeek);

        Assert.True(why.GetType().Name == expected, $"{story}: {why}");
    }

    [Fact]
    public void The_words_name_the_doctor_and_the_day_as_a_receptionist_says_them()
    {
        Assert.Equal("Dr. Iyer has no OPD on Tuesdays.", new NoOpdThatWeekday(DayOfWeek.Tuesday).Describe("Dr. Iyer"));
        Assert.Equal("Dr. Iyer is on leave on 9 Dec.", new OnLeave(new DateOnly(2030, 12, 9)).Describe("Dr. Iyer"));
        Assert.StartsWith("No slots generated for the week of 9 Dec", new WeekNotGenerated(new DateOnly(2030, 12, 9)).Describe("Dr. Iyer"));
        Assert.EndsWith("ask an admin.", new WeekNotGenerated(new DateOnly(2030, 12, 9)).Describe("Dr. Iyer"));
        Assert.Equal("Dr. Iyer's last slot on Mon 7 Jan ended at 07:00.", new AllOver(Monday, new TimeOnly(7, 0)).Describe("Dr. Iyer"));
    }

    [Theory]
    [InlineData("2030-01-07", "2030-01-07")]
    [InlineData("2030-01-13", "2030-01-07")]
    [InlineData("2030-01-09", "2030-01-07")]
    public void A_week_runs_monday_to_sunday(string day, string monday) =>
        Assert.Equal(DateOnly.Parse(monday), NoSlotRules.WeekStart(DateOnly.Parse(day)));
}

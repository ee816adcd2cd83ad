using OpdReception.Domain;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Domain;

/// <summary>Which day "today" is for a doctor's rules: the OPD day the session belongs to, not the calendar date.</summary>
public sealed class OpdDayTests
{
    private static readonly DateOnly Evening = ASlot.Day;
    private static readonly DateOnly Next = ASlot.Day.AddDays(1);

    private static DateTime NextAt(int hour, int minute = 0) => Next.ToDateTime(new TimeOnly(hour, minute));

    private static PreviousDay Previous(DateTime runsUntil, bool serving = false, bool closed = false, DateTime? cutOff = null) =>
        new(Evening, runsUntil, serving, closed, cutOff ?? Next.AddDays(1).ToDateTime(TimeOnly.MinValue));

    [Fact]
    public void Without_a_day_before_today_is_the_calendar_date() =>
        Assert.Equal(Next, OpdDay.Of(NextAt(0, 10), null));

    [Fact]
    public void A_session_delayed_past_midnight_is_still_the_day_it_began_on_while_a_slot_runs() =>
        Assert.Equal(Evening, OpdDay.Of(NextAt(0, 10), Previous(runsUntil: NextAt(0, 30))));

    [Fact]
    public void Patients_still_checked_in_keep_the_day_before_its_cut_off() =>
        Assert.Equal(Evening, OpdDay.Of(NextAt(0, 40), Previous(runsUntil: NextAt(0, 30), serving: true)));

    [Fact]
    public void Past_its_cut_off_a_day_left_with_patients_no_longer_holds_the_doctor() =>
        Assert.Equal(Next, OpdDay.Of(NextAt(0, 40), Previous(runsUntil: ASlot.At(23, 0), serving: true, cutOff: NextAt(0, 0))));

    [Fact]
    public void Once_the_doctors_next_day_has_begun_a_forgotten_patient_of_the_day_before_no_longer_holds_it() =>
        Assert.Equal(Next, OpdDay.Of(NextAt(9, 5), Previous(runsUntil: NextAt(0, 30), serving: true), calendarDayBegins: NextAt(9, 0)));

    [Fact]
    public void A_day_run_out_with_nobody_left_or_closed_is_over_at_midnight()
    {
        Assert.Equal(Next, OpdDay.Of(NextAt(0, 40), Previous(runsUntil: NextAt(0, 30))));
        Assert.Equal(Next, OpdDay.Of(NextAt(0, 10), Previous(runsUntil: NextAt(0, 30), closed: true)));
    }

    [Theory]
    [InlineData(70, true)]   // 22:00–23:00 delayed 70 minutes runs until 00:10: not over at 00:05
    [InlineData(0, false)]   // not delayed: over at 23:00
    public void A_slot_of_yesterday_that_still_runs_belongs_to_today(int delayMinutes, bool today)
    {
        var slot = ASlot.Default.Build() with { Start = new TimeOnly(22, 0), End = new TimeOnly(23, 0), DelayMinutes = delayMinutes };

        Assert.Equal(today, OpdDay.IsToday(slot, NextAt(0, 5)));
    }
}

namespace OpdReception.Domain;

/// <summary>The doctor's day before the calendar date, as far as "today" depends on it.</summary>
/// <param name="RunsUntil">When its last slot that is not cancelled runs until, delay included.</param>
/// <param name="Serving">Someone of it is checked in and not yet seen, or with the doctor.</param>
/// <param name="Closed">The end-of-day sweep has closed it.</param>
/// <param name="CutOffAt">Its hard cut-off (<see cref="EndOfDay.CutOffAt"/>): patients left waiting hold it no longer.</param>
public sealed record PreviousDay(DateOnly Date, DateTime RunsUntil, bool Serving, bool Closed, DateTime CutOffAt);

/// <summary>
/// "Today" for every rule is the OPD day the doctor's session belongs to, not the calendar date of now: an evening
/// session that runs past midnight is still the day it began on while any of its slots runs or its patients are
/// being seen, so nobody is stranded at 00:00.
/// </summary>
public static class OpdDay
{
    /// <param name="previous">The doctor's day before the calendar date, if it had slots.</param>
    /// <param name="calendarDayBegins">When the doctor's first slot of the calendar date can begin, if it has one: from
    /// then on a day left open by a patient nobody saw no longer holds the doctor back.</param>
    public static DateOnly Of(DateTime now, PreviousDay? previous, DateTime? calendarDayBegins = null)
    {
        var calendar = DateOnly.FromDateTime(now);
        if (previous is null || previous.Closed || previous.Date != calendar.AddDays(-1))
        {
            return calendar;
        }

        var running = previous.RunsUntil > now;
        var serving = previous.Serving && now < previous.CutOffAt && (calendarDayBegins is not { } begins || now < begins);
        return running || serving ? previous.Date : calendar;
    }

    /// <summary>
    /// Whether a slot's patients may be checked in, called and seen now: the slot is of the calendar date, or of the
    /// doctor's OPD day still running past midnight.
    /// </summary>
    public static bool IsToday(DateOnly slotDate, DateTime now, DateOnly opdDay) =>
        slotDate == DateOnly.FromDateTime(now) || slotDate == opdDay;

    /// <summary>A slot of yesterday that still runs (delayed past midnight) belongs to today's work, from the slot alone.</summary>
    public static bool IsToday(SlotState slot, DateTime now) =>
        slot.Date == DateOnly.FromDateTime(now) || (slot.Date == DateOnly.FromDateTime(now).AddDays(-1) && !slot.IsOver(now));
}

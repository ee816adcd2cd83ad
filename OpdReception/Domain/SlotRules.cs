namespace OpdReception.Domain;

/// <summary>A slot an admin asks for: its day, its hours and how many patients it is meant to see.</summary>
public sealed record SlotPlan(DateOnly Date, TimeOnly Start, TimeOnly End, int MaxCapacity, int MinutesPerConsultation, bool ExtraSession = false);

/// <summary>Another slot of the same doctor that is not cancelled.</summary>
public sealed record OtherSlot(int Id, DateOnly Date, TimeOnly Start, TimeOnly End);

public abstract record SlotDecision;

/// <summary>The slot may open; warnings say what looks wrong but is the admin's call.</summary>
public sealed record SlotAccepted(IReadOnlyList<string> Warnings) : SlotDecision;

public sealed record SlotRefused(SlotRefusalKind Kind, string Field, string Message) : SlotDecision;

public enum SlotRefusalKind { DateInPast, AlreadyEnded, DateTooFarAhead, NotAnOpdDay, Overlaps, TimeOutOfRange }

/// <summary>When a slot may be opened. Pure: the time now is a parameter, the other slots are read by the caller.</summary>
public static class SlotRules
{
    /// <summary>How far ahead slots may be opened; further than this is a typo, not a plan.</summary>
    public const int MaxYearsAhead = 1;

    /// <summary>The longest delay a slot may be given; bounds every time computed from a slot.</summary>
    public const int MaxDelayMinutes = 480;

    public static SlotDecision Check(SlotPlan plan, DateTime now, IReadOnlyCollection<DayOfWeek> opdDays, IEnumerable<OtherSlot> otherSlotsOfDoctor)
    {
        var today = DateOnly.FromDateTime(now);
        if (plan.Date < today)
        {
            return new SlotRefused(SlotRefusalKind.DateInPast, "date", $"The date {plan.Date:ddd d MMM yyyy} is in the past; slots open from today ({today:ddd d MMM yyyy}) on.");
        }

        // Nobody can be seen in a slot that is already over: it would only take bookings for a time gone by.
        if (HasEnded(plan.Date, plan.End, now))
        {
            return new SlotRefused(SlotRefusalKind.AlreadyEnded, "endTime",
                $"The slot from {plan.Start:HH\\:mm} to {plan.End:HH\\:mm} has already ended (it is {now:HH\\:mm}); choose a startTime and endTime still to come.");
        }

        if (!FitsInCalendar(plan))
        {
            return new SlotRefused(SlotRefusalKind.TimeOutOfRange, "date", "The slot's times would run past the end of the calendar.");
        }

        var lastDay = today.Year + MaxYearsAhead <= DateOnly.MaxValue.Year ? today.AddYears(MaxYearsAhead) : DateOnly.MaxValue;
        if (plan.Date > lastDay)
        {
            return new SlotRefused(SlotRefusalKind.DateTooFarAhead, "date",
                $"The date {plan.Date:ddd d MMM yyyy} is more than a year ahead; slots open up to {lastDay:ddd d MMM yyyy}.");
        }

        if (!plan.ExtraSession && !opdDays.Contains(plan.Date.DayOfWeek))
        {
            var days = opdDays.Count == 0 ? "no OPD days are set for this doctor" : $"the doctor's OPD days are {string.Join(", ", opdDays.Order())}";
            return new SlotRefused(SlotRefusalKind.NotAnOpdDay, "date",
                $"{plan.Date:ddd d MMM yyyy} is a {plan.Date.DayOfWeek}, and {days}. Send \"extraSession\": true to open an extra session that day.");
        }

        var clash = otherSlotsOfDoctor
            .Where(s => s.Date == plan.Date && s.Start < plan.End && plan.Start < s.End)
            .OrderBy(s => s.Start)
            .FirstOrDefault();
        if (clash is not null)
        {
            return new SlotRefused(SlotRefusalKind.Overlaps, "startTime",
                $"The doctor already has a slot from {clash.Start:HH\\:mm} to {clash.End:HH\\:mm} that day.");
        }

        return new SlotAccepted(Warnings(plan.Start, plan.End, plan.MaxCapacity, plan.MinutesPerConsultation));
    }

    /// <summary>A slot of <paramref name="date"/> ending at <paramref name="end"/> is over at <paramref name="now"/>.</summary>
    public static bool HasEnded(DateOnly date, TimeOnly end, DateTime now) => date.ToDateTime(end) <= now;

    /// <summary>A slot booked beyond what the doctor can see in its hours: allowed (overbooking is a choice), but said.</summary>
    public static IReadOnlyList<string> Warnings(TimeOnly start, TimeOnly end, int maxCapacity, int minutesPerConsultation)
    {
        var length = (int)(end - start).TotalMinutes;
        var needed = (long)maxCapacity * minutesPerConsultation;
        return needed > length
            ? [$"{maxCapacity} patients × {minutesPerConsultation} minutes is {needed} minutes, longer than the slot's {length} minutes: the last patients will be seen after it ends."]
            : [];
    }

    /// <summary>Every time derived from a slot (end + longest delay + every seat's consultation) must be a real date-time.</summary>
    private static bool FitsInCalendar(SlotPlan plan)
    {
        var latestMinutes = MaxDelayMinutes + (long)plan.MaxCapacity * plan.MinutesPerConsultation * 2;
        return (DateTime.MaxValue - plan.Date.ToDateTime(plan.End)).TotalMinutes > latestMinutes;
    }
}

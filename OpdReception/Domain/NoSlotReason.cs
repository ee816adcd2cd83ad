namespace OpdReception.Domain;

/// <summary>Why a doctor has no slot taking tokens on a day the desk asked for, in the order the desk can act on it.</summary>
public abstract record NoSlotReason
{
    /// <summary>What the desk reads, naming the doctor and the day.</summary>
    public abstract string Describe(string doctorName);
}

public sealed record SlotsOpen : NoSlotReason
{
    public override string Describe(string doctorName) => $"{doctorName} has a slot taking tokens that day.";
}

public sealed record DayPassed(DateOnly Date) : NoSlotReason
{
    public override string Describe(string doctorName) => $"{Date:ddd d MMM} has passed: choose today or a later day.";
}

public sealed record NoOpdThatWeekday(DayOfWeek Day) : NoSlotReason
{
    public override string Describe(string doctorName) => $"{doctorName} has no OPD on {Day}s.";
}

public sealed record OnLeave(DateOnly Date) : NoSlotReason
{
    public override string Describe(string doctorName) => $"{doctorName} is on leave on {Date:d MMM}.";
}

/// <summary>An OPD day, but nothing generated for its week: the weekly template was never turned into slots.</summary>
public sealed record WeekNotGenerated(DateOnly Date) : NoSlotReason
{
    public override string Describe(string doctorName) => $"No slots generated for the week of {Date:d MMM} for {doctorName}: ask an admin.";
}

public sealed record NoSlotThatDay(DateOnly Date) : NoSlotReason
{
    public override string Describe(string doctorName) => $"{doctorName} has no slot on {Date:ddd d MMM}, though other days that week have: ask an admin to open one.";
}

public sealed record AllCancelled(DateOnly Date) : NoSlotReason
{
    public override string Describe(string doctorName) => $"Every slot of {doctorName} on {Date:ddd d MMM} is cancelled.";
}

public sealed record AllClosed(DateOnly Date) : NoSlotReason
{
    public override string Describe(string doctorName) => $"{doctorName}'s slots on {Date:ddd d MMM} are closed to new tokens.";
}

public sealed record AllOver(DateOnly Date, TimeOnly LastEnded) : NoSlotReason
{
    public override string Describe(string doctorName) => $"{doctorName}'s last slot on {Date:ddd d MMM} ended at {LastEnded:HH\\:mm}.";
}

/// <summary>
/// The desk asked for a doctor's day and found no slot taking tokens: this says why, from the doctor's OPD days, leave
/// and slots, so the receptionist knows whether to pick another day, another doctor, or call an admin.
/// </summary>
public static class NoSlotRules
{
    /// <param name="opdDays">The doctor's weekly OPD days.</param>
    /// <param name="onLeave">A leave of the doctor covers <paramref name="date"/>.</param>
    /// <param name="slotsThatDay">The doctor's slots on that date, whatever their state.</param>
    /// <param name="slotsThatWeek">How many slots the doctor has in the Monday-to-Sunday week of that date.</param>
    public static NoSlotReason Why(DateOnly date, DateTime now, IReadOnlyCollection<DayOfWeek> opdDays, bool onLeave,
        IReadOnlyList<SlotState> slotsThatDay, int slotsThatWeek)
    {
        if (slotsThatDay.Any(s => s.TakesTokens(now)))
        {
            return new SlotsOpen();
        }

        if (date < DateOnly.FromDateTime(now))
        {
            return new DayPassed(date);
        }

        if (onLeave)
        {
            return new OnLeave(date);
        }

        if (slotsThatDay.Count == 0)
        {
            return !opdDays.Contains(date.DayOfWeek) ? new NoOpdThatWeekday(date.DayOfWeek)
                : slotsThatWeek == 0 ? new WeekNotGenerated(date)
                : new NoSlotThatDay(date);
        }

        var standing = slotsThatDay.Where(s => s.Status != SlotStatus.Cancelled).ToList();
        if (standing.Count == 0)
        {
            return new AllCancelled(date);
        }

        return standing.Any(s => s.Status.TakesTokensIn())
            ? new AllOver(date, TimeOnly.FromDateTime(standing.Max(s => s.RunsUntil)))
            : new AllClosed(date);
    }

    /// <summary>The Monday the week of <paramref name="date"/> starts on.</summary>
    public static DateOnly WeekStart(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
}

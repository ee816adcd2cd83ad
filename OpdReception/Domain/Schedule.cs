namespace OpdReception.Domain;

/// <summary>One session of a weekly template: on <see cref="Day"/>, slots of <see cref="SlotMinutes"/> from start to end.</summary>
/// <param name="WalkInSeatsHeld">Seats of each slot kept for walk-ins (<see cref="WalkInHold"/>).</param>
/// <param name="HoldReleaseMinutes">How long before each slot starts its held seats open to anyone.</param>
public sealed record SessionPlan(
    DayOfWeek Day, TimeOnly Start, TimeOnly End, int SlotMinutes, int CapacityPerSlot, int MinutesPerConsultation,
    int WalkInSeatsHeld = 0, int HoldReleaseMinutes = 0);

/// <summary>A doctor's days away, both ends included.</summary>
public sealed record LeaveSpan(DateOnly From, DateOnly To)
{
    public bool Covers(DateOnly date) => From <= date && date <= To;
}

/// <summary>A slot the doctor already has (not cancelled).</summary>
public sealed record ExistingSlot(DateOnly Date, TimeOnly Start, TimeOnly End);

public sealed record SlotToCreate(
    DateOnly Date, TimeOnly Start, TimeOnly End, int MaxCapacity, int MinutesPerConsultation, int WalkInSeatsHeld = 0, int HoldReleaseMinutes = 0);

public enum SkipReason { AlreadyThere, OnLeave, InThePast, Refused }

/// <param name="Message">For <see cref="SkipReason.Refused"/>: the slot rules' own words.</param>
public sealed record SkippedSlot(DateOnly Date, TimeOnly Start, TimeOnly End, SkipReason Reason, string? Message = null);

public sealed record GenerationPlan(IReadOnlyList<SlotToCreate> Create, IReadOnlyList<SkippedSlot> Skipped);

public abstract record TemplateDecision;

public sealed record TemplateAccepted(IReadOnlyList<SessionPlan> Sessions) : TemplateDecision;

public sealed record TemplateRefused(IReadOnlyDictionary<string, string[]> Errors) : TemplateDecision;

/// <summary>Weekly templates and the slots they generate. Pure: today and the existing slots and leave are parameters.</summary>
public static class Schedule
{
    /// <summary>The longest range one generation covers: a quarter is a plan, more is a typo.</summary>
    public const int MaxGenerationDays = 92;

    public static TemplateDecision CheckTemplate(IReadOnlyList<SessionPlan> sessions, IReadOnlyCollection<DayOfWeek> opdDays)
    {
        var errors = new Dictionary<string, List<string>>();
        void Refuse(string key, string message) => (errors.TryGetValue(key, out var list) ? list : errors[key] = []).Add(message);

        // An empty template generates nothing: to stop a doctor's slots, mark leave or deactivate them.
        if (sessions.Count == 0)
        {
            Refuse("sessions", "Add at least one session.");
        }

        for (var i = 0; i < sessions.Count; i++)
        {
            var s = sessions[i];
            var key = $"sessions[{i}]";
            var name = $"{s.Day} {s.Start:HH\\:mm}";
            if (!opdDays.Contains(s.Day))
            {
                Refuse(key, $"{s.Day} is not one of the doctor's OPD days ({(opdDays.Count == 0 ? "none set" : string.Join(", ", opdDays.Order()))}).");
            }

            if (s.End <= s.Start)
            {
                Refuse(key, $"{name}: the end must be after the start.");
            }

            if (s.SlotMinutes is < 5 or > 480)
            {
                Refuse(key, $"{name}: a slot lasts 5 to 480 minutes.");
            }

            if (s.CapacityPerSlot is < 1 or > 500)
            {
                Refuse(key, $"{name}: patients per slot must be 1 to 500.");
            }

            if (s.MinutesPerConsultation is < 1 or > 240)
            {
                Refuse(key, $"{name}: minutes per consultation must be 1 to 240.");
            }

            if (WalkInHold.Check(s.WalkInSeatsHeld, s.HoldReleaseMinutes, s.CapacityPerSlot) is { } hold)
            {
                Refuse(key, $"{name}: {char.ToLowerInvariant(hold[0])}{hold[1..]}");
            }

            var clash = sessions.Take(i).FirstOrDefault(o => o.Day == s.Day && o.Start < s.End && s.Start < o.End);
            if (clash is not null)
            {
                Refuse(key, $"{name}: overlaps the {clash.Day} session from {clash.Start:HH\\:mm} to {clash.End:HH\\:mm}.");
            }
        }

        return errors.Count > 0
            ? new TemplateRefused(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()))
            : new TemplateAccepted(sessions.OrderBy(s => s.Day).ThenBy(s => s.Start).ToList());
    }

    /// <summary>A session whose slots book more consultation time than they last: the slot rules' warning, for its first slot.</summary>
    public static string? Warning(SessionPlan s) =>
        s.End > s.Start && s.SlotMinutes > 0
            ? SlotRules.Warnings(s.Start, Cut(s).First().End, s.CapacityPerSlot, s.MinutesPerConsultation).FirstOrDefault()
            : null;

    /// <summary>What looks wrong with one slot but is the admin's call, said before saving.</summary>
    public static IReadOnlyList<string> SlotWarnings(DateOnly date, TimeOnly start, TimeOnly end, int capacity, int minutes, IReadOnlyCollection<DayOfWeek> opdDays)
    {
        var warnings = end > start ? SlotRules.Warnings(start, end, capacity, minutes).ToList() : [];

        if (!opdDays.Contains(date.DayOfWeek))
        {
            warnings.Add($"{date:dddd d MMMM} is not one of the doctor's OPD days: this is an extra session.");
        }

        return warnings;
    }

    /// <summary>A session cut into slots; the last one ends with the session, so it may be shorter.</summary>
    public static IEnumerable<(TimeOnly Start, TimeOnly End)> Cut(SessionPlan session)
    {
        var start = session.Start;
        while (start < session.End)
        {
            var minutesLeft = (session.End - start).TotalMinutes;
            var end = minutesLeft <= session.SlotMinutes ? session.End : start.AddMinutes(session.SlotMinutes);
            yield return (start, end);
            start = end;
        }
    }

    /// <summary>
    /// The slots a template gives from <paramref name="from"/> to <paramref name="to"/>: none in the past (a slot of
    /// today that has already ended at <paramref name="now"/> included), none on leave,
    /// none where the doctor already has a slot at that time (an overlap counts as there), and each one the slot rules
    /// accept (an OPD day, not too far ahead), as if the admin had asked for it by hand.
    /// </summary>
    public static GenerationPlan Generate(
        IReadOnlyList<SessionPlan> template,
        DateOnly from,
        DateOnly to,
        DateTime now,
        IReadOnlyList<LeaveSpan> leave,
        IReadOnlyList<ExistingSlot> existing,
        IReadOnlyCollection<DayOfWeek> opdDays)
    {
        var today = DateOnly.FromDateTime(now);
        var others = existing.Select((e, i) => new OtherSlot(-1 - i, e.Date, e.Start, e.End)).ToList();
        var create = new List<SlotToCreate>();
        var skipped = new List<SkippedSlot>();
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            foreach (var session in template.Where(s => s.Day == date.DayOfWeek).OrderBy(s => s.Start))
            {
                foreach (var (start, end) in Cut(session))
                {
                    SkipReason? skip =
                        date < today || SlotRules.HasEnded(date, end, now) ? SkipReason.InThePast
                        : leave.Any(l => l.Covers(date)) ? SkipReason.OnLeave
                        : existing.Any(e => e.Date == date && e.Start < end && start < e.End) ? SkipReason.AlreadyThere
                        : null;
                    if (skip is { } reason)
                    {
                        skipped.Add(new SkippedSlot(date, start, end, reason));
                    }
                    else if (SlotRules.Check(new SlotPlan(date, start, end, session.CapacityPerSlot, session.MinutesPerConsultation), now, opdDays, others)
                             is SlotRefused refused)
                    {
                        skipped.Add(new SkippedSlot(date, start, end, SkipReason.Refused, refused.Message));
                    }
                    else
                    {
                        create.Add(new SlotToCreate(date, start, end, session.CapacityPerSlot, session.MinutesPerConsultation,
                            session.WalkInSeatsHeld, session.HoldReleaseMinutes));
                    }
                }
            }
        }

        return new GenerationPlan(create, skipped);
    }

    /// <summary>Whether a range may be generated or put on leave: in order, not in the past, not too long.</summary>
    public static string? CheckRange(DateOnly from, DateOnly to, DateOnly today, int maxDays = MaxGenerationDays)
    {
        if (to < from)
        {
            return "The last day must not be before the first.";
        }

        if (to < today)
        {
            return $"The whole range is in the past; today is {today:ddd d MMM yyyy}.";
        }

        return to.DayNumber - from.DayNumber + 1 > maxDays ? $"At most {maxDays} days at once." : null;
    }
}

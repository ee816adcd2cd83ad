namespace OpdReception.Domain;

/// <summary>What the doctor says about their day: late by some minutes, on a break until a time, or on time again.</summary>
public abstract record AwayRequest
{
    private AwayRequest()
    {
    }

    public sealed record Late(int Minutes) : AwayRequest;

    public sealed record BackAt(TimeOnly Time) : AwayRequest;

    public sealed record OnTime : AwayRequest;
}

public abstract record AwayDecision;

/// <summary>
/// Nobody is seen before <paramref name="ResumeAt"/>: each slot of the day gets the delay that makes it begin no
/// earlier, so every estimate of the day moves at once through the queue's own rules. <paramref name="Notice"/> is
/// what the display, the desk and the patient page say.
/// </summary>
public sealed record Away(DateTime? ResumeAt, IReadOnlyDictionary<int, int> DelayBySlot, string? Notice) : AwayDecision;

public sealed record AwayRefused(string Reason) : AwayDecision;

public static class DoctorAway
{
    public const int MaxLateMinutes = 480;

    /// <summary>
    /// Running late by N: nobody before N minutes from now, or from the start of the day's first slot if it has not
    /// begun. Back at hh:mm: nobody before that time today. On time: every remaining slot back to no delay. Slots
    /// already over, and cancelled ones, are left as they are.
    /// </summary>
    /// <param name="slotsOfDay">The slots of the OPD day the doctor is working.</param>
    /// <param name="patientsWaiting">Someone is checked in and not yet seen, or with the doctor: once the slots' time is
    /// up, the last slot runs on for them, and a delay or break extends it.</param>
    public static AwayDecision Decide(AwayRequest request, IReadOnlyCollection<SlotState> slotsOfDay, DateTime now, bool patientsWaiting = false)
    {
        var run = slotsOfDay.Where(s => s.Status != SlotStatus.Cancelled).OrderBy(s => s.StartsAt).ToList();
        var remaining = run.Where(s => !s.IsOver(now)).ToList();
        if (remaining.Count == 0 && patientsWaiting && run.Count > 0)
        {
            remaining = [run[^1]];
        }

        if (remaining.Count == 0)
        {
            return new AwayRefused("You have no slot left today.");
        }

        switch (request)
        {
            case AwayRequest.Late { Minutes: < 1 or > MaxLateMinutes }:
                return new AwayRefused($"Running late must be between 1 and {MaxLateMinutes} minutes.");
            case AwayRequest.Late late:
                var from = remaining[0].StartsAt > now ? remaining[0].StartsAt : now;
                var resume = from.AddMinutes(late.Minutes);
                return new Away(resume, Delays(remaining, resume), $"Running {late.Minutes} min late");
            case AwayRequest.BackAt back:
                var at = DateOnly.FromDateTime(now).ToDateTime(back.Time);
                if (at <= now)
                {
                    return new AwayRefused($"{back.Time:HH:mm} has already passed; give a time later today.");
                }

                return new Away(at, Delays(remaining, at), $"On a break, back at {back.Time:HH:mm}");
            default:
                return new Away(null, remaining.ToDictionary(s => s.Id, _ => 0), null);
        }
    }

    /// <summary>A slot that would begin before the doctor is back begins when they are back; later slots keep their time.</summary>
    private static Dictionary<int, int> Delays(IEnumerable<SlotState> slots, DateTime resumeAt) =>
        slots.ToDictionary(s => s.Id, s => s.StartsAt >= resumeAt ? 0 : (int)Math.Ceiling((resumeAt - s.StartsAt).TotalMinutes));

    /// <summary>
    /// The notice a slot's delay still stands for: shown while the slot has not begun yet (its start plus delay is
    /// ahead), so a break that is over no longer says so.
    /// </summary>
    public static string? CurrentNotice(SlotState slot, string? reason, DateTime now) => StillAhead(slot, now) ? reason : null;

    /// <summary>
    /// What a doctor's day says about a delay at <paramref name="now"/>: the words of the first slot whose delayed start
    /// is still ahead ("On a break, back at 11:15"), or "Running N min late" for a delay the desk set without words.
    /// Nothing once every delayed slot has begun: at 11:15 the doctor is back, whether or not anyone changed the day.
    /// </summary>
    public static string? DayNotice(IEnumerable<(SlotState Slot, string? Reason)> slots, DateTime now) =>
        slots.Where(s => StillAhead(s.Slot, now))
            .OrderBy(s => s.Slot.StartsAt)
            .Select(s => s.Reason ?? $"Running {s.Slot.DelayMinutes} min late")
            .FirstOrDefault();

    private static bool StillAhead(SlotState slot, DateTime now) =>
        slot.Status == SlotStatus.Delayed && slot.DelayMinutes > 0 && slot.StartsAt.AddMinutes(slot.DelayMinutes) > now;
}

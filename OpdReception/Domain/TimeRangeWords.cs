using System.Globalization;

namespace OpdReception.Domain;

/// <summary>
/// An estimate as people read it, with the range the patient is told: "about 11:20 (11:10–11:35)", or "about 11:20"
/// while no range is known. The one place every surface (slip, desk, board, patient page, kiosk, messages) words it.
/// </summary>
public static class TimeRangeWords
{
    private const char EnDash = '–';

    /// <summary>A range narrower than this says no more than the time and looks falsely precise: "11:49 (11:49–11:50)".</summary>
    public static readonly TimeSpan NarrowestRange = TimeSpan.FromMinutes(5);

    /// <summary>"about 11:20 (11:10–11:35)" in the reader's language; the range left out when it says nothing more than the time.</summary>
    public static string About(string language, DateTime at, DateTime? from, DateTime? to)
    {
        var about = language switch
        {
            MessageLanguages.Hindi => "लगभग",
            MessageLanguages.Tamil => "சுமார்",
            _ => "about",
        };
        var time = $"{about} {Clock(at)}";
        return Range(at, from, to) is { } range ? $"{time} ({range})" : time;
    }

    /// <summary>
    /// "11:10–11:35", or null when there is no range or it is narrower than <see cref="NarrowestRange"/>. A range that leaves out its own
    /// time would contradict it, so it is widened to take it in; the late end is rounded up, since a patient called
    /// at 11:35:40 was called after 11:35.
    /// </summary>
    public static string? Range(DateTime at, DateTime? from, DateTime? to)
    {
        if (from is null && to is null)
        {
            return null;
        }

        var (early, late) = Ends(at, from, to);
        return late - early < NarrowestRange ? null : $"{Clock(early)}{EnDash}{Clock(late)}";
    }

    /// <summary>
    /// The board's narrow form, "11:20 (–11:35)": the time the slip says and the latest the patient should expect,
    /// which is what a receptionist answers "will I be seen by…?" with; "11:20" alone without a range.
    /// </summary>
    public static string Compact(DateTime at, DateTime? from, DateTime? to)
    {
        if (Range(at, from, to) is null)
        {
            return Clock(at);
        }

        var late = Ends(at, from, to).Late;
        return late == Minute(at) ? Clock(at) : $"{Clock(at)} ({EnDash}{Clock(late)})";
    }

    /// <summary>
    /// What follows the time of a token expected after its slot ends, the same on the board and the doctor's
    /// console: "12:03 (–12:16), after the slot".
    /// </summary>
    public static string AfterTheSlot(bool pastSlotEnd) => pastSlotEnd ? ", after the slot" : "";

    /// <summary>The ends to the minute, as the time itself is shown: a missing end is the time.</summary>
    private static (DateTime Early, DateTime Late) Ends(DateTime at, DateTime? from, DateTime? to) => (
        from is { } f ? Min(Minute(f), Minute(at)) : Minute(at),
        to is { } t ? Max(UpMinute(t), Minute(at)) : Minute(at));

    private static string Clock(DateTime at) => at.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static DateTime Minute(DateTime at) => new(at.Ticks - at.Ticks % TimeSpan.TicksPerMinute, at.Kind);

    private static DateTime UpMinute(DateTime at) => at.Ticks % TimeSpan.TicksPerMinute == 0 ? at : Minute(at).AddMinutes(1);

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}

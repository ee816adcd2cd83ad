using MudBlazor;
using OpdReception.Domain;

namespace OpdReception.Components.Shared;

/// <summary>The receptionist's words and colours for the engine's states; never an enum name on screen.</summary>
public static class Words
{
    /// <summary>"Tue 8 Dec, " before a time on another day; nothing today, where the day goes without saying.</summary>
    public static string DayUnlessToday(DateOnly date, DateOnly today) => date == today ? "" : $"{date:ddd d MMM}, ";

    /// <summary>"no token", "1 token", "3 tokens": a count as said aloud, never "token(s)".</summary>
    public static string Count(int count, string one, string many) => count switch
    {
        0 => $"no {one}",
        1 => $"1 {one}",
        _ => $"{count} {many}",
    };

    public static string Of(TokenSource source) => source switch
    {
        TokenSource.WalkIn => "Walk-in",
        TokenSource.Online => "Online booking",
        TokenSource.Priority => "Priority (paid)",
        TokenSource.FollowUp => "Follow-up",
        TokenSource.Emergency => "Emergency",
        _ => source.ToString(),
    };

    public static string Of(TokenStatus status) => status switch
    {
        TokenStatus.Booked => "Booked, not arrived",
        TokenStatus.Waiting => "Waiting",
        TokenStatus.InConsultation => "With the doctor",
        TokenStatus.Completed => "Seen",
        TokenStatus.NoShow => "Did not come",
        TokenStatus.Cancelled => "Cancelled",
        _ => status.ToString(),
    };

    public static string Of(SlotStatus status) => status switch
    {
        SlotStatus.Open => "Open",
        SlotStatus.Delayed => "Running late",
        SlotStatus.Cancelled => "Cancelled",
        SlotStatus.Closed => "Closed for new tokens",
        _ => status.ToString(),
    };

    public static Color ColorOf(TokenSource source) => source switch
    {
        TokenSource.Emergency => Color.Error,
        TokenSource.Priority => Color.Secondary,
        TokenSource.FollowUp => Color.Info,
        TokenSource.Online => Color.Primary,
        _ => Color.Default,
    };

    public static Color ColorOf(TokenStatus status) => status switch
    {
        TokenStatus.InConsultation => Color.Success,
        TokenStatus.Waiting => Color.Info,
        TokenStatus.NoShow or TokenStatus.Cancelled => Color.Error,
        _ => Color.Default,
    };

    public static Color ColorOf(SlotStatus status) => status switch
    {
        SlotStatus.Open => Color.Success,
        SlotStatus.Delayed => Color.Warning,
        SlotStatus.Cancelled => Color.Error,
        _ => Color.Default,
    };

    /// <summary>The history's action names as a person would say them.</summary>
    public static string Action(string action) => action switch
    {
        "Issued" => "Issued",
        "IssuedOnExtraSeat" => "Issued on an added emergency seat",
        "CheckedIn" => "Checked in",
        "Called" => "Called in by the doctor",
        "Completed" => "Seen",
        "MarkedNoShow" => "Marked as did not come",
        "Cancelled" => "Cancelled",
        "ArrivedLate" => "Arrived late",
        "Reallocated" => "Moved",
        "LeftInCancelledSlot" => "Left in the cancelled slot",
        "Contacted" => "Patient contacted",
        "Recalled" => "Called again",
        "NotHere" => "Not here when called",
        "Undone" => "Undone",
        _ => action,
    };
}

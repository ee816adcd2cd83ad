using OpdReception.Domain;

namespace OpdReception.Components.Pages.Reception;

public enum RowAction { CheckIn, NoShow, Readmit, Cancel, Move, Reprint, History }

/// <summary>Which actions a row offers, by the token's status and day; whether each is allowed now is still the engine's call.</summary>
public static class RowActions
{
    /// <summary>Check-in and re-admission are for today's slots only: another day's row does not offer them.</summary>
    public static IReadOnlyList<RowAction> For(TokenStatus status, bool today) =>
        today ? For(status) : For(status).Where(a => a is not (RowAction.CheckIn or RowAction.Readmit)).ToList();

    public static IReadOnlyList<RowAction> For(TokenStatus status) => status switch
    {
        TokenStatus.Booked => [RowAction.CheckIn, RowAction.NoShow, RowAction.Move, RowAction.Cancel, RowAction.Reprint, RowAction.History],
        TokenStatus.Waiting => [RowAction.Move, RowAction.Cancel, RowAction.Reprint, RowAction.History],
        TokenStatus.InConsultation => [RowAction.Reprint, RowAction.History],
        TokenStatus.NoShow => [RowAction.Readmit, RowAction.History],
        _ => [RowAction.History],
    };

    /// <summary>The one action a row offers as a button: what the desk most often does next for a token in this state.</summary>
    public static RowAction Primary(TokenStatus status) => status switch
    {
        TokenStatus.Booked => RowAction.CheckIn,
        TokenStatus.NoShow => RowAction.Readmit,
        TokenStatus.Waiting or TokenStatus.InConsultation => RowAction.Reprint,
        _ => RowAction.History,
    };

    /// <summary>Another day's row leads with what works then: a booked token's slip to reprint, or the history.</summary>
    public static RowAction Primary(TokenStatus status, bool today) => today
        ? Primary(status)
        : status is TokenStatus.Booked or TokenStatus.Waiting or TokenStatus.InConsultation ? RowAction.Reprint : RowAction.History;

    /// <summary>The most actions a row's menu holds (a booked token's: all but check in).</summary>
    public const int MostInMenu = 6;

    /// <summary>The row menu: every other action for the state, in the order of <see cref="For"/>.</summary>
    public static IReadOnlyList<RowAction> Menu(TokenStatus status, bool today = true) =>
        For(status, today).Where(a => a != Primary(status, today)).ToList();

    public static string Label(RowAction action) => action switch
    {
        RowAction.CheckIn => "Check in",
        RowAction.NoShow => "Did not come",
        RowAction.Readmit => "Arrived late: re-admit",
        RowAction.Cancel => "Cancel…",
        RowAction.Move => "Move…",
        RowAction.Reprint => "Reprint slip",
        RowAction.History => "History",
        _ => action.ToString(),
    };
}

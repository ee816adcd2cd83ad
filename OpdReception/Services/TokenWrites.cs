using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>
/// The small steps every handler writes a token with: its status moved with the time that goes with it, and the
/// history line that records the change. Each handler opens one short-lived context and one transaction (SQLite's
/// BEGIN IMMEDIATE, so writers queue one behind the other), reads, asks the rules, writes, announces.
/// </summary>
internal static class TokenWrites
{
    public static TokenEvent Event(Token token, DateTime at, string action, TokenStatus? from, Actor by, string? reason) => new()
    {
        At = at,
        Action = action,
        FromStatus = from,
        ToStatus = token.Status,
        SlotId = token.SlotId,
        TokenNumber = token.TokenNumber,
        By = by.Name,
        ByUserId = by.UserId,
        Reason = reason,
    };

    public static void Move(Token token, TokenStatus to, DateTime now, string? reason)
    {
        token.Status = to;
        switch (to)
        {
            case TokenStatus.Waiting:
                token.CheckedInAt = now;
                break;
            case TokenStatus.NoShow:
                token.NoShowAt = now;
                break;
            case TokenStatus.Cancelled:
                token.CancellationReason = reason;
                break;
        }
    }

    public static string ActionName(TokenStatus from, TokenStatus to) => to switch
    {
        TokenStatus.Waiting => "CheckedIn",
        TokenStatus.InConsultation => SlotQueues.CalledAction,
        TokenStatus.Completed => "Completed",
        TokenStatus.NoShow => "MarkedNoShow",
        TokenStatus.Cancelled => "Cancelled",
        _ => $"{from}To{to}",
    };
}

namespace OpdReception.Domain;

/// <summary>The token a message is about, as it stands when the message is about to go: its status and its slot's day.</summary>
public sealed record TokenToday(TokenStatus Status, DateOnly Day);

/// <summary>Whether a message written earlier still tells the patient something true.</summary>
public abstract record MessageRelevance
{
    private MessageRelevance() { }

    public sealed record StillTrue : MessageRelevance;

    /// <summary>Not sent, ever: <paramref name="Reason"/> is shown in the token's history and on the admin's page.</summary>
    public sealed record Stale(string Reason) : MessageRelevance;
}

/// <summary>
/// Decided at dispatch, not when the message was written: with a gateway down for an hour, "please go to Room 112
/// now" sent after the visit ended, or a turn-is-near for a patient already seen, only misleads.
/// Called goes only while the patient is with the doctor and the call is recent; turn-near and running-late only
/// while the patient still waits for the call; issued, moved and cancelled tell something lasting, so go until the
/// token's day is over. Pure: the time is a parameter.
/// </summary>
public static class MessageRelevanceRule
{
    /// <summary>A call older than this is not "now" any more: the patient was called again, or went in, meanwhile.</summary>
    public static readonly TimeSpan CallFreshFor = TimeSpan.FromMinutes(10);

    public const string TokenGone = "Not sent: the token no longer exists.";
    public const string DayOver = "Not sent: the day of the visit is over.";
    public const string CallTooOld = "Not sent: the call is more than 10 minutes old; the patient was called on the screens.";

    public static MessageRelevance Decide(PatientMessageEvent what, DateTime createdAt, TokenToday? token, DateTime now)
    {
        if (token is null)
        {
            return new MessageRelevance.Stale(TokenGone);
        }

        if (DateOnly.FromDateTime(now) > token.Day)
        {
            return new MessageRelevance.Stale(DayOver);
        }

        return what switch
        {
            PatientMessageEvent.Called when token.Status != TokenStatus.InConsultation => new MessageRelevance.Stale(NoLongerCalled(token.Status)),
            PatientMessageEvent.Called when now - createdAt > CallFreshFor => new MessageRelevance.Stale(CallTooOld),
            PatientMessageEvent.TurnNear or PatientMessageEvent.Delayed when token.Status is not (TokenStatus.Booked or TokenStatus.Waiting) =>
                new MessageRelevance.Stale(NoLongerWaiting(token.Status)),
            _ => new MessageRelevance.StillTrue(),
        };
    }

    private static string NoLongerCalled(TokenStatus status) => status switch
    {
        TokenStatus.Completed => "Not sent: the patient had already been seen.",
        TokenStatus.NoShow => "Not sent: the patient had already been marked as not come.",
        TokenStatus.Cancelled => "Not sent: the token had been cancelled.",
        _ => "Not sent: the call had been undone; the patient is waiting again.",
    };

    private static string NoLongerWaiting(TokenStatus status) => status switch
    {
        TokenStatus.InConsultation => "Not sent: the patient was already with the doctor.",
        TokenStatus.Completed => "Not sent: the patient had already been seen.",
        TokenStatus.NoShow => "Not sent: the patient had already been marked as not come.",
        _ => "Not sent: the token had been cancelled.",
    };
}

namespace OpdReception.Domain;

/// <summary>
/// What the patient's page says about a token: the closed set of what a patient can be told. Ahead: booked for a
/// later day, so no place in a queue and no "next" until its day.
/// </summary>
public enum PatientPageState { Ahead, Booked, Waiting, Called, Seen, Absent, Cancelled }

/// <summary>The patient asks on their page for messages to stop or to come again.</summary>
public abstract record MessagesDecision
{
    private MessagesDecision()
    {
    }

    public sealed record Stop : MessagesDecision;

    public sealed record Resume : MessagesDecision;

    /// <summary>Already as asked (a second press, or a form sent twice): nothing is written.</summary>
    public sealed record AlreadySo(bool OptedOut) : MessagesDecision;
}

public enum FeedbackRefusal { NotSeenYet, AlreadyAnswered, NoScore, CommentTooLong }

/// <summary>The answer to "How was your visit?": taken once, only after the consultation.</summary>
public abstract record FeedbackDecision
{
    private FeedbackDecision()
    {
    }

    public sealed record Accepted(int Score, string? Comment) : FeedbackDecision;

    public sealed record Refused(FeedbackRefusal Reason) : FeedbackDecision;
}

public static class PatientPageRules
{
    public const int MaxCommentLength = 500;

    /// <param name="day">The token's OPD day.</param>
    /// <param name="today">The hospital's calendar day now.</param>
    public static PatientPageState StateOf(TokenStatus status, DateOnly day, DateOnly today) => status switch
    {
        TokenStatus.Booked or TokenStatus.Waiting when day > today => PatientPageState.Ahead,
        TokenStatus.Booked => PatientPageState.Booked,
        TokenStatus.Waiting => PatientPageState.Waiting,
        TokenStatus.InConsultation => PatientPageState.Called,
        TokenStatus.Completed => PatientPageState.Seen,
        TokenStatus.NoShow => PatientPageState.Absent,
        TokenStatus.Cancelled => PatientPageState.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>The patient's own language when it is one the page speaks, else the hospital's default, else English.</summary>
    public static string Language(string? patients, string? hospitals) =>
        MessageLanguages.All.FirstOrDefault(l => string.Equals(l, patients?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? MessageLanguages.Code(hospitals)
        ?? "en";

    public static MessagesDecision Messages(bool optedOut, bool wantsMessages) => (optedOut, wantsMessages) switch
    {
        (false, false) => new MessagesDecision.Stop(),
        (true, true) => new MessagesDecision.Resume(),
        _ => new MessagesDecision.AlreadySo(optedOut),
    };

    /// <param name="answeredScore">The score already stored for the token, if any: a visit is rated once.</param>
    public static FeedbackDecision Feedback(TokenStatus status, int? answeredScore, int? score, string? comment)
    {
        if (answeredScore is not null)
        {
            return new FeedbackDecision.Refused(FeedbackRefusal.AlreadyAnswered);
        }

        if (status != TokenStatus.Completed)
        {
            return new FeedbackDecision.Refused(FeedbackRefusal.NotSeenYet);
        }

        if (score is not (>= 1 and <= 5))
        {
            return new FeedbackDecision.Refused(FeedbackRefusal.NoScore);
        }

        var words = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        return words is { Length: > MaxCommentLength }
            ? new FeedbackDecision.Refused(FeedbackRefusal.CommentTooLong)
            : new FeedbackDecision.Accepted(score.Value, words);
    }
}

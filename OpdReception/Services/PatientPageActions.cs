using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>
/// What a patient does on their own page, found by the slip's code: stop or resume messages, and rate the visit once it
/// is over. Each is read -> decide (<see cref="PatientPageRules"/>) -> write in one transaction; nobody signs in, so the
/// history names the patient's page as the one who did it.
/// </summary>
public sealed class PatientPageActions(IDbContextFactory<OpdDbContext> factory, HospitalClock clock, IOptionsMonitor<OpdOptions> options)
{
    public const string By = "Patient (token page)";
    public const string StoppedWords = "Patient stopped messages from their page";
    public const string ResumedWords = "Patient asked for messages again from their page";

    public async Task<Result<MessagesDecision>> MessagesAsync(string? code, bool wantsMessages, CancellationToken ct = default)
    {
        var now = clock.Now;
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        if (await PatientPageService.FindAsync(db, code, now, options.CurrentValue, ct) is not { } facts)
        {
            return Gone();
        }

        var patient = await db.Patients.SingleAsync(p => p.Id == facts.PatientId, ct);
        var decision = PatientPageRules.Messages(patient.MessagesOptOut, wantsMessages);
        if (decision is MessagesDecision.Stop or MessagesDecision.Resume)
        {
            var stop = decision is MessagesDecision.Stop;
            patient.MessagesOptOut = stop;
            db.PatientEvents.Add(new PatientEvent
            {
                PatientId = patient.Id, At = now, By = By, Action = stop ? "MessagesStopped" : "MessagesResumed", Details = stop ? StoppedWords : ResumedWords,
            });
            await db.SaveChangesAsync(ct);
        }

        await tx.CommitAsync(ct);
        return decision;
    }

    public async Task<Result<FeedbackDecision>> FeedbackAsync(string? code, int? score, string? comment, CancellationToken ct = default)
    {
        var now = clock.Now;
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        if (await PatientPageService.FindAsync(db, code, now, options.CurrentValue, ct) is not { } facts)
        {
            return Gone();
        }

        var token = await db.Tokens.SingleAsync(t => t.Id == facts.Id, ct);
        var decision = PatientPageRules.Feedback(token.Status, token.FeedbackScore, score, comment);
        if (decision is FeedbackDecision.Accepted accepted)
        {
            (token.FeedbackScore, token.FeedbackComment, token.FeedbackAt) = (accepted.Score, accepted.Comment, now);
            await db.SaveChangesAsync(ct);
        }

        await tx.CommitAsync(ct);
        return decision;
    }

    private static OpdProblem Gone() => new(ProblemKind.NotFound, "This token page is not available: it works on the day of the token only.");
}

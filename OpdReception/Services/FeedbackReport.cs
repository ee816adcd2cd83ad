using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>One doctor's day in the feedback report: what the patients said beside the wait they got (<see cref="FeedbackDay"/>).</summary>
public sealed record FeedbackDayRow(int DoctorId, string DoctorName, DateOnly Date, FeedbackDay Figures);

/// <summary>A patient's comment, without their name: the token's label, the doctor, the day and the score.</summary>
public sealed record FeedbackCommentView(int TokenId, string TokenNumber, string DoctorName, DateOnly Date, int Score, string Comment, DateTime At);

/// <param name="CommentsCut">More comments were written in the range than the report lists.</param>
public sealed record FeedbackReportView(
    DateOnly From, DateOnly To, int? DoctorId, IReadOnlyList<FeedbackDayRow> Days, IReadOnlyList<FeedbackCommentView> Comments, bool CommentsCut);

/// <summary>
/// The admin's feedback report. It reads only the slots of the range (the Slots date and doctor indexes), their
/// tokens (by slot) and those tokens' "Called" lines (by token): its cost follows the range, never the history.
/// </summary>
public sealed class FeedbackReport(IDbContextFactory<OpdDbContext> factory, HospitalClock clock)
{
    /// <summary>A month at most: a 10,000-a-day OPD's month is the most the report reads at once.</summary>
    public const int MaxDays = 31;

    public const int DefaultDays = 7;
    public const int MaxComments = 200;

    public async Task<Result<FeedbackReportView>> ReadAsync(DateOnly? from, DateOnly? to, int? doctorId, CancellationToken ct = default)
    {
        var last = to ?? clock.Today;
        var first = from ?? last.AddDays(1 - DefaultDays);
        var check = new Validation()
            .Require(first <= last, "from", "From must be on or before to.")
            .Require(last.DayNumber - first.DayNumber < MaxDays, "to", $"The report covers at most {MaxDays} days: narrow from and to.")
            .Require(doctorId is null or > 0, "doctorId", "Doctor id must be a whole number from 1 up.");
        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        if (doctorId is { } id && !await db.Doctors.AnyAsync(d => d.Id == id, ct))
        {
            return OpdProblem.NotFound("Doctor", id);
        }

        var rows = await Rows(db, first, last, doctorId).ToListAsync(ct);

        var days = rows.GroupBy(r => (r.DoctorId, r.DoctorName, r.Date))
            .OrderByDescending(d => d.Key.Date).ThenBy(d => d.Key.DoctorName).ThenBy(d => d.Key.DoctorId)
            .Select(d => new FeedbackDayRow(d.Key.DoctorId, d.Key.DoctorName, d.Key.Date, FeedbackFigures.Of(d
                .Select(r => new VisitFacts(r.FeedbackScore, r.Arrived, r.CalledAt, r.FirstEstimateAt)).ToList())))
            .ToList();
        var comments = rows.Where(r => r is { FeedbackScore: not null } && !string.IsNullOrWhiteSpace(r.FeedbackComment))
            .OrderByDescending(r => r.FeedbackAt).ThenByDescending(r => r.Id)
            .Select(r => new FeedbackCommentView(r.Id, TokenLabels.Format(r.LabelPrefix, r.TokenNumber), r.DoctorName, r.Date, r.FeedbackScore!.Value,
                r.FeedbackComment!.Trim(), r.FeedbackAt ?? r.Date.ToDateTime(TimeOnly.MinValue)))
            .ToList();
        return new FeedbackReportView(first, last, doctorId, days, comments.Take(MaxComments).ToList(), comments.Count > MaxComments);
    }

    /// <summary>
    /// The tokens the report reads: the patients seen (called in, then completed or still with the doctor) and those who
    /// answered, of the range's slots only, each with its first "Called" line.
    /// </summary>
    public static IQueryable<FeedbackRow> Rows(OpdDbContext db, DateOnly first, DateOnly last, int? doctorId)
    {
        var tokens = db.Tokens.AsNoTracking().Where(t => t.Slot.Date >= first && t.Slot.Date <= last);
        if (doctorId is { } only)
        {
            tokens = tokens.Where(t => t.Slot.DoctorId == only);
        }

        return tokens
            .Where(t => t.FeedbackScore != null || t.Status == TokenStatus.Completed || t.Status == TokenStatus.InConsultation)
            .Select(t => new FeedbackRow(
                t.Id, t.Slot.DoctorId, t.Slot.Doctor.Name, t.Slot.Doctor.LabelPrefix, t.Slot.Date, t.TokenNumber,
                t.FeedbackScore, t.FeedbackComment, t.FeedbackAt, t.CheckedInAt ?? t.IssuedAt, t.FirstEstimateAt,
                t.History.Where(e => e.Action == SlotQueues.CalledAction).Min(e => (DateTime?)e.At)));
    }
}

/// <summary>One token as the feedback report reads it.</summary>
public sealed record FeedbackRow(
    int Id, int DoctorId, string DoctorName, string LabelPrefix, DateOnly Date, int TokenNumber,
    int? FeedbackScore, string? FeedbackComment, DateTime? FeedbackAt, DateTime Arrived, DateTime? FirstEstimateAt, DateTime? CalledAt);

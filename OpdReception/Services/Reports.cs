using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <param name="Days">Closed doctor's days the figures come from.</param>
public sealed record ReportView(DateOnly From, DateOnly To, int? DoctorId, int Days, ReportTables Tables);

/// <summary>
/// The superintendent's reports: for a range of days, all doctors or one, read from the daily summaries only (one
/// row per doctor's closed day, by the Date index), so a month costs the same on a year-old database as on a new one.
/// Days closed before summaries existed are summed up once, on the first report that covers them.
/// </summary>
public sealed class Reports(IDbContextFactory<OpdDbContext> factory, HospitalClock clock, DaySummaries summaries)
{
    public async Task<Result<ReportView>> ReadAsync(DateOnly? from, DateOnly? to, int? doctorId, CancellationToken ct = default)
    {
        var last = to ?? clock.Today;
        var first = from ?? last;
        var check = new Validation()
            .Require(first <= last, "from", "From must be on or before to.")
            .Require(last.DayNumber - first.DayNumber < ReportFigures.MaxDays, "to", $"A report covers at most {ReportFigures.MaxDays} days: narrow from and to.")
            .Require(doctorId is null or > 0, "doctorId", "Doctor id must be a whole number from 1 up.");
        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        if (doctorId is { } id && !await db.Doctors.AnyAsync(d => d.Id == id, ct))
        {
            return OpdProblem.Invalid("doctorId", $"Doctor {id} does not exist.");
        }

        await summaries.FillMissingAsync(first, last, doctorId, ct);
        var rows = await Rows(db, first, last, doctorId).ToListAsync(ct);
        var days = rows.Select(r => new SummaryDay(r.Summary.DoctorId, r.DoctorName, r.Summary.Date, DaySummaries.Read(r.Summary))).ToList();
        return new ReportView(first, last, doctorId, days.Count, ReportFigures.Of(days));
    }

    /// <summary>The summaries of the range with their doctor's name: what every report reads, and all it reads.</summary>
    public static IQueryable<SummaryRow> Rows(OpdDbContext db, DateOnly first, DateOnly last, int? doctorId)
    {
        var summaries = db.DailySummaries.AsNoTracking().Where(s => s.Date >= first && s.Date <= last);
        if (doctorId is { } only)
        {
            summaries = summaries.Where(s => s.DoctorId == only);
        }

        return summaries.Join(db.Doctors, s => s.DoctorId, d => d.Id, (s, d) => new SummaryRow(s, d.Name));
    }
}

public sealed record SummaryRow(DailySummary Summary, string DoctorName);

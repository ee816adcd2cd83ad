using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>
/// The summary of a doctor's day, written when the day closes (<see cref="CloseFinishedDays"/>, same transaction), and
/// for days closed before summaries existed, the first time a report asks for them.
/// </summary>
public sealed class DaySummaries(IDbContextFactory<OpdDbContext> factory, HospitalClock clock)
{
    /// <summary>
    /// Writes the summary of every closed doctor's day of the range that has none: days closed before this table
    /// existed. Reads the range's slots by date (an index), and the tokens only of the days it writes: a one-off.
    /// </summary>
    public async Task<int> FillMissingAsync(DateOnly from, DateOnly to, int? doctorId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if ((await MissingDays(db, from, to, doctorId).ToListAsync(ct)).Count == 0)
        {
            return 0;
        }

        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        // Read again inside the write gate: another report may have filled them meanwhile.
        var missing = await MissingDays(db, from, to, doctorId).ToListAsync(ct);
        foreach (var day in missing)
        {
            await WriteAsync(db, day.DoctorId, day.Date, clock.Now, ct);
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return missing.Count;
    }

    private sealed record DoctorDay(int DoctorId, DateOnly Date);

    private static IQueryable<DoctorDay> MissingDays(OpdDbContext db, DateOnly from, DateOnly to, int? doctorId)
    {
        var slots = db.Slots.Where(s => s.Date >= from && s.Date <= to && s.DayClosedAt != null);
        if (doctorId is { } only)
        {
            slots = slots.Where(s => s.DoctorId == only);
        }

        return slots
            .Where(s => !db.DailySummaries.Any(d => d.DoctorId == s.DoctorId && d.Date == s.Date))
            .Select(s => new DoctorDay(s.DoctorId, s.Date))
            .Distinct();
    }

    /// <summary>
    /// Adds (or, for a day closed again after a slot was added to it, rewrites) the day's summary in the caller's
    /// context; the caller saves it in its own transaction. Reads the day's tokens as stored, so save the closures first.
    /// </summary>
    internal static async Task WriteAsync(OpdDbContext db, int doctorId, DateOnly date, DateTime now, CancellationToken ct)
    {
        var slots = await db.Slots.AsNoTracking().Where(s => s.DoctorId == doctorId && s.Date == date)
            .Select(s => new ClosedSlot(s.Status, s.MaxCapacity, s.EmergencyExtensions)).ToListAsync(ct);
        var rows = await db.Tokens.AsNoTracking().Where(t => t.Slot.DoctorId == doctorId && t.Slot.Date == date)
            .Select(t => new
            {
                t.Source,
                t.Status,
                t.Slot.StartTime,
                t.CheckedInAt,
                t.IssuedAt,
                t.FirstEstimateAt,
                // The first call since the patient (last) checked in: a no-show who came back waited from then.
                FirstCalled = t.History.Where(e => e.Action == SlotQueues.CalledAction && (t.CheckedInAt == null || e.At >= t.CheckedInAt))
                    .Min(e => (DateTime?)e.At),
                LastCalled = t.History.Where(e => e.Action == SlotQueues.CalledAction || e.Action == SlotQueues.RecalledAction).Max(e => (DateTime?)e.At),
                Completed = t.History.Where(e => e.ToStatus == TokenStatus.Completed).Max(e => (DateTime?)e.At),
            })
            .ToListAsync(ct);
        var figures = DayFigures.Of(
            rows.Select(r => new ClosedToken(
                r.Source, r.Status, r.StartTime.Hour, r.CheckedInAt ?? (r.FirstCalled is null ? null : r.IssuedAt), r.FirstCalled, r.LastCalled,
                r.Completed, r.FirstEstimateAt)).ToList(),
            slots);

        var summary = await db.DailySummaries.FirstOrDefaultAsync(s => s.DoctorId == doctorId && s.Date == date, ct);
        if (summary is null)
        {
            summary = new DailySummary { DoctorId = doctorId, Date = date };
            db.DailySummaries.Add(summary);
        }

        Fill(summary, figures, now);
    }

    private static void Fill(DailySummary summary, DayFigures figures, DateTime now)
    {
        summary.WrittenAt = now;
        summary.Online = figures.Sources.Online;
        summary.WalkIn = figures.Sources.WalkIn;
        summary.Priority = figures.Sources.Priority;
        summary.FollowUp = figures.Sources.FollowUp;
        summary.Emergency = figures.Sources.Emergency;
        summary.Seen = figures.Seen;
        summary.DidNotCome = figures.DidNotCome;
        summary.Cancelled = figures.Cancelled;
        summary.WaitsByHour = SummaryText.ByHour(figures.WaitsByHour);
        summary.Consultations = SummaryText.Minutes(figures.Consultations);
        summary.AttendanceByHour = SummaryText.Attendance(figures.AttendanceByHour);
        summary.Told = figures.Told;
        summary.OnTime = figures.OnTime;
        summary.Misses = SummaryText.Minutes(figures.Misses);
        summary.EmergencySeatsAdded = figures.EmergencySeatsAdded;
        summary.Capacity = figures.Capacity;
        summary.SeatsTaken = figures.SeatsTaken;
    }

    /// <summary>A stored row back into figures, for the reports.</summary>
    public static DayFigures Read(DailySummary s) => new(
        new SourceCounts(s.Online, s.WalkIn, s.Priority, s.FollowUp, s.Emergency),
        s.Seen,
        s.DidNotCome,
        s.Cancelled,
        SummaryText.ReadByHour(s.WaitsByHour),
        SummaryText.ReadMinutes(s.Consultations),
        SummaryText.ReadAttendance(s.AttendanceByHour),
        s.Told,
        s.OnTime,
        SummaryText.ReadMinutes(s.Misses),
        s.EmergencySeatsAdded,
        s.Capacity,
        s.SeatsTaken);
}

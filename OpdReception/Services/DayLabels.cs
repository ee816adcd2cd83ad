using Microsoft.EntityFrameworkCore;
using OpdReception.Data;

namespace OpdReception.Services;

/// <summary>
/// The write side of the doctor's-day label counter (<see cref="DoctorDayCounter"/>) for the paths that write through EF Core:
/// moves, reallocation and leave. Issuing writes the same row in plain SQL (<see cref="IssueStatements.TakeNumber"/>).
/// Both run inside the write gate, which is what makes read-plan-write safe: the plan read the counter under the
/// same gate, so no other desk can have taken a number in between.
/// </summary>
internal static class DayLabels
{
    /// <summary>Records that <paramref name="number"/> was handed out in the doctor's day; the counter never goes back.</summary>
    public static async Task TakeAsync(OpdDbContext db, int doctorId, DateOnly date, int number, CancellationToken ct)
    {
        var day = db.DoctorDayCounters.Local.FirstOrDefault(d => d.DoctorId == doctorId && d.Date == date)
            ?? await db.DoctorDayCounters.FirstOrDefaultAsync(d => d.DoctorId == doctorId && d.Date == date, ct);
        if (day is null)
        {
            db.DoctorDayCounters.Add(new DoctorDayCounter { DoctorId = doctorId, Date = date, LastTokenNumber = number });
        }
        else
        {
            day.LastTokenNumber = Math.Max(day.LastTokenNumber, number);
        }
    }
}

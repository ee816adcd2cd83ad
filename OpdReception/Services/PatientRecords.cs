using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>
/// What the desk reads about patients beyond a name: their tokens of today (the search's check-in) and their record.
/// Reads only; a check-in goes through <see cref="ChangeTokenStatus"/>.
/// </summary>
public sealed class PatientRecords(IDbContextFactory<OpdDbContext> factory, HospitalClock clock, IOptionsMonitor<OpdOptions> options)
{
    /// <summary>
    /// Each patient's tokens of their doctors' OPD day (a session run past midnight still counts as today), earliest
    /// slot first; a patient without any is left out. One query by the patients' index, whatever the history.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<TodayToken>>> TodayAsync(IReadOnlyCollection<string> patientIds, CancellationToken ct = default)
    {
        if (patientIds.Count == 0)
        {
            return new Dictionary<string, IReadOnlyList<TodayToken>>();
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var days = await OpdDays.OfDoctorsAsync(db, null, clock.Now, options.CurrentValue, ct);
        var (today, yesterday) = (days.Calendar, days.Yesterday);
        var rows = await TodayTokens(db, patientIds, today, yesterday).ToListAsync(ct);
        return rows.Where(r => days.Holds(r.DoctorId, r.Date))
            .GroupBy(r => r.PatientId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<TodayToken>)g.Select(r => r.Token).OrderBy(t => t.SlotStart).ThenBy(t => t.Id).ToList());
    }

    private static IQueryable<PatientToken> TodayTokens(OpdDbContext db, IReadOnlyCollection<string> patientIds, DateOnly today, DateOnly yesterday) =>
        db.Tokens.AsNoTracking()
            .Where(t => patientIds.Contains(t.PatientId) && (t.Slot.Date == today || t.Slot.Date == yesterday))
            .Select(t => new PatientToken(t.PatientId, t.Id, t.Slot.Doctor.LabelPrefix, t.TokenNumber, t.Slot.DoctorId, t.Slot.Doctor.Name,
                t.Slot.Doctor.Room, t.Slot.Date, t.Slot.StartTime, t.Status, t.Source));

    private sealed record PatientToken(
        string PatientId, int Id, string LabelPrefix, int Number, int DoctorId, string DoctorName, string? Room, DateOnly Date, TimeOnly SlotStart,
        TokenStatus Status, TokenSource Source)
    {
        public TodayToken Token => new(Id, TokenLabels.Format(LabelPrefix, Number), DoctorId, DoctorName, Room, Date, SlotStart, Status, Source);
    }
}

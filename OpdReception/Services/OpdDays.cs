using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>
/// Reads what <see cref="OpdDay"/> decides "today" from: each doctor's slots of yesterday and today, and whether
/// yesterday's patients are still being seen. Two dates of slots, by index, whatever the history.
/// </summary>
internal static class OpdDays
{
    public static async Task<DateOnly> OfDoctorAsync(OpdDbContext db, int doctorId, DateTime now, OpdOptions settings, CancellationToken ct) =>
        (await OfDoctorsAsync(db, [doctorId], now, settings, ct)).Of(doctorId);

    /// <summary>The OPD day of each doctor named, or of every doctor with slots yesterday or today when none are named.</summary>
    public static async Task<OpdToday> OfDoctorsAsync(
        OpdDbContext db, IReadOnlyCollection<int>? doctorIds, DateTime now, OpdOptions settings, CancellationToken ct)
    {
        var calendar = DateOnly.FromDateTime(now);
        var yesterday = calendar.AddDays(-1);
        var query = db.Slots.AsNoTracking().Where(s => (s.Date == yesterday || s.Date == calendar) && s.Status != SlotStatus.Cancelled);
        if (doctorIds is not null)
        {
            query = query.Where(s => doctorIds.Contains(s.DoctorId));
        }

        var slots = await query.Select(s => new { s.Id, s.DoctorId, s.Date, s.StartTime, s.EndTime, s.DelayMinutes, s.DayClosedAt }).ToListAsync(ct);
        var previousIds = slots.Where(s => s.Date == yesterday && s.DayClosedAt == null).Select(s => s.Id).ToList();
        var serving = previousIds.Count == 0 ? [] : await db.Tokens
            .Where(t => previousIds.Contains(t.SlotId) && (t.Status == TokenStatus.Waiting || t.Status == TokenStatus.InConsultation))
            .Select(t => t.Slot.DoctorId)
            .Distinct()
            .ToListAsync(ct);
        return new OpdToday(calendar, slots.GroupBy(s => s.DoctorId).ToDictionary(d => d.Key, d =>
        {
            var previous = d.Where(s => s.Date == yesterday).ToList();
            var today = d.Where(s => s.Date == calendar).ToList();
            var runsUntil = previous.Count == 0 ? default : previous.Max(s => yesterday.ToDateTime(s.EndTime).AddMinutes(s.DelayMinutes));
            var day = previous.Count == 0 ? null : new PreviousDay(
                yesterday,
                runsUntil,
                serving.Contains(d.Key),
                previous.All(s => s.DayClosedAt != null),
                EndOfDay.CutOffAt(runsUntil.AddMinutes(settings.LateArrivalGraceMinutes), settings.DayCutOff));
            DateTime? begins = today.Count == 0 ? null : today.Min(s => calendar.ToDateTime(s.StartTime).AddMinutes(s.DelayMinutes));
            return OpdDay.Of(now, day, begins);
        }));
    }

    /// <summary>
    /// Someone of the doctor's day is checked in and not yet seen, or with the doctor, in a slot that is run: the day
    /// goes on for them past its slots (delays and breaks still allowed, no close before the cut-off).
    /// </summary>
    public static Task<bool> StillServingAsync(OpdDbContext db, int doctorId, DateOnly date, CancellationToken ct) =>
        db.Tokens.AnyAsync(t => t.Slot.DoctorId == doctorId && t.Slot.Date == date && t.Slot.Status != SlotStatus.Cancelled
            && (t.Status == TokenStatus.Waiting || t.Status == TokenStatus.InConsultation), ct);

    /// <summary>Slots of days not yet closed, up to today: what both sweeps start from (an index holds only these).</summary>
    public static IQueryable<Slot> OpenDays(OpdDbContext db, DateOnly today) =>
        db.Slots.Where(s => s.DayClosedAt == null && s.Date <= today);
}

/// <summary>Each doctor's OPD day at one moment: the calendar date, or yesterday for a session still running past midnight.</summary>
internal sealed class OpdToday(DateOnly calendar, IReadOnlyDictionary<int, DateOnly> days)
{
    public DateOnly Calendar => calendar;

    /// <summary>The only other date a doctor's OPD day can be: a screen of today reads slots of these two dates.</summary>
    public DateOnly Yesterday => calendar.AddDays(-1);

    public DateOnly Of(int doctorId) => days.GetValueOrDefault(doctorId, calendar);

    /// <summary>Whether a slot of this doctor on this date belongs to today's work.</summary>
    public bool Holds(int doctorId, DateOnly date) => date == Of(doctorId);
}

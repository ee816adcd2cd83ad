using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

public sealed record DoctorToday(int Id, string Name, string Specialization, string? Room, int Slots, int Seats, int Booked, bool OnLeave);

/// <param name="Warnings">Things the admin should look at, in the admin's words.</param>
public sealed record AdminOverview(DateOnly Date, IReadOnlyList<DoctorToday> Doctors, int Slots, int Seats, int Booked, IReadOnlyList<string> Warnings);

/// <summary>Today's setup at a glance for /admin. Costs one day's slots and the doctor list, whatever the history.</summary>
public sealed class AdminOverviewService(IDbContextFactory<OpdDbContext> factory, HospitalClock clock)
{
    public async Task<AdminOverview> TodayAsync(CancellationToken ct = default)
    {
        var today = clock.Today;
        await using var db = await factory.CreateDbContextAsync(ct);
        var doctors = await db.Doctors.AsNoTracking().Where(d => d.DeactivatedAt == null).OrderBy(d => d.Name).ToListAsync(ct);
        var slots = await db.Slots.Where(s => s.Date == today && s.Status != SlotStatus.Cancelled).ToViewsAsync(ct);
        var onLeave = await db.Leaves.Where(l => l.From <= today && l.To >= today).Select(l => l.DoctorId).ToListAsync(ct);
        var withTemplate = await db.WeeklySessions.Select(s => s.DoctorId).Distinct().ToListAsync(ct);

        var rows = doctors
            .Select(d =>
            {
                var mine = slots.Where(s => s.DoctorId == d.Id).ToList();
                return new DoctorToday(d.Id, d.Name, d.Specialization, d.Room, mine.Count, mine.Sum(s => s.EffectiveCapacity), mine.Sum(s => s.BookedCount), onLeave.Contains(d.Id));
            })
            .Where(d => d.Slots > 0 || d.OnLeave)
            .ToList();

        var warnings = new List<string>();
        foreach (var d in doctors)
        {
            var hasSlots = slots.Any(s => s.DoctorId == d.Id);
            if (d.OpdDays.Contains(today.DayOfWeek) && !hasSlots && !onLeave.Contains(d.Id))
            {
                warnings.Add($"{d.Name} has OPD on {today.DayOfWeek}s but no slots today: generate them on Schedules.");
            }

            if (onLeave.Contains(d.Id) && hasSlots)
            {
                warnings.Add($"{d.Name} is on leave today but still has open slots.");
            }

            if (!withTemplate.Contains(d.Id) && d.OpdDays.Count > 0)
            {
                warnings.Add($"{d.Name} has no weekly template yet.");
            }

            if (d.OpdDays.Count == 0)
            {
                warnings.Add($"{d.Name} has no OPD days set.");
            }
        }

        foreach (var slot in slots)
        {
            warnings.AddRange(SlotRules.Warnings(slot.StartTime, slot.EndTime, slot.MaxCapacity, slot.MinutesPerConsultation)
                .Select(w => $"{slot.DoctorName} {slot.StartTime:HH\\:mm}: {w}"));
        }

        warnings.AddRange(await CutOffClosuresAsync(db, today, ct));
        return new AdminOverview(today, rows, slots.Count, slots.Sum(s => s.EffectiveCapacity), slots.Sum(s => s.BookedCount), warnings);
    }

    /// <summary>
    /// What the day's cut-off closed over patients' heads in the last days, one line per doctor-day, so the admin sees
    /// it the next morning. Read through the recent days' slots and their tokens' history, both by index.
    /// </summary>
    private static async Task<IEnumerable<string>> CutOffClosuresAsync(OpdDbContext db, DateOnly today, CancellationToken ct)
    {
        var since = today.AddDays(-2);
        string[] reasons = [EndOfDay.CutOffUnseen, EndOfDay.CutOffConsultation];
        var closed = await db.Slots.Where(s => s.Date >= since && s.Date <= today && s.DayClosedAt != null)
            .SelectMany(s => s.Tokens)
            .SelectMany(t => t.History, (t, e) => new { t.Slot.Date, Doctor = t.Slot.Doctor.Name, t.Slot.Doctor.LabelPrefix, t.TokenNumber, e.Reason, e.By })
            .Where(e => e.By == "system" && reasons.Contains(e.Reason))
            .ToListAsync(ct);
        return closed.GroupBy(c => (c.Date, c.Doctor)).OrderBy(g => g.Key.Date).ThenBy(g => g.Key.Doctor).Select(day =>
        {
            var unseen = day.Where(c => c.Reason == EndOfDay.CutOffUnseen).Select(c => TokenLabels.Format(c.LabelPrefix, c.TokenNumber)).Order().ToList();
            var consultations = day.Where(c => c.Reason == EndOfDay.CutOffConsultation).Select(c => TokenLabels.Format(c.LabelPrefix, c.TokenNumber)).Order().ToList();
            var parts = new List<string>();
            if (unseen.Count > 0)
            {
                parts.Add($"{unseen.Count} patient{(unseen.Count == 1 ? "" : "s")} sent home unseen ({string.Join(", ", unseen)})");
            }

            if (consultations.Count > 0)
            {
                parts.Add($"{consultations.Count} consultation{(consultations.Count == 1 ? "" : "s")} closed without the doctor ({string.Join(", ", consultations)})");
            }

            return $"{day.Key.Doctor}'s day of {day.Key.Date:ddd d MMM} was closed at the cut-off: {string.Join("; ", parts)}. Call them back.";
        });
    }
}

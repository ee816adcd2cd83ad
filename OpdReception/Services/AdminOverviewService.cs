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

        return new AdminOverview(today, rows, slots.Count, slots.Sum(s => s.EffectiveCapacity), slots.Sum(s => s.BookedCount), warnings);
    }
}

using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Simulation;

/// <summary>
/// The demo doctors' weeks after the demo day: each gets OPD weekdays and a weekly template, and the slots of the next
/// <see cref="Days"/> days are generated from it by the admin's own rules, so booking ahead works at first start.
/// The demo day itself is left as it was played.
/// </summary>
public static class DemoWeeks
{
    public const int Days = 14;

    private static readonly DayOfWeek[] MondayToSaturday =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday];

    /// <summary>
    /// Weekdays and hours per demo doctor, by name. The two orthopaedists alternate so one covers the other's days,
    /// and a doctor without OPD on some weekdays lets the desk show why no slot is there.
    /// </summary>
    private static readonly Dictionary<string, (DayOfWeek[] Days, (int From, int To)[] Hours)> Weeks = new()
    {
        ["Dr. Anita Rao"] = (MondayToSaturday, [(9, 13), (14, 17)]),
        ["Dr. Vikram Iyer"] = ([DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday], [(9, 13), (14, 16)]),
        ["Dr. Sara Khan"] = (MondayToSaturday, [(9, 13)]),
        ["Dr. Farhan Ali"] = ([DayOfWeek.Tuesday, DayOfWeek.Thursday, DayOfWeek.Saturday], [(9, 13), (14, 17)]),
    };

    private const int SlotMinutes = 60;
    private const int Capacity = 6;
    private const int ConsultMinutes = 10;

    /// <summary>Writes the templates and the generated slots in one transaction; returns how many slots were made.</summary>
    public static async Task<int> PlanAsync(IDbContextFactory<OpdDbContext> factory, DateOnly today, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var doctors = await db.Doctors.Include(d => d.WeeklySessions).ToListAsync(ct);
        var (from, to) = (today.AddDays(1), today.AddDays(Days));
        var made = 0;
        foreach (var doctor in doctors)
        {
            var (days, hours) = Weeks.TryGetValue(doctor.Name, out var week) ? week : (MondayToSaturday, [(9, 13)]);
            var template = days.SelectMany(day => hours.Select(h => new SessionPlan(day, new TimeOnly(h.From, 0), new TimeOnly(h.To, 0), SlotMinutes, Capacity, ConsultMinutes)))
                .ToList();
            // Today's played slots stay ordinary OPD slots: today's weekday stays an OPD day, unless it was an extra session.
            var playedToday = await db.Slots.AnyAsync(s => s.DoctorId == doctor.Id && s.Date == today && !s.ExtraSession, ct);
            doctor.OpdDays = [.. days.Union(playedToday ? [today.DayOfWeek] : []).Order()];
            doctor.WeeklySessions = template.Select(s => new WeeklySession
            {
                DoctorId = doctor.Id,
                Day = s.Day,
                StartTime = s.Start,
                EndTime = s.End,
                SlotMinutes = s.SlotMinutes,
                CapacityPerSlot = s.CapacityPerSlot,
                MinutesPerConsultation = s.MinutesPerConsultation,
            }).ToList();

            var existing = await db.Slots.Where(s => s.DoctorId == doctor.Id && s.Date >= from && s.Date <= to)
                .Select(s => new ExistingSlot(s.Date, s.StartTime, s.EndTime)).ToListAsync(ct);
            var plan = Schedule.Generate(template, from, to, today.ToDateTime(TimeOnly.MinValue), [], existing, doctor.OpdDays);
            db.Slots.AddRange(plan.Create.Select(c => new Slot
            {
                DoctorId = doctor.Id,
                Date = c.Date,
                StartTime = c.Start,
                EndTime = c.End,
                MaxCapacity = c.MaxCapacity,
                MinutesPerConsultation = c.MinutesPerConsultation,
                Status = SlotStatus.Open,
            }));
            made += plan.Create.Count;
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return made;
    }
}

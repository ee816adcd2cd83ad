using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <param name="WalkInSeatsHeld">Seats of each slot kept from online booking for walk-ins; 0 keeps none.</param>
/// <param name="HoldReleaseMinutes">How long before each slot starts the held seats open to anyone.</param>
public sealed record SessionRequest(
    DayOfWeek Day, TimeOnly Start, TimeOnly End, int SlotMinutes, int CapacityPerSlot, int MinutesPerConsultation,
    int WalkInSeatsHeld = 0, int HoldReleaseMinutes = 0)
{
    public SessionPlan ToPlan() => new(Day, Start, End, SlotMinutes, CapacityPerSlot, MinutesPerConsultation, WalkInSeatsHeld, HoldReleaseMinutes);
}

public sealed record TemplateView(int DoctorId, string DoctorName, IReadOnlyList<DayOfWeek> OpdDays, IReadOnlyList<SessionRequest> Sessions);

public sealed record GenerateRequest(int? DoctorId, DateOnly? From, DateOnly? To);

public sealed record PlannedSlot(
    int DoctorId, string DoctorName, DateOnly Date, TimeOnly StartTime, TimeOnly EndTime, int MaxCapacity, int MinutesPerConsultation,
    int WalkInSeatsHeld = 0, int HoldReleaseMinutes = 0);

public sealed record SkippedView(int DoctorId, string DoctorName, DateOnly Date, TimeOnly StartTime, TimeOnly EndTime, string Reason);

/// <param name="Written">False for a preview: nothing was written.</param>
public sealed record GenerationView(bool Written, IReadOnlyList<PlannedSlot> Create, IReadOnlyList<SkippedView> Skipped);

/// <summary>Weekly templates, and the slots of a date range generated from them (preview first, then the same plan written).</summary>
public sealed class ScheduleService(IDbContextFactory<OpdDbContext> factory, HospitalClock clock, OpdChanges changes)
{
    private DateOnly Today() => clock.Today;

    public async Task<Result<TemplateView>> GetTemplateAsync(int doctorId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var doctor = await db.Doctors.AsNoTracking().Include(d => d.WeeklySessions).FirstOrDefaultAsync(d => d.Id == doctorId, ct);
        return doctor is null ? OpdProblem.NotFound("Doctor", doctorId) : View(doctor);
    }

    /// <summary>Replaces the doctor's whole weekly template; slots already generated stay as they are.</summary>
    public async Task<Result<TemplateView>> SaveTemplateAsync(int doctorId, IReadOnlyList<SessionRequest>? sessions, Actor by, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var doctor = await db.Doctors.Include(d => d.WeeklySessions).FirstOrDefaultAsync(d => d.Id == doctorId, ct);
        if (doctor is null)
        {
            return OpdProblem.NotFound("Doctor", doctorId);
        }

        // "[null]" is a session nobody described: refused by its place in the list, not taken for a crash.
        var at = sessions?.ToList().FindIndex(s => s is null) ?? -1;
        if (at >= 0)
        {
            return OpdProblem.Invalid($"sessions[{at}]", $"Session {at + 1} is empty: give day, start, end, slotMinutes, capacityPerSlot and minutesPerConsultation.");
        }

        var plans = (sessions ?? []).Select(s => s.ToPlan()).ToList();
        if (Schedule.CheckTemplate(plans, doctor.OpdDays) is TemplateRefused refused)
        {
            return OpdProblem.Invalid(refused.Errors);
        }

        db.WeeklySessions.RemoveRange(doctor.WeeklySessions);
        doctor.WeeklySessions = plans.OrderBy(p => p.Day).ThenBy(p => p.Start).Select(p => new WeeklySession
        {
            DoctorId = doctorId,
            Day = p.Day,
            StartTime = p.Start,
            EndTime = p.End,
            SlotMinutes = p.SlotMinutes,
            CapacityPerSlot = p.CapacityPerSlot,
            MinutesPerConsultation = p.MinutesPerConsultation,
            WalkInSeatsHeld = p.WalkInSeatsHeld,
            HoldReleaseMinutes = p.HoldReleaseMinutes,
        }).ToList();
        AdminRecord.Add(db, clock.Now, by, "Schedule", doctor.Name,
            plans.Count == 0 ? "Weekly template cleared" : "Weekly template: " + string.Join("; ", plans.Select(p =>
                $"{p.Day} {p.Start:HH\\:mm}-{p.End:HH\\:mm} every {p.SlotMinutes} min, {p.CapacityPerSlot} × {p.MinutesPerConsultation} min"
                + (p.WalkInSeatsHeld > 0 ? $", {p.WalkInSeatsHeld} held for walk-ins until {p.HoldReleaseMinutes} min before" : ""))));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return View(doctor);
    }

    public Task<Result<GenerationView>> PreviewAsync(GenerateRequest request, CancellationToken ct = default) => RunAsync(request, null, ct);

    /// <summary>Decides again inside the write, so a slot made since the preview is skipped, never doubled.</summary>
    public Task<Result<GenerationView>> GenerateAsync(GenerateRequest request, Actor by, CancellationToken ct = default) => RunAsync(request, by, ct);

    private async Task<Result<GenerationView>> RunAsync(GenerateRequest request, Actor? by, CancellationToken ct)
    {
        var check = new Validation()
            .Require(request.From is not null, "from", "The first day is required (YYYY-MM-DD).")
            .Require(request.To is not null, "to", "The last day is required (YYYY-MM-DD).");
        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        if (Schedule.CheckRange(request.From!.Value, request.To!.Value, Today()) is { } bad)
        {
            return OpdProblem.Invalid("to", bad);
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = by is null ? null : await WriteTransaction.BeginAsync(db, ct);
        var doctors = await db.Doctors.AsNoTracking().Include(d => d.WeeklySessions)
            .Where(d => d.DeactivatedAt == null && (request.DoctorId == null || d.Id == request.DoctorId))
            .OrderBy(d => d.Name)
            .ToListAsync(ct);
        if (request.DoctorId is { } wanted && doctors.Count == 0)
        {
            return await db.Doctors.AnyAsync(d => d.Id == wanted, ct)
                ? OpdProblem.Conflict("The doctor is deactivated; reactivate them before generating slots.")
                : OpdProblem.NotFound("Doctor", wanted);
        }

        var (from, to) = (request.From.Value, request.To.Value);
        var ids = doctors.Select(d => d.Id).ToList();
        var existing = (await db.Slots.AsNoTracking()
                .Where(s => ids.Contains(s.DoctorId) && s.Date >= from && s.Date <= to && s.Status != SlotStatus.Cancelled)
                .Select(s => new { s.DoctorId, s.Date, s.StartTime, s.EndTime })
                .ToListAsync(ct))
            .ToLookup(s => s.DoctorId, s => new ExistingSlot(s.Date, s.StartTime, s.EndTime));
        var leave = (await db.Leaves.AsNoTracking()
                .Where(l => ids.Contains(l.DoctorId) && l.From <= to && l.To >= from)
                .Select(l => new { l.DoctorId, l.From, l.To })
                .ToListAsync(ct))
            .ToLookup(l => l.DoctorId, l => new LeaveSpan(l.From, l.To));

        var create = new List<PlannedSlot>();
        var skipped = new List<SkippedView>();
        foreach (var doctor in doctors)
        {
            var template = doctor.WeeklySessions.Select(s => new SessionPlan(
                s.Day, s.StartTime, s.EndTime, s.SlotMinutes, s.CapacityPerSlot, s.MinutesPerConsultation, s.WalkInSeatsHeld, s.HoldReleaseMinutes)).ToList();
            var plan = Schedule.Generate(template, from, to, clock.Now, leave[doctor.Id].ToList(), existing[doctor.Id].ToList(), doctor.OpdDays);
            create.AddRange(plan.Create.Select(c => new PlannedSlot(
                doctor.Id, doctor.Name, c.Date, c.Start, c.End, c.MaxCapacity, c.MinutesPerConsultation, c.WalkInSeatsHeld, c.HoldReleaseMinutes)));
            skipped.AddRange(plan.Skipped.Select(s => new SkippedView(doctor.Id, doctor.Name, s.Date, s.Start, s.End, s.Message ?? Words(s.Reason))));
        }

        if (by is not { } actor || tx is null)
        {
            return new GenerationView(false, create, skipped);
        }

        db.Slots.AddRange(create.Select(c => new Slot
        {
            DoctorId = c.DoctorId,
            Date = c.Date,
            StartTime = c.StartTime,
            EndTime = c.EndTime,
            MaxCapacity = c.MaxCapacity,
            MinutesPerConsultation = c.MinutesPerConsultation,
            WalkInSeatsHeld = c.WalkInSeatsHeld,
            HoldReleaseMinutes = c.HoldReleaseMinutes,
            Status = SlotStatus.Open,
        }));
        foreach (var doctor in create.GroupBy(c => c.DoctorName))
        {
            AdminRecord.Add(db, clock.Now, actor, "Schedule", doctor.Key,
                $"Generated {doctor.Count()} slot(s) from {from:yyyy-MM-dd} to {to:yyyy-MM-dd}");
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        changes.Announce(new OpdChange(0, null, "slots generated"));
        return new GenerationView(true, create, skipped);
    }

    private static string Words(SkipReason reason) => reason switch
    {
        SkipReason.AlreadyThere => "A slot is already there",
        SkipReason.OnLeave => "On leave",
        SkipReason.InThePast => "In the past",
        _ => reason.ToString(),
    };

    private static TemplateView View(Doctor d) => new(d.Id, d.Name, d.OpdDays,
        d.WeeklySessions.OrderBy(s => s.Day).ThenBy(s => s.StartTime)
            .Select(s => new SessionRequest(
                s.Day, s.StartTime, s.EndTime, s.SlotMinutes, s.CapacityPerSlot, s.MinutesPerConsultation, s.WalkInSeatsHeld, s.HoldReleaseMinutes)).ToList());
}

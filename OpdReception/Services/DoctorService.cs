using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <param name="LabelPrefix">One or two letters the doctor's labels start with ("A" gives A014); null keeps the doctor's (T for a new one).</param>
public sealed record DoctorRequest(string? Name, string? Specialization, IReadOnlyList<string>? OpdDays, string? Room, string? LabelPrefix = null);

public sealed class DoctorService(IDbContextFactory<OpdDbContext> factory, OpdChanges changes, HospitalClock clock)
{
    /// <summary>The doctors who see patients; a deactivated doctor only with <paramref name="includeInactive"/>.</summary>
    public async Task<IReadOnlyList<DoctorView>> ListAsync(string? specialization = null, CancellationToken ct = default, bool includeInactive = false)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = db.Doctors.AsNoTracking().Where(d => includeInactive || d.DeactivatedAt == null);
        if (Validation.Clean(specialization) is { } wanted)
        {
            query = query.Where(d => d.Specialization.ToLower() == wanted.ToLower());
        }

        return (await query.OrderBy(d => d.Name).ToListAsync(ct)).Select(d => d.ToView()).ToList();
    }

    public async Task<Result<DoctorView>> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var doctor = await db.Doctors.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        return doctor is null ? OpdProblem.NotFound("Doctor", id) : doctor.ToView();
    }

    public async Task<Result<DoctorView>> CreateAsync(DoctorRequest request, Actor by, CancellationToken ct = default)
    {
        if (Check(request, out var days) is { } problem)
        {
            return problem;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var doctor = new Doctor
        {
            Name = request.Name!.Trim(), Specialization = request.Specialization!.Trim(), OpdDays = days, Room = Validation.Clean(request.Room),
            LabelPrefix = Prefix(request) ?? TokenLabels.DefaultPrefix,
        };
        db.Doctors.Add(doctor);
        AdminRecord.Add(db, clock.Now, by, "Doctor", doctor.Name, $"Added: {Describe(doctor)}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        changes.Announce(new OpdChange(0, null, "doctor"));
        return doctor.ToView();
    }

    public async Task<Result<DoctorView>> UpdateAsync(int id, DoctorRequest request, Actor by, CancellationToken ct = default)
    {
        if (Check(request, out var days) is { } problem)
        {
            return problem;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var doctor = await db.Doctors.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (doctor is null)
        {
            return OpdProblem.NotFound("Doctor", id);
        }

        var before = Describe(doctor);
        var wasNamed = doctor.Name;
        doctor.Name = request.Name!.Trim();
        doctor.Specialization = request.Specialization!.Trim();
        doctor.OpdDays = days;
        doctor.Room = Validation.Clean(request.Room);
        doctor.LabelPrefix = Prefix(request) ?? doctor.LabelPrefix;
        if (Describe(doctor) is var after && (after != before || wasNamed != doctor.Name))
        {
            AdminRecord.Add(db, clock.Now, by, "Doctor", doctor.Name,
                wasNamed == doctor.Name ? $"Changed: {before} → {after}" : $"Changed: {wasNamed}, {before} → {doctor.Name}, {after}");
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        changes.Announce(new OpdChange(0, null, "doctor"));
        return doctor.ToView();
    }

    /// <summary>The details an admin reads back in the record: specialization, room, OPD days, label prefix.</summary>
    private static string Describe(Doctor d) =>
        $"{d.Specialization}, room {d.Room ?? "none"}, OPD days {(d.OpdDays.Count == 0 ? "none" : string.Join(" ", d.OpdDays.Select(day => day.ToString()[..3])))}, labels {d.LabelPrefix}";

    /// <summary>A doctor with any token on record stays, so no patient's history loses its doctor.</summary>
    public async Task<Result<DoctorView>> DeleteAsync(int id, Actor by, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var doctor = await db.Doctors.Include(d => d.Slots).FirstOrDefaultAsync(d => d.Id == id, ct);
        if (doctor is null)
        {
            return OpdProblem.NotFound("Doctor", id);
        }

        var active = await db.Tokens.Where(t => t.Slot.DoctorId == id).Where(Projections.IsActive).CountAsync(ct);
        var any = await db.Tokens.CountAsync(t => t.Slot.DoctorId == id, ct);
        if (any > 0)
        {
            return OpdProblem.Conflict(active > 0
                ? $"The doctor still has {active} active token(s); cancel or reallocate them first."
                : $"The doctor's slots hold {any} token(s) on record; their history must stay.");
        }

        if (await db.Users.AnyAsync(u => u.DoctorId == id, ct))
        {
            return OpdProblem.Conflict("A user signs in as this doctor; remove or relink that account first.");
        }

        db.Slots.RemoveRange(doctor.Slots);
        db.Doctors.Remove(doctor);
        AdminRecord.Add(db, clock.Now, by, "Doctor", doctor.Name, "Deleted (no patient history)");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        changes.Announce(new OpdChange(0, null, "doctor"));
        return doctor.ToView();
    }

    private static OpdProblem? Check(DoctorRequest request, out List<DayOfWeek> days)
    {
        days = [];
        var unknown = new List<string>();
        foreach (var day in request.OpdDays ?? [])
        {
            // Only a single day's name: Enum.TryParse would also take "3" or "Monday, Friday" (combined as flags).
            if (day is { Length: > 0 } && day.Trim().All(char.IsLetter) && Enum.TryParse<DayOfWeek>(day.Trim(), ignoreCase: true, out var parsed))
            {
                days.Add(parsed);
            }
            else
            {
                unknown.Add(day ?? "(empty)");
            }
        }

        days = days.Distinct().Order().ToList();
        var check = new Validation()
            .Name(request.Name, "name", "Name")
            .Name(request.Specialization, "specialization", "Specialization")
            .Require(unknown.Count == 0, "opdDays", $"Unknown day(s): {string.Join(", ", unknown.Take(3).Select(d => $"\"{Validation.Excerpt(d)}\""))}{(unknown.Count > 3 ? " and more" : "")}. Use day names, Monday to Sunday.")
            .Require(request.OpdDays is not { Count: > 7 }, "opdDays", "A week has at most 7 days.")
            .Text(request.Room, "room", "Room", 40)
            .Require(request.LabelPrefix is null || TokenLabels.WhyNotPrefix(Prefix(request)) is null, "labelPrefix",
                TokenLabels.WhyNotPrefix(Prefix(request)) ?? "");
        return check.IsValid ? null : check.ToProblem();
    }

    /// <summary>Typed as "a " it means A: the desk reads labels in capitals.</summary>
    private static string? Prefix(DoctorRequest request) => request.LabelPrefix?.Trim().ToUpperInvariant();
}

using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>A doctor as the admin's list shows them.</summary>
public sealed record DoctorAdminView(
    int Id,
    string Name,
    string Specialization,
    IReadOnlyList<DayOfWeek> OpdDays,
    string? Room,
    bool Active,
    DateTime? DeactivatedAt,
    bool HasHistory,
    int SessionsPerWeek,
    IReadOnlyList<string> LinkedUsers,
    string LabelPrefix = TokenLabels.DefaultPrefix);

/// <summary>What removing a doctor did: deleted (no history) or deactivated (history kept, open slots ahead cancelled).</summary>
public sealed record RemovalView(int DoctorId, bool Deleted, bool Deactivated, int SlotsCancelled);

/// <summary>The admin's side of doctors: the full list, deactivation instead of deletion, linked accounts.</summary>
public sealed class DoctorAdminService(IDbContextFactory<OpdDbContext> factory, HospitalClock clock, OpdChanges changes)
{
    public async Task<IReadOnlyList<DoctorAdminView>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var withHistory = await db.Tokens.Select(t => t.Slot.DoctorId).Distinct().ToListAsync(ct);
        var sessions = await db.WeeklySessions.GroupBy(s => s.DoctorId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var users = (await db.Users.Where(u => u.DoctorId != null).Select(u => new { u.DoctorId, u.Email }).ToListAsync(ct))
            .ToLookup(u => u.DoctorId!.Value, u => u.Email ?? "");
        return (await db.Doctors.AsNoTracking().OrderBy(d => d.Name).ToListAsync(ct))
            .Select(d => new DoctorAdminView(d.Id, d.Name, d.Specialization, d.OpdDays, d.Room, d.DeactivatedAt is null, d.DeactivatedAt,
                withHistory.Contains(d.Id), sessions.GetValueOrDefault(d.Id), users[d.Id].Order().ToList(), d.LabelPrefix))
            .ToList();
    }

    public async Task<IReadOnlyList<string>> SpecializationsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Doctors.Select(d => d.Specialization).Distinct().OrderBy(s => s).ToListAsync(ct);
    }

    /// <summary>Deletes a doctor with no history; deactivates one with history (hidden from issuing, kept in reports).</summary>
    public async Task<Result<RemovalView>> RemoveAsync(int id, Actor by, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var doctor = await db.Doctors.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (doctor is null)
        {
            return OpdProblem.NotFound("Doctor", id);
        }

        var now = clock.Now;
        var states = (await db.Slots.Where(s => s.DoctorId == id).Select(Projections.SlotState).ToListAsync(ct)).ToDictionary(s => s.Id);
        var tokens = await db.Tokens.Where(t => t.Slot.DoctorId == id).GroupBy(t => t.SlotId)
            .Select(g => new { g.Key, Ever = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Ever, ct);
        // A closed day has no patients left to see: anything still marked active there (a booking of a cancelled slot
        // closed before such bookings were cancelled at the day's close) does not hold the doctor for ever.
        var waiting = await db.Tokens.Where(t => t.Slot.DoctorId == id && t.Slot.DayClosedAt == null).Where(Projections.IsActive).GroupBy(t => t.SlotId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var slots = states.Values
            .Select(s => new DoctorSlot(s.Id, tokens.GetValueOrDefault(s.Id), waiting.GetValueOrDefault(s.Id), s.TakesTokens(now), s.Status == SlotStatus.Cancelled))
            .ToList();

        RemovalView answer;
        switch (DoctorRules.Remove(slots, doctor.DeactivatedAt is not null))
        {
            case RemovalRefused refused:
                return OpdProblem.Conflict(refused.Reason);
            case DeleteOutright:
                await db.Users.Where(u => u.DoctorId == id).ExecuteUpdateAsync(u => u.SetProperty(x => x.DoctorId, (int?)null), ct);
                await db.Slots.Where(s => s.DoctorId == id).ExecuteDeleteAsync(ct);
                db.Doctors.Remove(doctor);
                AdminRecord.Add(db, now, by, "Doctor", doctor.Name, "Deleted (no patient history)");
                answer = new RemovalView(id, true, false, 0);
                break;
            case Deactivate deactivate:
                doctor.DeactivatedAt = now;
                await db.Slots.Where(s => deactivate.SlotsToCancel.Contains(s.Id)).ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.Status, SlotStatus.Cancelled)
                    .SetProperty(x => x.StatusReason, "Doctor no longer takes patients"), ct);
                AdminRecord.Add(db, now, by, "Doctor", doctor.Name, $"Deactivated; {deactivate.SlotsToCancel.Count} open slot(s) ahead cancelled");
                answer = new RemovalView(id, false, true, deactivate.SlotsToCancel.Count);
                break;
            default:
                throw new InvalidOperationException("Unknown decision.");
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        changes.Announce(new OpdChange(0, null, "doctor"));
        return answer;
    }

    public async Task<Result<DoctorView>> ReactivateAsync(int id, Actor by, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var doctor = await db.Doctors.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (doctor is null)
        {
            return OpdProblem.NotFound("Doctor", id);
        }

        if (doctor.DeactivatedAt is null)
        {
            return OpdProblem.Conflict("The doctor is active.");
        }

        doctor.DeactivatedAt = null;
        AdminRecord.Add(db, clock.Now, by, "Doctor", doctor.Name, "Reactivated");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        changes.Announce(new OpdChange(0, null, "doctor"));
        return doctor.ToView();
    }
}

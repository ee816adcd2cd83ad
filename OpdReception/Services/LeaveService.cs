using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

public sealed record LeaveRequest(int? DoctorId, DateOnly? From, DateOnly? To, string? Reason);

public sealed record LeaveView(int Id, int DoctorId, string DoctorName, DateOnly From, DateOnly To, string Reason, DateTime CreatedAt, string By);

/// <summary>One slot that goes away, and what happens (<paramref name="Preview"/>) or happened (<paramref name="Done"/>) to its patients.</summary>
public sealed record SlotGoing(SlotView Slot, ReallocationPreview? Preview, ReallocationResult? Done)
{
    public int Moving => Preview?.Moves.Count ?? Done?.Moved.Count ?? 0;

    public int NotPlaced => Preview?.NotPlaced.Count ?? Done?.NotPlaced.Count ?? 0;
}

/// <param name="Done">False for a preview: nothing was written.</param>
public sealed record CancellationView(bool Done, IReadOnlyList<SlotGoing> Slots, LeaveView? Leave = null);

/// <summary>
/// A doctor away: the preview says which open slots are cancelled and where their patients go (the reallocation
/// preview); confirming records the leave, cancels the slots in one transaction, then moves the patients slot by slot.
/// </summary>
public sealed class LeaveService(IDbContextFactory<OpdDbContext> factory, TokenService tokens, HospitalClock clock, OpdChanges changes)
{
    public const int MaxLeaveDays = 366;

    private DateTime Now() => clock.Now;

    public async Task<IReadOnlyList<LeaveView>> ListAsync(int? doctorId = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var today = DateOnly.FromDateTime(Now());
        return await db.Leaves.AsNoTracking()
            .Where(l => l.To >= today && (doctorId == null || l.DoctorId == doctorId))
            .OrderBy(l => l.From).ThenBy(l => l.Doctor.Name)
            .Select(l => new LeaveView(l.Id, l.DoctorId, l.Doctor.Name, l.From, l.To, l.Reason, l.CreatedAt, l.By))
            .ToListAsync(ct);
    }

    public Task<Result<CancellationView>> PreviewAsync(LeaveRequest request, CancellationToken ct = default) => RunAsync(request, null, ct);

    public Task<Result<CancellationView>> ConfirmAsync(LeaveRequest request, Actor by, CancellationToken ct = default) => RunAsync(request, by, ct);

    /// <summary>Cancels one slot after the same kind of preview: <paramref name="by"/> null previews.</summary>
    public async Task<Result<CancellationView>> CancelSlotAsync(int slotId, string? reason, Actor? by, CancellationToken ct = default)
    {
        var check = new Validation()
            .Require(!string.IsNullOrWhiteSpace(reason), "reason", "A cancellation needs a reason of at most 200 characters.")
            .Text(reason, "reason", "The reason", 200);
        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var slot = await db.Slots.AsNoTracking().Where(s => s.Id == slotId).Select(s => new { s.Id, s.Status }).FirstOrDefaultAsync(ct);
        if (slot is null)
        {
            return OpdProblem.NotFound("Slot", slotId);
        }

        if (!slot.Status.TakesTokensIn())
        {
            return OpdProblem.Conflict($"The slot is already {slot.Status.ToString().ToLowerInvariant()}.");
        }

        return await GoAsync(db, [slotId], reason!.Trim(), by, null, ct);
    }

    private async Task<Result<CancellationView>> RunAsync(LeaveRequest request, Actor? by, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(Now());
        var check = new Validation()
            .Require(request.DoctorId is not null, "doctorId", "Choose the doctor.")
            .Require(request.From is not null, "from", "The first day is required (YYYY-MM-DD).")
            .Require(!string.IsNullOrWhiteSpace(request.Reason), "reason", "Say why, in at most 200 characters.")
            .Text(request.Reason, "reason", "The reason", 200);
        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        var from = request.From!.Value;
        var to = request.To ?? from;
        if (from < today)
        {
            return OpdProblem.Invalid("from", $"Leave starts today ({today:yyyy-MM-dd}) or later.");
        }

        if (Schedule.CheckRange(from, to, today, MaxLeaveDays) is { } bad)
        {
            return OpdProblem.Invalid("to", bad);
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var doctor = await db.Doctors.AsNoTracking().Where(d => d.Id == request.DoctorId).Select(d => new { d.Id, d.Name }).FirstOrDefaultAsync(ct);
        if (doctor is null)
        {
            return OpdProblem.NotFound("Doctor", request.DoctorId!.Value);
        }

        var now = Now();
        var slots = (await db.Slots.AsNoTracking()
                .Where(s => s.DoctorId == doctor.Id && s.Date >= from && s.Date <= to)
                .Select(Projections.SlotState)
                .ToListAsync(ct))
            .Where(s => s.Status.TakesTokensIn() && !s.IsOver(now))
            .OrderBy(s => s.Start)
            .Select(s => s.Id)
            .ToList();
        var leave = new DoctorLeave { DoctorId = doctor.Id, From = from, To = to, Reason = request.Reason!.Trim(), CreatedAt = now, By = by?.Name ?? "" };
        return await GoAsync(db, slots, $"Doctor on leave: {leave.Reason}", by, (leave, doctor.Name), ct);
    }

    /// <summary>Preview: each slot's reallocation planned as if all of them were gone. Confirm: cancel all, then move.</summary>
    private async Task<Result<CancellationView>> GoAsync(
        OpdDbContext db, IReadOnlyList<int> slotIds, string reason, Actor? by, (DoctorLeave Leave, string DoctorName)? leave, CancellationToken ct)
    {
        if (by is not { } actor)
        {
            var previews = new List<SlotGoing>();
            foreach (var id in slotIds)
            {
                var plan = await tokens.PreviewReallocationAsync(id, null, ct, goingToo: slotIds);
                if (plan.Problem is { } problem)
                {
                    return problem;
                }

                previews.Add(new SlotGoing(plan.Value!.From, plan.Value, null));
            }

            return new CancellationView(false, previews, leave is { } l ? View(l.Leave, l.DoctorName) : null);
        }

        var now = Now();
        await using (var tx = await WriteTransaction.BeginAsync(db, ct))
        {
            var slots = await db.Slots.Where(s => slotIds.Contains(s.Id)).ToListAsync(ct);
            foreach (var slot in slots.Where(s => s.Status.TakesTokensIn()))
            {
                slot.Status = SlotStatus.Cancelled;
                slot.StatusReason = reason.Length <= 200 ? reason : reason[..200];
            }

            if (leave is { } l)
            {
                db.Leaves.Add(l.Leave);
                AdminRecord.Add(db, now, actor, "Leave", l.DoctorName,
                    $"Away {l.Leave.From:yyyy-MM-dd} to {l.Leave.To:yyyy-MM-dd} ({l.Leave.Reason}); {slots.Count} slot(s) cancelled");
            }
            else
            {
                AdminRecord.Add(db, now, actor, "Slot", string.Join(", ", slotIds.Select(i => $"slot {i}")), $"Cancelled: {reason}");
            }

            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        foreach (var id in slotIds)
        {
            changes.Announce(new OpdChange(id, null, "Cancelled"));
        }

        var done = new List<SlotGoing>();
        foreach (var id in slotIds)
        {
            var moved = await tokens.ReallocateAsync(id, null, actor, ct);
            done.Add(new SlotGoing((await db.Slots.AsNoTracking().Where(s => s.Id == id).ToViewsAsync(ct)).Single(), null, moved.Value));
        }

        return new CancellationView(true, done, leave is { } left ? View(left.Leave, left.DoctorName) : null);
    }

    public async Task<Result<LeaveView>> RemoveAsync(int id, Actor by, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var leave = await db.Leaves.Include(l => l.Doctor).FirstOrDefaultAsync(l => l.Id == id, ct);
        if (leave is null)
        {
            return OpdProblem.NotFound("Leave", id);
        }

        db.Leaves.Remove(leave);
        AdminRecord.Add(db, Now(), by, "Leave", leave.Doctor.Name,
            $"Leave {leave.From:yyyy-MM-dd} to {leave.To:yyyy-MM-dd} removed; cancelled slots stay cancelled");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return View(leave, leave.Doctor.Name);
    }

    private static LeaveView View(DoctorLeave l, string doctorName) => new(l.Id, l.DoctorId, doctorName, l.From, l.To, l.Reason, l.CreatedAt, l.By);
}

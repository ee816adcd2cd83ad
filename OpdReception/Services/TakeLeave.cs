using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
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
/// preview); confirming records the leave, cancels the slots and moves the patients in one transaction, as previewed.
/// An admin cancelling one slot goes the same way (<see cref="CancelSlotAsync"/>).
/// </summary>
public sealed class TakeLeave(
    IDbContextFactory<OpdDbContext> factory, HospitalClock clock, IOptionsMonitor<OpdOptions> options, OpdChanges changes, PatientOutbox outbox)
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
        // A preview writes nothing, so the desk may see where the patients go before it has typed the reason.
        var check = new Validation()
            .Require(by is null || !string.IsNullOrWhiteSpace(reason), "reason", "A cancellation needs a reason of at most 200 characters.")
            .Text(reason, "reason", "The reason", 200);
        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        return await GoAsync(db, async _ =>
        {
            var slot = await db.Slots.AsNoTracking().Where(s => s.Id == slotId).Select(s => new { s.Id, s.Status }).FirstOrDefaultAsync(ct);
            if (slot is null)
            {
                return OpdProblem.NotFound("Slot", slotId);
            }

            return slot.Status.TakesTokensIn()
                ? new List<int> { slotId }
                : OpdProblem.Conflict($"The slot is already {slot.Status.ToString().ToLowerInvariant()}.");
        }, (reason ?? "").Trim(), by, null, ct);
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
            return OpdProblem.Invalid("from", $"Leave starts today ({today:ddd d MMM}) or later.");
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

        var leave = new DoctorLeave { DoctorId = doctor.Id, From = from, To = to, Reason = request.Reason!.Trim(), CreatedAt = Now(), By = by?.Name ?? "" };
        return await GoAsync(db, async now => (await db.Slots.AsNoTracking()
                    .Where(s => s.DoctorId == doctor.Id && s.Date >= from && s.Date <= to)
                    .Select(Projections.SlotState)
                    .ToListAsync(ct))
                .Where(s => s.Status.TakesTokensIn() && !s.IsOver(now))
                .OrderBy(s => s.StartsAt)
                .Select(s => s.Id)
                .ToList(),
            $"Doctor on leave: {leave.Reason}", by, (leave, doctor.Name), ct);
    }

    /// <summary>
    /// Preview and confirmation alike: inside one write transaction, every slot that goes is planned as cancelled and
    /// its patients placed in one working state, so a seat taken by an earlier slot's patient is not offered to a
    /// later one. The preview stops there; the confirmation writes the cancellations, the leave and every move in that
    /// same transaction. So the preview is the result, and a refusal anywhere changes nothing and reaches the caller.
    /// </summary>
    /// <param name="going">Which slots go, read inside the transaction so nothing changes them between choosing and writing.</param>
    private async Task<Result<CancellationView>> GoAsync(
        OpdDbContext db, Func<DateTime, Task<Result<List<int>>>> going, string reason, Actor? by, (DoctorLeave Leave, string DoctorName)? leave, CancellationToken ct)
    {
        var preview = by is null;
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var now = Now();
        var chosen = await going(now);
        if (!chosen.IsOk)
        {
            return chosen.Problem!;
        }

        var slotIds = chosen.Value!;
        var planned = await SlotEmptying.PlanAsync(db, slotIds, null, cancelling: true, now, options.CurrentValue.Weights, options.CurrentValue.Estimates, ct);
        if (!planned.IsOk)
        {
            return planned.Problem!;
        }

        var plan = planned.Value!;
        var answers = SlotEmptying.Answers(plan, preview);
        if (by is not { } actor)
        {
            var before = await db.Slots.AsNoTracking().Where(s => slotIds.Contains(s.Id)).ToViewsAsync(ct);
            var previews = plan.Slots.Select((s, i) =>
            {
                var slot = before.Single(v => v.Id == s.Source.Id);
                return new SlotGoing(slot, PlannedMoves.ToPreview(slot, answers[i]), null);
            }).ToList();
            return new CancellationView(false, previews, leave is { } l ? View(l.Leave, l.DoctorName) : null);
        }

        foreach (var (slot, _) in plan.Slots.Where(s => s.Source.Status.TakesTokensIn()))
        {
            slot.Status = SlotStatus.Cancelled;
            slot.StatusReason = reason.Length <= 200 ? reason : reason[..200];
        }

        if (leave is { } away)
        {
            db.Leaves.Add(away.Leave);
            AdminRecord.Add(db, now, actor, "Leave", away.DoctorName,
                $"Away {away.Leave.From:yyyy-MM-dd} to {away.Leave.To:yyyy-MM-dd} ({away.Leave.Reason}); {slotIds.Count} slot(s) cancelled");
        }
        else
        {
            AdminRecord.Add(db, now, actor, "Slot",
                string.Join(", ", plan.Slots.Select(s => $"{s.Source.Doctor.Name} {s.Source.Date:ddd d MMM} {s.Source.StartTime:HH\\:mm}")), $"Cancelled: {reason}");
        }

        var messages = await SlotEmptying.WriteMovesAsync(db, plan, now, actor, ct);
        messages.AddRange(SlotEmptying.WriteStranded(plan, now, actor, leave is null ? new SlotCancelled() : new DoctorOnLeave()));
        await outbox.WriteAsync(db, messages, now, actor, ct);
        await tx.CommitAsync(ct);
        foreach (var id in slotIds)
        {
            changes.Announce(new OpdChange(id, null, "Cancelled"));
        }

        SlotEmptying.AnnounceMoves(changes, plan);
        var after = await db.Slots.AsNoTracking().Where(s => slotIds.Contains(s.Id)).ToViewsAsync(ct);
        var done = plan.Slots.Select((s, i) => new SlotGoing(after.Single(v => v.Id == s.Source.Id), null, answers[i])).ToList();
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

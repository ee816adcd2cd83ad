using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>The desk empties a delayed or cancelled slot into the slots that see its patients soonest.</summary>
public sealed class ReallocateSlot(
    IDbContextFactory<OpdDbContext> factory,
    HospitalClock clock,
    IOptionsMonitor<OpdOptions> options,
    OpdChanges changes,
    PatientOutbox outbox)
{
    /// <summary>
    /// Empties a delayed or cancelled slot: each pending patient, in queue order, goes to the slot that gives them
    /// the earliest estimated time (the named slot, or the doctor's later slots that day and those of doctors of
    /// the same specialization); from a delayed slot only when that is earlier than staying. Each keeps its id and
    /// history, and its label within the doctor's day (the next label of the other doctor's or day's otherwise); a
    /// patient moved to another day is Booked again.
    /// </summary>
    public Task<Result<ReallocationResult>> ReallocateAsync(int slotId, int? targetSlotId, Actor by, CancellationToken ct = default) =>
        ReallocateAsync(slotId, targetSlotId, by, preview: false, ct);

    /// <summary>Exactly what <see cref="ReallocateAsync(int, int?, Actor, CancellationToken)"/> would do now; changes nothing.</summary>
    public Task<Result<ReallocationResult>> WhatIfReallocatedAsync(int slotId, int? targetSlotId, CancellationToken ct = default) =>
        ReallocateAsync(slotId, targetSlotId, new Actor("preview"), preview: true, ct);

    /// <summary>The reception board's preview: the same answer, in the board's words.</summary>
    public async Task<Result<ReallocationPreview>> PreviewReallocationAsync(int slotId, int? targetSlotId, CancellationToken ct = default)
    {
        var result = await WhatIfReallocatedAsync(slotId, targetSlotId, ct);
        if (!result.IsOk)
        {
            return result.Problem!;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var from = (await db.Slots.Where(s => s.Id == slotId).ToViewsAsync(ct)).Single();
        return PlannedMoves.ToPreview(from, result.Value!);
    }

    private async Task<Result<ReallocationResult>> ReallocateAsync(int slotId, int? targetSlotId, Actor by, bool preview, CancellationToken ct)
    {
        if (targetSlotId == slotId)
        {
            return OpdProblem.Invalid("targetSlotId", "The target slot must differ from the slot being emptied.");
        }

        await using var db = await factory.CreateDbContextAsync(ct);

        // A preview reads under the same write lock, so it answers for the very state a confirmation would change.
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var now = clock.Now;
        var planned = await SlotEmptying.PlanAsync(db, [slotId], targetSlotId, cancelling: false, now, options.CurrentValue.Weights, options.CurrentValue.Estimates, ct);
        if (!planned.IsOk)
        {
            return planned.Problem!;
        }

        var plan = planned.Value!;
        var result = SlotEmptying.Answers(plan, preview).Single();
        if (preview || result.Moved.Count == 0)
        {
            return result;
        }

        var messages = await SlotEmptying.WriteMovesAsync(db, plan, now, by, ct);
        await outbox.WriteAsync(db, messages, now, by, ct);
        await tx.CommitAsync(ct);
        SlotEmptying.AnnounceMoves(changes, plan);
        return result;
    }
}

using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>One patient to another slot or doctor: the reallocation rules, for a single token the desk names.</summary>
public sealed partial class TokenService
{
    public async Task<Result<ReallocationPreview>> PreviewMoveAsync(int tokenId, int targetSlotId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = Now();
        var planned = await PlanMoveAsync(db, tokenId, targetSlotId, now, ct);
        if (!planned.IsOk)
        {
            return planned.Problem!;
        }

        var (source, token, plan) = planned.Value!;
        return await PreviewAsync(db, source, [token], plan, now, ct);
    }

    public async Task<Result<TokenView>> MoveAsync(int tokenId, int targetSlotId, Actor by, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var now = Now();
        var planned = await PlanMoveAsync(db, tokenId, targetSlotId, now, ct);
        if (!planned.IsOk)
        {
            return planned.Problem!;
        }

        var (source, token, plan) = planned.Value!;
        if (plan.NotPlaced.FirstOrDefault() is { } refused)
        {
            return OpdProblem.Conflict(refused.Reason);
        }

        var move = plan.Moves.Single();
        var target = await db.Slots.Include(s => s.Doctor).SingleAsync(s => s.Id == targetSlotId, ct);
        var wasLabel = TokenLabels.Format(source.Doctor.LabelPrefix, move.FromTokenNumber);
        var newLabel = TokenLabels.Format(target.Doctor.LabelPrefix, move.NewTokenNumber);
        await DayLabels.TakeAsync(db, target.DoctorId, target.Date, move.NewTokenNumber, ct);
        target.EmergencyExtensions += move.ExtendedCapacity ? 1 : 0;
        token.SlotId = target.Id;
        token.TokenNumber = move.NewTokenNumber;
        token.InSlotSince = now;
        token.History.Add(Event(token, now, "Moved", token.Status, by,
            $"Moved from slot {source.Id} ({wasLabel}, {source.Date:yyyy-MM-dd} {source.StartTime:HH\\:mm}) " +
            $"to slot {target.Id} ({newLabel}, {target.Date:yyyy-MM-dd} {target.StartTime:HH\\:mm})" +
            (move.ExtendedCapacity ? "; emergency seat added" : "") +
            (newLabel == wasLabel ? "; keeps its label" : $"; new label {newLabel}, was {wasLabel}: reprint the slip")));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        changes.Announce(new OpdChange(source.Id, token.Id, "moved"));
        changes.Announce(new OpdChange(target.Id, token.Id, "moved"));
        var view = (await SlotQueues.ViewAsync(db, token.Id, now, Settings.Weights, withHistory: false, ct))!;

        // Another doctor or day gave the next label there: the answer names the old one, so the desk reprints.
        return newLabel == wasLabel ? view : view with { PreviousTokenNumber = wasLabel };
    }

    private async Task<Result<(Slot Source, Token Token, ReallocationPlan Plan)>> PlanMoveAsync(
        OpdDbContext db, int tokenId, int targetSlotId, DateTime now, CancellationToken ct)
    {
        var slotId = await db.Tokens.Where(t => t.Id == tokenId).Select(t => (int?)t.SlotId).FirstOrDefaultAsync(ct);
        if (slotId is null)
        {
            return OpdProblem.NotFound("Token", tokenId);
        }

        if (slotId == targetSlotId)
        {
            return OpdProblem.Invalid("targetSlotId", "The patient is already in this slot; choose another one.");
        }

        var source = (await SlotQueues.LoadAsync(db, slotId.Value, ct))!;
        var token = source.Tokens.Single(t => t.Id == tokenId);
        if (!token.Status.IsPending())
        {
            return OpdProblem.Conflict($"{TokenLabels.Format(source.Doctor.LabelPrefix, token.TokenNumber)} is {token.Status.ToString().ToLowerInvariant()}: only a patient not yet called can move.");
        }

        // Read under the write gate (or for a preview): the label counter of the target's day is the one the move takes from.
        var target = await db.Slots.Where(s => s.Id == targetSlotId).Select(Projections.SlotState).SingleOrDefaultAsync(ct);
        if (target is null)
        {
            return OpdProblem.NotFound("Slot", targetSlotId);
        }

        if (!target.TakesTokens(now))
        {
            return OpdProblem.Conflict(target.IsOver(now)
                ? "That slot is already over; choose a later one."
                : $"That slot is {target.Status.ToString().ToLowerInvariant()} and takes no tokens; choose another.");
        }

        var busy = await BusyPatientsAsync(db, [target], source.Date, t => t.Id != tokenId, ct);
        var plan = Reallocator.Plan(source.ToState(), [new PendingToken(token.Id, token.TokenNumber, token.PatientId, token.Source)], [target], now, busy);
        return (source, token, plan);
    }
}

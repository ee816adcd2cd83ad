using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

public sealed partial class TokenService
{
    public Task<Result<TokenView>> CheckInAsync(int tokenId, string by, CancellationToken ct = default) =>
        ChangeStatusAsync(tokenId, TokenStatus.Waiting, null, by, ct);

    public Task<Result<TokenView>> CancelAsync(int tokenId, string? reason, string by, CancellationToken ct = default) =>
        ChangeStatusAsync(tokenId, TokenStatus.Cancelled, reason, by, ct);

    public async Task<Result<TokenView>> ChangeStatusAsync(int tokenId, TokenStatus? status, string? reason, string by, CancellationToken ct = default)
    {
        if (status is not { } to || !Enum.IsDefined(to))
        {
            return OpdProblem.Invalid("status", "Status is required: Waiting, InConsultation, Completed, NoShow or Cancelled.");
        }

        if (reason?.Trim().Length > 200)
        {
            return OpdProblem.Invalid("reason", "Reason must be at most 200 characters.");
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var slotId = await db.Tokens.Where(t => t.Id == tokenId).Select(t => (int?)t.SlotId).FirstOrDefaultAsync(ct);
        if (slotId is null)
        {
            return OpdProblem.NotFound("Token", tokenId);
        }

        var slot = (await SlotQueues.LoadForChangeAsync(db, slotId.Value, ct))!;
        var token = slot.Tokens.Single(t => t.Id == tokenId);
        return await ApplyAsync(db, tx, slot, token, to, Validation.Clean(reason), by, ct);
    }

    /// <summary>The doctor's "next patient": the first checked-in patient in queue order.</summary>
    public async Task<Result<TokenView>> CallNextAsync(int slotId, string by, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var slot = await SlotQueues.LoadForChangeAsync(db, slotId, ct);
        if (slot is null)
        {
            return OpdProblem.NotFound("Slot", slotId);
        }

        var next = SlotQueues.Places(slot, Now()).Values
            .Where(p => p.Status == TokenStatus.Waiting)
            .OrderBy(p => p.Position)
            .FirstOrDefault();
        if (next is null)
        {
            return OpdProblem.Conflict("No checked-in patient is waiting in this slot.");
        }

        var token = slot.Tokens.Single(t => t.Id == next.TokenId);
        return await ApplyAsync(db, tx, slot, token, TokenStatus.InConsultation, null, by, ct);
    }

    private async Task<Result<TokenView>> ApplyAsync(
        OpdDbContext db, WriteTransaction tx,
        Slot slot, Token token, TokenStatus to, string? reason, string by, CancellationToken ct)
    {
        var now = Now();
        var busyWith = slot.Tokens.FirstOrDefault(t => t.Status == TokenStatus.InConsultation && t.Id != token.Id);
        var context = new StatusContext(now, slot.ToState(), token.NoShowAt, Settings.LateArrivalGraceMinutes, reason,
            busyWith is null ? null : StatusRules.Label(busyWith.TokenNumber), token.Source);
        var from = token.Status;
        var decision = Lifecycle.Change(from, to, context);
        switch (decision)
        {
            case Rejected { Kind: RejectionKind.ReasonRequired } rejected:
                return OpdProblem.Invalid("reason", rejected.Reason);
            case Rejected rejected:
                return OpdProblem.Conflict(rejected.Reason, new Dictionary<string, object?> { ["rejection"] = rejected.Kind.ToString() });
            case Moved moved:
                Move(token, moved.To, now, reason);
                token.History.Add(Event(token, now, ActionName(from, moved.To), from, by, reason));
                break;
            case Rejoined rejoined:
                token.Status = TokenStatus.Waiting;
                token.CheckedInAt = now;
                token.NoShowAt = null;
                if (!rejoined.KeepsPlace)
                {
                    token.QueuedAt = now;
                }

                token.History.Add(Event(token, now, "ArrivedLate", from, by, rejoined.KeepsPlace
                    ? $"Arrived within the {Settings.LateArrivalGraceMinutes}-minute grace period; keeps their place"
                    : $"Arrived after the {Settings.LateArrivalGraceMinutes}-minute grace period; joins the back of their class"));
                break;
            default:
                throw new InvalidOperationException($"Unknown decision {decision}");
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        changes.Announce(new OpdChange(slot.Id, token.Id, token.Status.ToString()));
        return (await SlotQueues.ViewAsync(db, token.Id, now, withHistory: false, ct))!;
    }

    private static void Move(Token token, TokenStatus to, DateTime now, string? reason)
    {
        token.Status = to;
        switch (to)
        {
            case TokenStatus.Waiting:
                token.CheckedInAt = now;
                break;
            case TokenStatus.NoShow:
                token.NoShowAt = now;
                break;
            case TokenStatus.Cancelled:
                token.CancellationReason = reason;
                break;
        }
    }

    private static string ActionName(TokenStatus from, TokenStatus to) => to switch
    {
        TokenStatus.Waiting => "CheckedIn",
        TokenStatus.InConsultation => "Called",
        TokenStatus.Completed => "Completed",
        TokenStatus.NoShow => "MarkedNoShow",
        TokenStatus.Cancelled => "Cancelled",
        _ => $"{from}To{to}",
    };

    /// <summary>Marks booked patients who never checked in as no-shows, freeing their seats. Returns how many.</summary>
    public async Task<int> SweepNoShowsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var now = Now();
        var today = DateOnly.FromDateTime(now);

        // A cancelled slot's bookings wait for reallocation; nobody can be late for it.
        var slotIds = await db.Slots
            .Where(s => s.Date <= today && s.Status != SlotStatus.Cancelled && s.Tokens.Any(t => t.Status == TokenStatus.Booked))
            .Select(s => s.Id)
            .ToListAsync(ct);
        var marked = new List<(int SlotId, int TokenId)>();
        foreach (var slotId in slotIds)
        {
            var slot = (await SlotQueues.LoadForChangeAsync(db, slotId, ct))!;
            var entries = slot.Tokens.Select(t => t.ToEntry()).ToList();
            foreach (var tokenId in Queue.OverdueBookings(slot.ToState(), entries, slot.MinutesPerConsultation, now, Settings.NoShowTimeoutMinutes))
            {
                var token = slot.Tokens.Single(t => t.Id == tokenId);
                Move(token, TokenStatus.NoShow, now, null);
                token.History.Add(Event(token, now, "MarkedNoShow", TokenStatus.Booked, "system",
                    $"Not checked in {Settings.NoShowTimeoutMinutes} minutes after the estimated time"));
                marked.Add((slotId, tokenId));
            }
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        foreach (var (slotId, tokenId) in marked)
        {
            changes.Announce(new OpdChange(slotId, tokenId, "NoShow"));
        }

        return marked.Count;
    }
}

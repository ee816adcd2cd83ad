using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

public sealed record IssueRequest(int? SlotId, TokenSource? Source, string? PatientId, string? PatientName, string? PhoneNumber);

public sealed partial class TokenService
{
    public async Task<Result<TokenView>> IssueAsync(IssueRequest request, Actor by, CancellationToken ct = default)
    {
        var result = await IssueAsync(request, by, key: null, ct);
        return result.IsOk ? result.Value!.View : result.Problem!;
    }

    /// <summary>
    /// Issues a token; with a key, a retry of the same request by the same caller gets the first answer back, and
    /// the key with another request is refused, however many copies arrive at once (they queue for the write lock).
    /// </summary>
    public async Task<Result<IssuedToken>> IssueAsync(IssueRequest request, Actor by, IssueKey? key, CancellationToken ct = default)
    {
        var check = new Validation()
            .Require(key is null || IssueKey.IsWellFormed(key.Key), "Idempotency-Key",
                $"Idempotency-Key must be 1 to {IssueKeyLimits.MaxLength} visible ASCII characters.")
            .Name(request.PatientName, "patientName", "Patient name")
            .Phone(request.PhoneNumber)
            .Require(request.PatientId is null || Validation.Clean(request.PatientId) is { Length: <= 40 }, "patientId", "Patient id must be 1 to 40 characters.")
            .Text(request.PatientId, "patientId", "Patient id", 40)
            .Require(request.SlotId is null or > 0, "slotId", "Slot id must be a whole number from 1 up.")
            .Require(request.SlotId is not null, "slotId", "Slot id is required.")
            .Require(request.Source is { } source && Enum.IsDefined(source), "source", "Token source is required: Online, WalkIn, Priority, FollowUp or Emergency.");
        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);

        // Read after the lock, so arrival order and token numbers agree however the desks interleave.
        var now = Now();
        var hash = key is null ? "" : IssueKey.Fingerprint(request);
        if (key is not null && await EarlierAnswerAsync(db, key, hash, now, ct) is { } earlier)
        {
            await tx.DisposeAsync();
            return earlier;
        }

        var slot = await db.Slots.Where(s => s.Id == request.SlotId).Select(Projections.SlotState).SingleOrDefaultAsync(ct);
        if (slot is null)
        {
            return OpdProblem.NotFound("Slot", request.SlotId!.Value);
        }

        // A slot written before the slot rules may lie beyond any date an estimate can reach; it takes no tokens.
        if (slot.Date > DateOnly.FromDateTime(now).AddYears(SlotRules.MaxYearsAhead))
        {
            return OpdProblem.Conflict($"Slot {slot.Id} is dated {slot.Date:yyyy-MM-dd}, more than a year ahead; it takes no tokens.",
                new Dictionary<string, object?> { ["refusal"] = "SlotOutOfRange" });
        }

        var patientId = Validation.Clean(request.PatientId)?.ToUpperInvariant() ?? NewWalkInPatientId();
        var held = await db.Tokens
            .Where(t => t.PatientId == patientId && t.Slot.DoctorId == slot.DoctorId && t.Slot.Date == slot.Date)
            .Where(Projections.IsActive)
            .Select(t => new { t.Id, t.TokenNumber, t.Status, t.Source, t.SlotId, t.Slot.Date, t.Slot.StartTime })
            .FirstOrDefaultAsync(ct) is { } h
            ? new HeldToken(h.Id, h.TokenNumber, h.Status, h.Source, h.SlotId, h.Date.ToDateTime(h.StartTime))
            : null;

        var registered = await db.Patients.FindAsync([patientId], ct);
        if (registered is not null && !SameName(registered.Name, request.PatientName!))
        {
            return OpdProblem.Conflict(
                $"Patient {patientId} is registered as {registered.Name}. Check the patient id, or correct the name in the patient's record first.",
                new Dictionary<string, object?> { ["refusal"] = "PatientMismatch", ["registeredName"] = registered.Name });
        }

        // The doctor's later slots only matter to name an alternative, so they are read only when refusing.
        var decision = TokenDesk.Issue(slot, request.Source!.Value, Settings.Weights, now, held, []);
        if (decision is Refused { Reason.Kind: not RefusalKind.AlreadyHoldsToken })
        {
            var later = await db.Slots
                .Where(s => s.DoctorId == slot.DoctorId && s.Date >= slot.Date && s.Id != slot.Id)
                .Select(Projections.SlotState)
                .ToListAsync(ct);
            decision = TokenDesk.Issue(slot, request.Source!.Value, Settings.Weights, now, held, later);
        }

        if (decision is Refused refused)
        {
            return OpdProblem.Conflict(refused.Reason.Message, new Dictionary<string, object?>
            {
                ["refusal"] = refused.Reason.Kind.ToString(),
                ["alternativeSlotId"] = refused.Reason.AlternativeSlotId,
                ["existingTokenId"] = refused.Reason.ExistingTokenId,
            });
        }

        var (number, score, status, extendedTo, replaces) = decision switch
        {
            Issued i => (i.TokenNumber, i.PriorityScore, i.Status, (int?)null, i.Replaces),
            Extended e => (e.TokenNumber, e.PriorityScore, e.Status, e.NewEffectiveCapacity, e.Replaces),
            _ => throw new InvalidOperationException($"Unknown decision {decision}"),
        };

        SavePatient(db, registered, patientId, request.PatientName!.Trim(), Validation.Clean(request.PhoneNumber));
        await db.Slots.Where(s => s.Id == slot.Id).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.LastTokenNumber, number)
            .SetProperty(s => s.EmergencyExtensions, s => s.EmergencyExtensions + (extendedTo == null ? 0 : 1)), ct);

        var token = new Token
        {
            SlotId = slot.Id,
            PatientId = patientId,
            Source = request.Source!.Value,
            Status = status,
            TokenNumber = number,
            PriorityScore = score,
            IssuedAt = now,
            QueuedAt = now,
            InSlotSince = now,
            CheckedInAt = status == TokenStatus.Waiting ? now : null,
        };
        token.History.Add(Event(token, now, extendedTo is null ? "Issued" : "IssuedOnExtraSeat", null, by, (extendedTo is null
            ? $"{request.Source} token"
            : $"{request.Source} token; slot was full, capacity extended from {slot.EffectiveCapacity} to {extendedTo}")
            + (replaces is null ? "" : $"; replaces booking {StatusRules.Label(replaces.TokenNumber)} of the {replaces.SlotStartsAt:HH:mm} slot")));
        db.Tokens.Add(token);
        if (replaces is not null)
        {
            await CancelReplacedAsync(db, replaces.TokenId, number, now, by, ct);
        }

        await db.SaveChangesAsync(ct);
        var answer = key is null ? null : await RememberAsync(db, key, hash, token.Id, now, ct);
        await tx.CommitAsync(ct);
        changes.Announce(new OpdChange(slot.Id, token.Id, "issued"));
        if (replaces is not null)
        {
            changes.Announce(new OpdChange(replaces.SlotId, replaces.TokenId, TokenStatus.Cancelled.ToString()));
        }

        return answer ?? new IssuedToken((await SlotQueues.ViewAsync(db, token.Id, now, Settings.Weights, withHistory: false, ct))!, null, Replayed: false);
    }

    /// <summary>The booking an emergency replaced is cancelled in the emergency's own write, never left behind.</summary>
    private static async Task CancelReplacedAsync(OpdDbContext db, int bookingId, int emergencyNumber, DateTime now, Actor by, CancellationToken ct)
    {
        var booking = await db.Tokens.SingleAsync(t => t.Id == bookingId, ct);
        var from = booking.Status;
        var reason = $"replaced by emergency token {StatusRules.Label(emergencyNumber)}";
        Move(booking, TokenStatus.Cancelled, now, reason);
        booking.History.Add(Event(booking, now, "Cancelled", from, by, reason));
    }

    private static void SavePatient(OpdDbContext db, Patient? registered, string id, string name, string? phone)
    {
        if (registered is null)
        {
            db.Patients.Add(new Patient { Id = id, Name = name, Phone = phone });
            return;
        }

        // People change phones; the latest number the desk was given is the one to call.
        registered.Phone = phone ?? registered.Phone;
    }

    /// <summary>Spacing and capitals are how a desk types, not a different person.</summary>
    private static bool SameName(string registered, string given) =>
        string.Equals(string.Join(' ', registered.Split(' ', StringSplitOptions.RemoveEmptyEntries)),
            string.Join(' ', given.Split(' ', StringSplitOptions.RemoveEmptyEntries)), StringComparison.OrdinalIgnoreCase);

    /// <summary>Walk-ins often have no hospital number yet; they get one the desk can read out.</summary>
    private static string NewWalkInPatientId() =>
        "WI-" + RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 8);
}

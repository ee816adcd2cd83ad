using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>A slot as the "to contact" list names it: doctor, date and time.</summary>
public sealed record ContactSlot(int SlotId, string DoctorName, DateOnly Date, TimeOnly StartTime);

/// <summary>One patient the desk must call: who, why, the slot they were told, and what happened since.</summary>
/// <param name="Slot">Where the token is now: the cancelled slot itself, or the slot it was moved to.</param>
/// <param name="Stranded">The token still sits in a cancelled slot: the desk moves or cancels it.</param>
public sealed record ContactRow(
    int TokenId,
    string TokenNumber,
    string PatientId,
    string PatientName,
    string? PhoneNumber,
    TokenStatus Status,
    ContactReason Reason,
    string ReasonText,
    ContactSlot OldSlot,
    ContactSlot Slot,
    bool Stranded,
    string WhatHappened);

/// <summary>
/// The desk's "to contact" list: every active token from a date on whose slot was cancelled, whose doctor is on leave,
/// or that was moved to another day, until the desk moves it, cancels it or marks it contacted (<see cref="ContactList"/>).
/// </summary>
public sealed class ContactPatients(IDbContextFactory<OpdDbContext> factory, HospitalClock clock, OpdChanges changes)
{
    public const int MaxDays = 31;

    public const string ContactedAction = "Contacted";

    private static readonly string[] Telling = ["Reallocated", "Moved", SlotEmptying.StrandedAction, ContactedAction];

    /// <summary>The list from <paramref name="from"/> (today when absent) over <paramref name="days"/> days (14 when absent).</summary>
    public async Task<Result<IReadOnlyList<ContactRow>>> ListAsync(string? from, int? days, CancellationToken ct = default)
    {
        var start = clock.Today;
        var check = new Validation()
            .Require(from is null || DateOnly.TryParseExact(from, "yyyy-MM-dd", out start), "from", "The first day must be a date written YYYY-MM-DD.")
            .Require(days is null or >= 1 and <= MaxDays, "days", $"days must be a whole number from 1 to {MaxDays}.");
        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        return new Result<IReadOnlyList<ContactRow>>(await RowsAsync(db, start, start.AddDays(days ?? 14), null, ct), null);
    }

    /// <summary>The desk's whole list, from today on however far ahead: a row leaves it only by the desk's action, never by a window.</summary>
    public async Task<IReadOnlyList<ContactRow>> FromTodayAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await RowsAsync(db, clock.Today, DateOnly.MaxValue, null, ct);
    }

    /// <summary>The desk reached the patient: the note goes into the token's history, and the token leaves the list.</summary>
    public async Task<Result<ContactRow>> MarkContactedAsync(int tokenId, string? note, Actor by, CancellationToken ct = default)
    {
        var check = new Validation()
            .Require(!string.IsNullOrWhiteSpace(note), "note", "Write what was agreed with the patient, in at most 200 characters.")
            .Text(note, "note", "The note", 200);
        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var token = await db.Tokens.Include(t => t.Slot).FirstOrDefaultAsync(t => t.Id == tokenId, ct);
        if (token is null)
        {
            return OpdProblem.NotFound("Token", tokenId);
        }

        var row = (await RowsAsync(db, DateOnly.MinValue, DateOnly.MaxValue, tokenId, ct)).SingleOrDefault();
        if (row is null)
        {
            return OpdProblem.Conflict("This patient is not on the to-contact list: nothing changed their visit since the desk last spoke to them.");
        }

        var now = clock.Now;
        token.History.Add(TokenWrites.Event(token, now, ContactedAction, token.Status, by, Validation.Clean(note)));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        changes.Announce(new OpdChange(token.SlotId, token.Id, ContactedAction));
        return row;
    }

    private static async Task<IReadOnlyList<ContactRow>> RowsAsync(OpdDbContext db, DateOnly from, DateOnly until, int? onlyToken, CancellationToken ct)
    {
        var leaves = await db.Leaves.AsNoTracking().Where(l => l.To >= from && l.From < until || onlyToken != null)
            .Select(l => new { l.DoctorId, l.From, l.To, l.Reason }).ToListAsync(ct);
        var onLeaveDoctors = leaves.Select(l => l.DoctorId).Distinct().ToList();
        bool OnLeave(int doctorId, DateOnly date) => leaves.Any(l => l.DoctorId == doctorId && l.From <= date && date <= l.To);

        // Only tokens something happened to are read with their history; a quiet day costs one indexed query.
        var candidates = await db.Tokens.AsNoTracking()
            .Where(t => onlyToken == null || t.Id == onlyToken)
            .Where(t => t.Slot.Date >= from && t.Slot.Date < until)
            .Where(Projections.IsActive)
            .Where(t => t.Slot.Status == SlotStatus.Cancelled || onLeaveDoctors.Contains(t.Slot.DoctorId)
                || t.History.Any(e => Telling.Contains(e.Action)))
            .Select(t => new
            {
                t.Id, t.TokenNumber, t.PatientId, PatientName = t.Patient.Name, t.Patient.Phone, t.Status, t.SlotId, t.Slot.Doctor.LabelPrefix,
                History = t.History.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => new { e.Action, e.SlotId, e.Reason }).ToList(),
            })
            .ToListAsync(ct);
        if (candidates.Count == 0)
        {
            return [];
        }

        var slotIds = candidates.SelectMany(c => c.History.Select(e => e.SlotId).Append(c.SlotId)).Distinct().ToList();
        var slots = await db.Slots.AsNoTracking().Where(s => slotIds.Contains(s.Id))
            .Select(s => new { s.Id, s.DoctorId, DoctorName = s.Doctor.Name, s.Date, s.StartTime, s.Status, s.StatusReason })
            .ToDictionaryAsync(s => s.Id, ct);
        ContactSlot Named(int id) => new(id, slots[id].DoctorName, slots[id].Date, slots[id].StartTime);
        bool Cancelled(int id) => slots[id].Status == SlotStatus.Cancelled;
        bool Away(int id) => OnLeave(slots[id].DoctorId, slots[id].Date);

        var rows = new List<ContactRow>();
        foreach (var token in candidates)
        {
            // Each step is judged by the slot the token was in before it: the slot of the line before.
            var steps = token.History.Select((e, i) =>
            {
                var before = i == 0 ? e.SlotId : token.History[i - 1].SlotId;
                return e.Action switch
                {
                    "Reallocated" => new ContactStep(ContactStepKind.Reallocated, Cancelled(before), Away(before), slots[before].Date != slots[e.SlotId].Date),
                    "Moved" => new ContactStep(ContactStepKind.DeskMove, Cancelled(before), Away(before), slots[before].Date != slots[e.SlotId].Date),
                    SlotEmptying.StrandedAction => new ContactStep(ContactStepKind.LeftInCancelledSlot, Cancelled(e.SlotId), Away(e.SlotId)),
                    ContactedAction => new ContactStep(ContactStepKind.Contacted),
                    _ => new ContactStep(ContactStepKind.Other),
                };
            }).ToList();
            if (ContactList.Decide(steps, Cancelled(token.SlotId), Away(token.SlotId)) is not ToContact contact)
            {
                continue;
            }

            var moved = contact.Step is { } i && steps[i].Kind is ContactStepKind.Reallocated or ContactStepKind.DeskMove;
            var old = moved ? token.History[contact.Step!.Value - 1].SlotId : token.SlotId;
            var now = Named(token.SlotId);
            var stranded = Cancelled(token.SlotId);
            rows.Add(new ContactRow(
                token.Id, TokenLabels.Format(token.LabelPrefix, token.TokenNumber), token.PatientId, token.PatientName, token.Phone, token.Status,
                contact.Reason, ReasonText(contact.Reason, slots[old].DoctorName, slots[old].StatusReason), Named(old), now, stranded,
                stranded ? "Left in the cancelled slot: no colleague's slot that day could take the patient."
                : moved ? $"Moved to {now.DoctorName} on {now.Date:ddd d MMM} at {now.StartTime:HH\\:mm}."
                : $"{now.DoctorName} is on leave that day; the slot was kept."));
        }

        return rows.OrderBy(r => r.Slot.Date).ThenBy(r => r.Slot.StartTime).ThenBy(r => r.TokenNumber).ToList();
    }

    private static string ReasonText(ContactReason reason, string doctorName, string? slotReason) => reason switch
    {
        ContactReason.DoctorOnLeave => $"{doctorName} is on leave",
        ContactReason.SlotCancelled => string.IsNullOrWhiteSpace(slotReason) ? "Slot cancelled" : $"Slot cancelled: {slotReason}",
        ContactReason.MovedToAnotherDay => "Moved to another day",
        _ => throw new InvalidOperationException($"Unknown reason {reason}"),
    };
}

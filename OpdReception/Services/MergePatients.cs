using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>
/// Two records of one person become one: the tokens and the history of the record merged move to the record kept,
/// each record gets an audit line, and the merged one keeps <see cref="Patient.MergedIntoId"/> so it is still found
/// and points to the other. One transaction: a merge happens whole or not at all.
/// </summary>
public sealed class MergePatients(IDbContextFactory<OpdDbContext> factory, HospitalClock clock, PatientRecords records, OpdChanges changes)
{
    public async Task<Result<PatientRecordView>> MergeAsync(string? keepId, string? fromId, string? reason, Actor by, CancellationToken ct = default)
    {
        var (keepOk, fromOk) = (PatientRecords.IdOf(keepId, "id"), PatientRecords.IdOf(fromId, "from"));
        var check = new Validation()
            .Require(keepOk.IsOk, "id", keepOk.Problem?.Detail ?? "")
            .Require(fromOk.IsOk, "from", fromOk.Problem?.Detail ?? "")
            .Text(reason, "reason", "Reason", 200);
        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        var (keeping, merging) = (keepOk.Value!, fromOk.Value!);
        var now = clock.Now;
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var patients = await db.Patients.Where(p => p.Id == keeping || p.Id == merging).ToListAsync(ct);
        if (patients.FirstOrDefault(p => p.Id == keeping) is not { } keep)
        {
            return OpdProblem.NotFound("Patient", keeping);
        }

        if (patients.FirstOrDefault(p => p.Id == merging) is not { } from)
        {
            return new OpdProblem(ProblemKind.NotFound, $"Patient {merging} does not exist: check the hospital number to merge.",
                new Dictionary<string, string[]> { ["from"] = [$"Patient {merging} does not exist."] });
        }

        var active = await db.Tokens.Where(t => t.PatientId == keeping || t.PatientId == merging).Where(Projections.IsActive)
            .Select(t => new { t.PatientId, t.Slot.DoctorId, t.Slot.Date, t.Slot.Doctor.LabelPrefix, t.TokenNumber })
            .ToListAsync(ct);
        MergeSide Side(Patient p) => new(p.Id, p.MergedIntoId, active.Where(t => t.PatientId == p.Id)
            .Select(t => new ActiveDay(t.DoctorId, t.Date, TokenLabels.Format(t.LabelPrefix, t.TokenNumber))).ToList());
        switch (PatientMerge.Decide(Side(keep), Side(from), reason))
        {
            case MergeRefused { Kind: MergeRefusal.ReasonMissing or MergeRefusal.SameRecord } refused:
                return OpdProblem.Invalid(refused.Field, refused.Reason);
            case MergeRefused refused:
                return OpdProblem.Conflict(refused.Reason, new Dictionary<string, object?> { ["refusal"] = refused.Kind.ToString(), ["field"] = refused.Field });
            case MergeAllowed:
                break;
            case var decision:
                throw new InvalidOperationException($"Unknown decision {decision}");
        }

        var why = Validation.Clean(reason)!;
        var tokens = await db.Tokens.Where(t => t.PatientId == merging).ToListAsync(ct);
        var history = await db.PatientEvents.Where(e => e.PatientId == merging).ToListAsync(ct);
        // Records merged into this one earlier now point at the record kept, so none points at a merged record.
        var earlier = await db.Patients.Where(p => p.MergedIntoId == merging).ToListAsync(ct);
        tokens.ForEach(t => t.PatientId = keeping);
        history.ForEach(e => e.PatientId = keeping);
        earlier.ForEach(p => p.MergedIntoId = keeping);
        from.MergedIntoId = keeping;
        var kept = new MessageContact(keep.Language, keep.Email, keep.MessagesOptOut);
        var contact = MessageContact.Merge(kept, new MessageContact(from.Language, from.Email, from.MessagesOptOut));
        var taken = MessageContact.Taken(kept, contact);
        (keep.Language, keep.Email, keep.MessagesOptOut) = (contact.Language, contact.Email, contact.OptOut);
        db.PatientEvents.AddRange(
            Audit(keeping, now, by, "MergedFrom",
                $"{merging} ({from.Name}) merged into this record: {why}. {tokens.Count} token(s) and {history.Count} history line(s) moved here."
                + (taken.Count > 0 ? $" Taken from it: {string.Join(", ", taken)}." : "")),
            Audit(merging, now, by, "MergedInto", $"Merged into {keeping} ({keep.Name}): {why}."));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await PatientChanges.AnnounceAsync(db, changes, [keeping], clock.Today, "PatientsMerged", ct);
        return (await records.ReadAsync(db, keeping, ct))!;
    }

    private static PatientEvent Audit(string patientId, DateTime at, Actor by, string action, string details) => new()
    {
        PatientId = patientId, At = at, By = by.Name, ByUserId = by.UserId, Action = action, Details = details,
    };
}

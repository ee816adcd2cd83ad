using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpdReception.Data;

namespace OpdReception.Services;

/// <summary>What the retention sweep erased in one run.</summary>
public sealed record RetentionRun(int SlotsSwept, int PatientsErased);

/// <summary>
/// Erases a patient's name, phone, address, ABHA and date of birth, and the history lines that quoted them; the
/// record, its hospital number, sex and tokens stay, anonymised, so the reports still count every visit. On request
/// by an admin (with a reason, in the admin's record), and by the daily sweep once the last visit is
/// <c>Opd:PatientDataRetentionYears</c> old.
/// </summary>
public sealed class ErasePatients(
    IDbContextFactory<OpdDbContext> factory, HospitalClock clock, IOptionsMonitor<OpdOptions> options, PatientRecords records, OpdChanges changes)
{
    /// <summary>What an erased record is called on every screen and answer.</summary>
    public const string ErasedName = "Erased";

    /// <summary>Slots the sweep looks at per run: a backlog (the first run on a long history) is worked off run by run.</summary>
    public const int SlotsPerRun = 500;

    public async Task<Result<PatientRecordView>> EraseAsync(string? id, string? reason, Actor by, CancellationToken ct = default)
    {
        var idOf = PatientRecords.IdOf(id, "id");
        if (!idOf.IsOk)
        {
            return idOf.Problem!;
        }

        var check = new Validation()
            .Require(!string.IsNullOrWhiteSpace(reason), "reason", "A reason is required: say who asked and how (for the admin's record).")
            .Text(reason, "reason", "Reason", 200);
        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        var patientId = idOf.Value!;
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var patient = await db.Patients.FirstOrDefaultAsync(p => p.Id == patientId, ct);
        if (patient is null)
        {
            return OpdProblem.NotFound("Patient", patientId);
        }

        if (patient.ErasedAt is not null)
        {
            return OpdProblem.Conflict($"Patient {patientId}'s details were already erased on {patient.ErasedAt:d MMM yyyy}.",
                new Dictionary<string, object?> { ["refusal"] = "AlreadyErased" });
        }

        var now = clock.Now;
        await EraseAsync(db, [patient], now, ct);
        var why = reason!.Trim();
        db.PatientEvents.Add(new PatientEvent
        {
            PatientId = patientId, At = now, By = by.Name, ByUserId = by.UserId, Action = "Erased", Details = $"Details erased on request: {why}",
        });
        AdminRecord.Add(db, now, by, "Patient", patientId, $"Erased the patient's name, phone, address, ABHA and date of birth on request: {why}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await PatientChanges.AnnounceAsync(db, changes, [patientId], clock.Today, "PatientErased", ct);
        return (await records.ReadAsync(db, patientId, ct))!;
    }

    /// <summary>
    /// One run of the daily sweep: the closed days that crossed the retention line since the last run, found through
    /// a partial index of the slots not yet swept, so its cost is those days, not the history. A patient with a visit
    /// after the line keeps their details until that visit crosses it too.
    /// </summary>
    public async Task<RetentionRun> SweepAsync(CancellationToken ct = default)
    {
        var now = clock.Now;
        var cutoff = clock.Today.AddYears(-options.CurrentValue.PatientDataRetentionYears);
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var slotIds = await DueSlots(db, cutoff).Take(SlotsPerRun).Select(s => s.Id).ToListAsync(ct);
        if (slotIds.Count == 0)
        {
            return new RetentionRun(0, 0);
        }

        var patientIds = await db.Tokens.Where(t => slotIds.Contains(t.SlotId)).Select(t => t.PatientId).Distinct().ToListAsync(ct);
        var stillVisiting = await db.Tokens.Where(t => patientIds.Contains(t.PatientId) && t.Slot.Date >= cutoff)
            .Select(t => t.PatientId).Distinct().ToListAsync(ct);
        var erased = await db.Patients.Where(p => patientIds.Contains(p.Id) && !stillVisiting.Contains(p.Id) && p.ErasedAt == null).ToListAsync(ct);
        await EraseAsync(db, erased, now, ct);
        db.PatientEvents.AddRange(erased.Select(p => new PatientEvent
        {
            PatientId = p.Id, At = now, By = "system", Action = "Erased",
            Details = $"Details erased: last visit more than {options.CurrentValue.PatientDataRetentionYears} years ago",
        }));
        await db.SaveChangesAsync(ct);
        await db.Slots.Where(s => slotIds.Contains(s.Id)).ExecuteUpdateAsync(s => s.SetProperty(x => x.RetentionSweptAt, now), ct);
        await tx.CommitAsync(ct);
        return new RetentionRun(slotIds.Count, erased.Count);
    }

    /// <summary>Closed slots before the line that the sweep has not looked at yet, oldest first.</summary>
    internal static IQueryable<Slot> DueSlots(OpdDbContext db, DateOnly cutoff) =>
        db.Slots.Where(s => s.RetentionSweptAt == null && s.Date < cutoff && s.DayClosedAt != null).OrderBy(s => s.Date);

    /// <summary>The details go, and with them every earlier history line, which may quote them ("Phone changed from …").</summary>
    private static async Task EraseAsync(OpdDbContext db, IReadOnlyList<Patient> patients, DateTime now, CancellationToken ct)
    {
        foreach (var patient in patients)
        {
            (patient.Name, patient.Phone, patient.BirthDate, patient.BirthDateIsApproximate, patient.Address, patient.AbhaNumber, patient.AbhaAddress, patient.ErasedAt) =
                (ErasedName, null, null, false, null, null, null, now);
            // An erased patient is reached by nobody: the email goes, and so do messages to the phone that is gone.
            (patient.Email, patient.Language, patient.MessagesOptOut) = (null, null, true);
        }

        var ids = patients.Select(p => p.Id).ToList();
        if (ids.Count > 0)
        {
            await db.PatientEvents.Where(e => ids.Contains(e.PatientId) && e.Details != null)
                .ExecuteUpdateAsync(e => e.SetProperty(x => x.Details, "(erased)"), ct);

            // The desk's notes of a call ("spoke to her son on …") are about the person; the tokens' other lines are the OPD's.
            var tokenIds = await db.Tokens.Where(t => ids.Contains(t.PatientId)).Select(t => t.Id).ToListAsync(ct);
            await db.TokenEvents.Where(e => tokenIds.Contains(e.TokenId) && e.Action == ContactPatients.ContactedAction && e.Reason != null)
                .ExecuteUpdateAsync(e => e.SetProperty(x => x.Reason, "(erased)"), ct);

            // The messages sent keep what happened, not where they went: the phone or email is the person's.
            await db.OutboxMessages.Where(m => tokenIds.Contains(m.TokenId)).ExecuteUpdateAsync(m => m.SetProperty(x => x.Recipient, "(erased)"), ct);
        }
    }
}

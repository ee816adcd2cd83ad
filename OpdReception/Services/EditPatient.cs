using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>
/// The desk corrects a patient's record: validated field by field, then one history line per field that changed
/// (<see cref="PatientEdits"/>), in one transaction.
/// </summary>
public sealed class EditPatient(IDbContextFactory<OpdDbContext> factory, HospitalClock clock, PatientRecords records, OpdChanges changes)
{
    public async Task<Result<PatientRecordView>> EditAsync(string? id, PatientEdit? edit, Actor by, CancellationToken ct = default)
    {
        var idOf = PatientRecords.IdOf(id, "id");
        if (!idOf.IsOk)
        {
            return idOf.Problem!;
        }

        var patientId = idOf.Value!;

        if (edit is null)
        {
            return OpdProblem.Invalid("body", "Send the record's fields: name, phone, sex, birthDate or age, address, abhaNumber, abhaAddress (and language, email, messagesOptOut).");
        }

        var today = clock.Today;
        if (Check(edit, today) is { IsValid: false } invalid)
        {
            return invalid.ToProblem();
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var patient = await db.Patients.FirstOrDefaultAsync(p => p.Id == patientId, ct);
        if (patient is null)
        {
            return OpdProblem.NotFound("Patient", patientId);
        }

        if (patient.MergedIntoId is { } kept)
        {
            return OpdProblem.Conflict($"{patientId} was merged into {kept}: correct {kept} instead.",
                new Dictionary<string, object?> { ["refusal"] = "MergedRecord", ["mergedIntoId"] = kept });
        }

        var before = Details(patient);
        var after = Apply(edit, before, today);
        var changed = PatientEdits.Between(before, after);
        if (changed.Count > 0)
        {
            (patient.Name, patient.Phone, patient.Sex, patient.BirthDate, patient.BirthDateIsApproximate, patient.Address, patient.AbhaNumber, patient.AbhaAddress) =
                (after.Name, after.Phone, after.Sex, after.BirthDate, after.BirthDateIsApproximate, after.Address, after.AbhaNumber, after.AbhaAddress);
            (patient.Language, patient.Email, patient.MessagesOptOut) = (after.Language, after.Email, after.MessagesOptOut);
            var now = clock.Now;
            db.PatientEvents.AddRange(changed.Select(c => new PatientEvent
            {
                PatientId = patientId, At = now, By = by.Name, ByUserId = by.UserId, Action = "Edited", Details = c.Words,
            }));
            await db.SaveChangesAsync(ct);
        }

        await tx.CommitAsync(ct);
        if (changed.Count > 0)
        {
            await PatientChanges.AnnounceAsync(db, changes, [patientId], today, "PatientEdited", ct);
        }

        return (await records.ReadAsync(db, patientId, ct))!;
    }

    internal static PatientRecordFields Details(Patient p) =>
        new(p.Name, p.Phone, p.Sex, p.BirthDate, p.BirthDateIsApproximate, p.Address, p.AbhaNumber, p.AbhaAddress, p.Language, p.Email, p.MessagesOptOut);

    /// <summary>
    /// The record as the edit says it should read. An age sent again unchanged keeps the birth date it came from, so a
    /// form saved as it was shown writes no history.
    /// </summary>
    private static PatientRecordFields Apply(PatientEdit edit, PatientRecordFields before, DateOnly today)
    {
        var (born, approximate) = edit switch
        {
            { BirthDate: { } date } => (date, false),
            { Age: { } years } when before.BirthDate is { } old && PatientFacts.AgeOn(old, today) == years => (old, before.BirthDateIsApproximate),
            { Age: { } years } => (PatientFacts.BirthDateForAge(years, today), true),
            _ => ((DateOnly?)null, false),
        };
        return new PatientRecordFields(
            Validation.Clean(edit.Name)!, Validation.Clean(edit.Phone), edit.Sex, born, approximate,
            Validation.Clean(edit.Address), AbhaDigits(edit.AbhaNumber), Validation.Clean(edit.AbhaAddress) is { } abha ? PatientFacts.AbhaAddress(abha) : null,
            // The message fields came after the others: a caller that does not send them leaves them as they are.
            edit.Language is null ? before.Language : Validation.Clean(edit.Language) is { } language ? MessageLanguages.Code(language) : null,
            edit.Email is null ? before.Email : Validation.Clean(edit.Email) is { } email ? PatientEmail.Parse(email) : null,
            edit.MessagesOptOut ?? before.MessagesOptOut);
    }

    /// <summary>The same checks as a new patient's details when issuing (<see cref="Validation.Patient"/>), and a name.</summary>
    private static Validation Check(PatientEdit edit, DateOnly today) => new Validation()
        .Name(edit.Name, "name", "Patient name")
        .Text(edit.Phone, "phone", "Phone number", 20)
        .Phone(edit.Phone, "phone")
        .Patient(new PatientDetails(edit.Sex, edit.Age, edit.BirthDate, edit.Address, edit.AbhaNumber, edit.AbhaAddress, edit.Language, edit.Email), today);

    /// <summary>Spaces and dashes are how the card prints the number; the record keeps the 14 digits.</summary>
    private static string? AbhaDigits(string? typed) => Validation.Clean(typed) is { } text ? PatientFacts.AbhaDigits(text) : null;
}

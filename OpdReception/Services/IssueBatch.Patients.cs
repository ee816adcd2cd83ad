using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>Who a request is for, and the token row its answer is made from.</summary>
internal sealed partial class IssueBatch
{
    /// <summary>The patient a request is for: one on record, or a new one with the next hospital number.</summary>
    private sealed record Whom(string PatientId, PatientRecord? Registered);

    /// <summary>
    /// Finds the patient on record, or makes sure a new one is new: read in the writer's transaction, so two desks
    /// issuing the same new patient at once make one record, and the second desk is asked "is this the same patient?".
    /// </summary>
    private Result<Whom> Patient(IssueRequest request, DateOnly today)
    {
        var pattern = settings.HospitalNumbers;
        if (Validation.Clean(request.PatientId)?.ToUpperInvariant() is { } given)
        {
            // Looked up before its form is judged: records made before the pattern keep their numbers.
            if (sql.Patient(given) is not { } registered)
            {
                return pattern.IsWellFormed(given)
                    ? OpdProblem.NotFound("Patient", given) with
                    {
                        Detail = $"Patient {given} (patientId) is not on record. Check the hospital number, or leave patientId out for a new patient.",
                        Extensions = new Dictionary<string, object?> { ["field"] = "patientId" },
                    }
                    : OpdProblem.Invalid("patientId", $"Patient id must be a hospital number: {pattern.Describe()}.");
            }

            if (registered.MergedIntoId is { } kept)
            {
                return OpdProblem.Conflict($"Patient {given}'s record was merged into {kept}. Issue the token to {kept}.",
                    new Dictionary<string, object?> { ["refusal"] = "PatientMerged", ["mergedInto"] = kept });
            }

            if (!SameName(registered.Name, request.PatientName!) && !PatientDuplicates.NamesAreSimilar(registered.Name, request.PatientName!))
            {
                return OpdProblem.Conflict(
                    $"Patient {given} is registered as {registered.Name}. Check the patient id, or correct the name in the patient's record first.",
                    new Dictionary<string, object?> { ["refusal"] = "PatientMismatch", ["registeredName"] = registered.Name });
            }

            if (request.ByBookingSite && PortalBooking.Check(registered.Phone, request.PhoneNumber) is PhoneDiffers)
            {
                return OpdProblem.Conflict(
                    "This patient's phone on record differs (phoneNumber); the desk corrects the record. Ask the patient to call or visit the hospital.",
                    new Dictionary<string, object?> { ["refusal"] = "PhoneDiffers", ["field"] = "phoneNumber" });
            }

            return new Whom(given, registered);
        }

        if (!request.NewPatient && PatientFacts.PhoneKey(request.PhoneNumber) is { } phone
            && PatientDuplicates.Check(request.PatientName!, sql.PatientsWithPhone(phone)) is PossibleDuplicates found)
        {
            return OpdProblem.Conflict(
                $"A patient with a similar name and the same phone is already on record ({string.Join(", ", found.Candidates.Select(c => $"{c.Name}, {c.Id}"))}). "
                + "Send the one it is as patientId, or \"newPatient\": true if this is somebody else.",
                new Dictionary<string, object?>
                {
                    ["refusal"] = "PossibleDuplicatePatient",
                    ["candidates"] = found.Candidates.Select(c => new DuplicateCandidate(
                        c.Id, c.Name, c.BirthDate is { } born ? PatientFacts.AgeOn(born, today) : null, c.Sex, c.LastVisit)).ToList(),
                });
        }

        return pattern.Next(sql.HighestNumber(pattern)) is { } next
            ? new Whom(next, null)
            : OpdProblem.Conflict($"Every hospital number of the pattern {pattern.Describe()} is given; an admin must widen it (Opd:HospitalNumberDigits).",
                new Dictionary<string, object?> { ["refusal"] = "HospitalNumbersUsedUp" });
    }

    /// <summary>Writes the new patient, or fills what the record lacks, each with its line of the patient's history.</summary>
    private void Record(PendingIssue pending, Whom whom, string name, string? phone, string label, DateTime now)
    {
        var fields = Fields(pending.Request.Details, DateOnly.FromDateTime(now));
        if (whom.Registered is not { } registered)
        {
            sql.AddPatient(whom.PatientId, name, phone, fields);
            sql.AddPatientEvent(new NewPatientEvent(whom.PatientId, now, pending.By.Name, pending.By.UserId, "Created",
                $"New patient, registered with token {label}" + (fields.MessagesOptOut ? "; messages turned off at the desk" : "")));
            return;
        }

        if (pending.Request.ByBookingSite)
        {
            return;
        }

        if (phone is not null && phone != registered.Phone)
        {
            // People change phones; the latest number the desk was given is the one to call.
            sql.SetPhone(whom.PatientId, phone);
            sql.AddPatientEvent(new NewPatientEvent(whom.PatientId, now, pending.By.Name, pending.By.UserId, "Edited",
                $"Phone changed from {registered.Phone ?? "none"} to {phone}"));
        }

        var filled = Gaps(registered, fields);
        if (filled.Count > 0)
        {
            sql.FillGaps(whom.PatientId, fields);
            sql.AddPatientEvent(new NewPatientEvent(whom.PatientId, now, pending.By.Name, pending.By.UserId, "Edited",
                string.Join("; ", filled)));
        }
    }

    /// <summary>The details as written: an age becomes an approximate date of birth, ABHA in one spelling.</summary>
    private static PatientFields Fields(PatientDetails? details, DateOnly today) => details is null
        ? new PatientFields(null, null, false, null, null, null)
        : new PatientFields(
            details.Sex,
            details.BirthDate ?? (details.Age is { } age ? PatientFacts.BirthDateForAge(age, today) : null),
            details.BirthDate is null && details.Age is not null,
            Validation.Clean(details.Address),
            Validation.Clean(details.AbhaNumber) is { } number ? PatientFacts.AbhaDigits(number) : null,
            Validation.Clean(details.AbhaAddress) is { } address ? PatientFacts.AbhaAddress(address) : null,
            Validation.Clean(details.Language) is { } language ? MessageLanguages.Code(language) : null,
            Validation.Clean(details.Email) is { } email ? PatientEmail.Parse(email) : null,
            details.MessagesOptOut == true);

    /// <summary>What the given details add to a record that lacks them, in the history's words.</summary>
    private static List<string> Gaps(PatientRecord registered, PatientFields fields)
    {
        var filled = new List<string>();
        if (registered.Sex is null && fields.Sex is { } sex)
        {
            filled.Add($"Sex set to {PatientFacts.Word(sex)}");
        }

        if (registered.BirthDate is null && fields.BirthDate is { } born)
        {
            filled.Add(fields.BirthDateIsApproximate ? $"Date of birth set to about {born:yyyy}" : $"Date of birth set to {born:yyyy-MM-dd}");
        }

        if (registered.Address is null && fields.Address is { } address)
        {
            filled.Add($"Address set to {address}");
        }

        if (registered.AbhaNumber is null && fields.AbhaNumber is { } abha)
        {
            filled.Add($"ABHA number set to {PatientFacts.ShowAbha(abha)}");
        }

        if (registered.AbhaAddress is null && fields.AbhaAddress is { } abhaAddress)
        {
            filled.Add($"ABHA address set to {abhaAddress}");
        }

        if (registered.Language is null && fields.Language is { } language)
        {
            filled.Add($"Language set to {MessageLanguages.Name(language)}");
        }

        if (registered.Email is null && fields.Email is { } email)
        {
            filled.Add($"Email set to {email}");
        }

        if (!registered.MessagesOptOut && fields.MessagesOptOut)
        {
            filled.Add("Messages turned off at the desk");
        }

        return filled;
    }

    /// <summary>The token as the answer's projection reads it; nothing here is tracked or saved.</summary>
    private static Token Entity(
        int id, IssueSlot slot, string patientId, string name, string? phone, TokenSource source, TokenStatus status, int number, int score, DateTime now, string code) => new()
    {
        Id = id,
        SlotId = slot.State.Id,
        Slot = new Slot
        {
            Id = slot.State.Id,
            DoctorId = slot.State.DoctorId,
            Date = slot.State.Date,
            StartTime = slot.State.Start,
            EndTime = slot.State.End,
            Status = slot.State.Status,
            Doctor = new Doctor { Id = slot.State.DoctorId, Name = slot.DoctorName, Specialization = "", LabelPrefix = slot.State.LabelPrefix },
        },
        PatientId = patientId,
        Patient = new Patient { Id = patientId, Name = name, Phone = phone },
        Source = source,
        Status = status,
        TokenNumber = number,
        PriorityScore = score,
        IssuedAt = now,
        QueuedAt = now,
        InSlotSince = now,
        CheckedInAt = status == TokenStatus.Waiting ? now : null,
        Code = code,
    };

    /// <summary>Spacing and capitals are how a desk types, not a different person.</summary>
    private static bool SameName(string registered, string given) =>
        string.Equals(string.Join(' ', registered.Split(' ', StringSplitOptions.RemoveEmptyEntries)),
            string.Join(' ', given.Split(' ', StringSplitOptions.RemoveEmptyEntries)), StringComparison.OrdinalIgnoreCase);
}

/// <summary>A patient on record the new one may be: the desk asks "is this the same patient?".</summary>
public sealed record DuplicateCandidate(string Id, string Name, int? Age, Sex? Sex, DateOnly? LastVisit);

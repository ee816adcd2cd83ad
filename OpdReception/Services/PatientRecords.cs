using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>
/// What the desk reads about patients beyond a name: their tokens of today (the search's check-in) and their record.
/// Reads only; a check-in goes through <see cref="ChangeTokenStatus"/>.
/// </summary>
public sealed class PatientRecords(IDbContextFactory<OpdDbContext> factory, HospitalClock clock, IOptionsMonitor<OpdOptions> options)
{
    /// <summary>
    /// What the desk's search shows under each match: the patient's tokens of their doctors' OPD day (a session run
    /// past midnight still counts as today), earliest slot first, and the record a merged one went into. Two queries
    /// by index, whatever the history.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, MatchFacts>> MatchFactsAsync(IReadOnlyCollection<string> patientIds, CancellationToken ct = default)
    {
        if (patientIds.Count == 0)
        {
            return new Dictionary<string, MatchFacts>();
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var days = await OpdDays.OfDoctorsAsync(db, null, clock.Now, options.CurrentValue, ct);
        var rows = await TodayTokens(db, patientIds, days.Calendar, days.Yesterday).ToListAsync(ct);
        var merged = await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id) && p.MergedIntoId != null)
            .ToDictionaryAsync(p => p.Id, p => p.MergedIntoId, ct);
        var today = rows.Where(r => days.Holds(r.DoctorId, r.Date)).ToLookup(r => r.PatientId, r => r.Token);
        return patientIds.ToDictionary(id => id, id => new MatchFacts(
            today[id].OrderBy(t => t.SlotStart).ThenBy(t => t.Id).ToList(), merged.GetValueOrDefault(id)));
    }

    /// <summary>How many visits of other days the record shows, newest first; the token history has the rest.</summary>
    public const int OtherDaysShown = 20;

    /// <summary>
    /// The record, today's tokens (a token still waiting with its position and estimate), the visits of other days and
    /// the record's history. A merged record is still found, and says where it went.
    /// </summary>
    public async Task<Result<PatientRecordView>> RecordAsync(string? id, CancellationToken ct = default)
    {
        var idOf = IdOf(id, "id");
        if (!idOf.IsOk)
        {
            return idOf.Problem!;
        }

        var patientId = idOf.Value!;
        await using var db = await factory.CreateDbContextAsync(ct);
        return await ReadAsync(db, patientId, ct) is { } record ? record : OpdProblem.NotFound("Patient", patientId);
    }

    /// <summary>A hospital number as the record is keyed: trimmed, in capitals; refused with the field named when it cannot be one.</summary>
    internal static Result<string> IdOf(string? typed, string field) =>
        Validation.Clean(typed) is { Length: <= 40 } id && TextRules.Problem(id) is null
            ? id.ToUpperInvariant()
            : OpdProblem.Invalid(field, "A hospital number is required here, at most 40 characters, without control or direction characters.");

    internal async Task<PatientRecordView?> ReadAsync(OpdDbContext db, string patientId, CancellationToken ct)
    {
        var patient = await db.Patients.AsNoTracking().FirstOrDefaultAsync(p => p.Id == patientId, ct);
        if (patient is null)
        {
            return null;
        }

        var now = clock.Now;
        var days = await OpdDays.OfDoctorsAsync(db, null, now, options.CurrentValue, ct);
        var todayIds = (await TodayTokens(db, [patientId], days.Calendar, days.Yesterday).ToListAsync(ct))
            .Where(r => days.Holds(r.DoctorId, r.Date)).Select(r => r.Id).ToList();
        var today = new List<TokenView>();
        foreach (var tokenId in todayIds)
        {
            // The same view the board shows: a waiting patient's position and estimate come from the doctor's day.
            today.Add((await SlotQueues.ViewAsync(db, tokenId, now, options.CurrentValue.Weights, options.CurrentValue.Estimates, withHistory: false, ct))!);
        }

        var otherDays = await db.Tokens.AsNoTracking()
            .Where(t => t.PatientId == patientId && !todayIds.Contains(t.Id))
            .OrderByDescending(t => t.Slot.Date).ThenByDescending(t => t.Slot.StartTime).ThenByDescending(t => t.Id)
            .Take(OtherDaysShown)
            .Select(t => new { t.Id, t.Slot.Date, t.Slot.StartTime, t.Slot.Doctor.Name, t.Slot.Doctor.LabelPrefix, t.TokenNumber, t.Status, t.Source })
            .ToListAsync(ct);
        var history = await db.PatientEvents.AsNoTracking().Where(e => e.PatientId == patientId)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Select(e => new PatientEventView(e.At, e.Action, e.Details, e.By))
            .ToListAsync(ct);
        return new PatientRecordView(
            patient.Id, patient.Name, patient.Phone, patient.Sex, patient.BirthDate, patient.BirthDateIsApproximate,
            patient.BirthDate is { } born ? PatientFacts.AgeOn(born, days.Calendar) : null, patient.Address, patient.AbhaNumber, patient.AbhaAddress, patient.MergedIntoId,
            today.OrderBy(t => t.SlotDate).ThenBy(t => t.SlotStartTime).ThenBy(t => t.Id).ToList(),
            otherDays.Select(t => new PastVisit(t.Id, t.Date, t.StartTime, t.Name, TokenLabels.Format(t.LabelPrefix, t.TokenNumber), t.Status, t.Source)).ToList(),
            history,
            patient.ErasedAt,
            patient.Language,
            patient.Email,
            patient.MessagesOptOut);
    }

    private static IQueryable<PatientToken> TodayTokens(OpdDbContext db, IReadOnlyCollection<string> patientIds, DateOnly today, DateOnly yesterday) =>
        db.Tokens.AsNoTracking()
            .Where(t => patientIds.Contains(t.PatientId) && (t.Slot.Date == today || t.Slot.Date == yesterday))
            .Select(t => new PatientToken(t.PatientId, t.Id, t.Slot.Doctor.LabelPrefix, t.TokenNumber, t.Slot.DoctorId, t.Slot.Doctor.Name,
                t.Slot.Doctor.Room, t.Slot.Date, t.Slot.StartTime, t.Status, t.Source));

    private sealed record PatientToken(
        string PatientId, int Id, string LabelPrefix, int Number, int DoctorId, string DoctorName, string? Room, DateOnly Date, TimeOnly SlotStart,
        TokenStatus Status, TokenSource Source)
    {
        public TodayToken Token => new(Id, TokenLabels.Format(LabelPrefix, Number), DoctorId, DoctorName, Room, Date, SlotStart, Status, Source);
    }
}

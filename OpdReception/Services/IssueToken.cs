using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>
/// What a token is asked for. Without a patient id a new record is made, unless a patient with a similar name has
/// the same phone: then the caller must name them, or say <paramref name="NewPatient"/>.
/// </summary>
/// <param name="ByBookingSite">The online booking site asked: it books against a registered record and never writes to it.</param>
public sealed record IssueRequest(
    int? SlotId, TokenSource? Source, string? PatientId, string? PatientName, string? PhoneNumber,
    PatientDetails? Details = null, bool NewPatient = false, bool ByBookingSite = false);

/// <summary>What the desk may record of a patient besides the name and phone; every field optional, the age or the date of birth.</summary>
/// <param name="Language">The language of the patient's messages and page: en, hi or ta; null for the hospital's default.</param>
/// <param name="MessagesOptOut">True: the patient wants no messages. Null or false: as the record says.</param>
public sealed record PatientDetails(
    Sex? Sex = null, int? Age = null, DateOnly? BirthDate = null, string? Address = null, string? AbhaNumber = null, string? AbhaAddress = null,
    string? Language = null, string? Email = null, bool? MessagesOptOut = null)
{
    public bool IsEmpty => this == new PatientDetails();
}

/// <summary>The desk, a patient online or a program issues a token: checked here, decided and written in the <see cref="IssueWriter"/>'s batch.</summary>
public sealed class IssueToken(HospitalClock clock, OpdChanges changes, IssueWriter writer)
{
    public async Task<Result<TokenView>> IssueAsync(IssueRequest request, Actor by, CancellationToken ct = default)
    {
        var result = await IssueAsync(request, by, key: null, ct);
        return result.IsOk ? result.Value!.View : result.Problem!;
    }

    /// <summary>
    /// Issues a token; with a key, a retry of the same request by the same caller gets the first answer back, and
    /// the key with another request is refused, however many copies arrive at once. The decision and the write
    /// happen in the <see cref="IssueWriter"/>'s batch; the answer comes once the batch is on disk.
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
            .Require(request.Source is { } source && Enum.IsDefined(source), "source", "Token source is required: Online, WalkIn, Priority, FollowUp or Emergency.")
            .Require(!request.NewPatient || Validation.Clean(request.PatientId) is null, "newPatient",
                "A new patient has no hospital number yet: leave out patientId, or leave out newPatient to issue to the patient on record.")
            .Patient(request.Details, DateOnly.FromDateTime(clock.Now));
        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        var pending = new PendingIssue(request, by, key, key is null ? "" : IssueKey.Fingerprint(request), () => clock.Now, ct);
        var outcome = await writer.SubmitAsync(pending);
        foreach (var change in outcome.Changes)
        {
            changes.Announce(change);
        }

        return await outcome.Answer();
    }
}

namespace OpdReception.Data;

/// <summary>What was opened: a patient's record, a token's history (or all of a patient's tokens), or a doctor's board of a day.</summary>
public enum PatientAccessKind { Record, TokenHistory, Board }

/// <summary>
/// One open of patient data by a signed-in person: written once, never updated; deleted only by the retention
/// sweep once older than <c>Opd:AccessLogRetentionDays</c>. A board open names the doctor and day, not each
/// patient on it; the per-patient view finds it through the patient's tokens of that day.
/// </summary>
public sealed class PatientAccess
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string? UserId { get; set; }

    /// <summary>The person's display name as it was then, so the line still reads after the account is removed.</summary>
    public required string UserName { get; set; }

    public PatientAccessKind What { get; set; }

    /// <summary>Null for a board open.</summary>
    public string? PatientId { get; set; }

    public int? TokenId { get; set; }
    public int? DoctorId { get; set; }
    public DateOnly? Day { get; set; }
}

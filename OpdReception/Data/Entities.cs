using OpdReception.Domain;

namespace OpdReception.Data;

public sealed class Doctor
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Specialization { get; set; }
    public List<DayOfWeek> OpdDays { get; set; } = [];
    public string? Room { get; set; }

    /// <summary>Set when the doctor stops seeing patients: hidden from issuing, kept with their history.</summary>
    public DateTime? DeactivatedAt { get; set; }

    /// <summary>What the doctor's labels start with: "A" gives A014. One or two letters; T unless the admin chose.</summary>
    public string LabelPrefix { get; set; } = TokenLabels.DefaultPrefix;

    public List<Slot> Slots { get; set; } = [];
    public List<WeeklySession> WeeklySessions { get; set; } = [];

    /// <summary>The days the doctor has handed out labels on, with the last one of each.</summary>
    public List<DoctorDayCounter> DayCounters { get; set; } = [];

    /// <summary>Bumped by every change (<see cref="Versioning"/>): the ETag, and the If-Match check against lost updates.</summary>
    public int Version { get; set; }
}

public sealed class Slot
{
    public int Id { get; set; }
    public int DoctorId { get; set; }
    public Doctor Doctor { get; set; } = null!;
    public DateOnly Date { get; set; }
    public TimeOnly StartTime { get; set; }
    public TimeOnly EndTime { get; set; }
    public int MaxCapacity { get; set; }
    public int MinutesPerConsultation { get; set; }
    public int DelayMinutes { get; set; }

    /// <summary>Seats kept from online booking for walk-ins until <see cref="HoldReleaseMinutes"/> before the start (<see cref="Domain.WalkInHold"/>).</summary>
    public int WalkInSeatsHeld { get; set; }

    public int HoldReleaseMinutes { get; set; }

    /// <summary>Opened on a day that is not one of the doctor's OPD days, on purpose.</summary>
    public bool ExtraSession { get; set; }

    /// <summary>When the delay was last set: patients told a later time are not expected before it.</summary>
    public DateTime? DelayChangedAt { get; set; }

    public SlotStatus Status { get; set; }
    public string? StatusReason { get; set; }

    /// <summary>Seats added for emergencies that arrived when the slot was full.</summary>
    public int EmergencyExtensions { get; set; }

    /// <summary>
    /// When the end-of-day sweep closed the doctor's day this slot belongs to; set on every slot of that day, so the
    /// sweeps look only at days still open, however long the history.
    /// </summary>
    public DateTime? DayClosedAt { get; set; }

    /// <summary>When the retention sweep looked at this slot's patients, past <c>Opd:PatientDataRetentionYears</c>; never again after.</summary>
    public DateTime? RetentionSweptAt { get; set; }

    public List<Token> Tokens { get; set; } = [];

    /// <summary>Bumped by every tracked change (<see cref="Versioning"/>): the ETag, and the If-Match check against lost updates.</summary>
    public int Version { get; set; }
}

/// <summary>
/// One doctor on one date, as far as labels go: the one counter every label of that day is taken from, whichever of
/// the doctor's slots the token is in. Issuing, moves, reallocation and leave all take the next label here, inside the
/// write gate, so two desks issuing into two slots of the same day at once never get the same number. The row is
/// made by the day's first label.
/// </summary>
public sealed class DoctorDayCounter
{
    public int DoctorId { get; set; }
    public DateOnly Date { get; set; }

    /// <summary>The last label number handed out that day; numbers are never reused within the doctor's day.</summary>
    public int LastTokenNumber { get; set; }
}

/// <summary>
/// A doctor's last consultations (called to completed, minutes), updated with each completion: the estimates learn
/// the doctor's pace from this one row, whatever the size of the history.
/// </summary>
public sealed class DoctorPace
{
    public int DoctorId { get; set; }

    /// <summary>Minutes of the last consultations, oldest first, space-separated (<see cref="Domain.PaceWindow"/>).</summary>
    public string Minutes { get; set; } = "";

    /// <summary>Consultations ever recorded; the window holds the last of them.</summary>
    public int Count { get; set; }

    /// <summary>The day of the newest consultation; the last <see cref="TodayCount"/> of the window were on it.</summary>
    public DateOnly? LastDate { get; set; }

    public int TodayCount { get; set; }

    public DateTime UpdatedAt { get; set; }
}

public sealed class Patient
{
    public required string Id { get; set; }
    public required string Name { get; set; }

    public string? Phone
    {
        get => _phone;
        set
        {
            _phone = value;
            PhoneKey = PatientFacts.PhoneKey(value);
        }
    }

    /// <summary>
    /// The phone as the duplicate check compares it (<see cref="PatientFacts.PhoneKey"/>), kept with the phone so
    /// "+91 98765 43210" and "98765-43210" find each other through an index.
    /// </summary>
    public string? PhoneKey { get; private set; }

    private string? _phone;

    /// <summary>Null only for records made before the desk asked.</summary>
    public Sex? Sex { get; set; }

    /// <summary>
    /// Stored as a date rather than an age so that an age typed today is still right next year; an age typed at the
    /// desk becomes an approximate date (<see cref="BirthDateIsApproximate"/>).
    /// </summary>
    public DateOnly? BirthDate { get; set; }

    public bool BirthDateIsApproximate { get; set; }
    public string? Address { get; set; }

    /// <summary>The 14-digit ABHA number, digits only; shown as 12-3456-7890-1234.</summary>
    public string? AbhaNumber { get; set; }

    /// <summary>The ABHA address, such as name@abdm.</summary>
    public string? AbhaAddress { get; set; }

    /// <summary>Set when this record was merged into another: the record kept. A merged record is never offered again.</summary>
    public string? MergedIntoId { get; set; }

    /// <summary>When the name, phone and other details were erased (retention or on request); the tokens stay, anonymised.</summary>
    public DateTime? ErasedAt { get; set; }

    /// <summary>The language messages and the patient page use: "en", "hi" or "ta"; null means the hospital's default.</summary>
    public string? Language { get; set; }

    /// <summary>For messages by email, when the patient gives one.</summary>
    public string? Email { get; set; }

    /// <summary>The patient asked for no messages (at the desk or on their page): the outbox skips them.</summary>
    public bool MessagesOptOut { get; set; }

    public List<PatientEvent> History { get; set; } = [];
}

/// <summary>One line of a patient record's history (created, a field edited, merged): never updated, never deleted.</summary>
public sealed class PatientEvent
{
    public long Id { get; set; }
    public required string PatientId { get; set; }
    public DateTime At { get; set; }
    public required string By { get; set; }

    /// <summary>The signed-in user's id; null for the app's own work.</summary>
    public string? ByUserId { get; set; }

    public required string Action { get; set; }
    public string? Details { get; set; }
}

public sealed class Token
{
    public int Id { get; set; }
    public int SlotId { get; set; }
    public Slot Slot { get; set; } = null!;
    public required string PatientId { get; set; }
    public Patient Patient { get; set; } = null!;
    public TokenSource Source { get; set; }
    public TokenStatus Status { get; set; }
    public int TokenNumber { get; set; }

    /// <summary>
    /// The unguessable key of the patient's own token page (/t/{code}), printed as the slip's QR code: 100 random
    /// bits, so no one can walk the numbers to other patients' tokens, and no personal data in the URL. Required
    /// rather than defaulted: a default would draw from the OS's generator for every token a query reads.
    /// </summary>
    public required string Code { get; set; }

    public int PriorityScore { get; set; }
    public DateTime IssuedAt { get; set; }

    /// <summary>The arrival time the queue orders by; a very late arrival moves it to the back of the class.</summary>
    public DateTime QueuedAt { get; set; }

    /// <summary>When the token came into its current slot: issued there, or moved there by reallocation.</summary>
    public DateTime InSlotSince { get; set; }

    public DateTime? CheckedInAt { get; set; }

    /// <summary>
    /// The time the patient was first told to expect their call: the slip's estimate at issue for a walk-in, priority
    /// or emergency, at check-in for a booking. Never moved after; the feedback report holds the call against it.
    /// </summary>
    public DateTime? FirstEstimateAt { get; set; }

    public DateTime? NoShowAt { get; set; }
    public string? CancellationReason { get; set; }

    /// <summary>The patient's answer to "How was your visit?" after the consultation: 1 to 5.</summary>
    public int? FeedbackScore { get; set; }

    public string? FeedbackComment { get; set; }
    public DateTime? FeedbackAt { get; set; }

    /// <summary>When the "your turn is near" message was decided: it is sent once per token.</summary>
    public DateTime? TurnNearAt { get; set; }

    /// <summary>
    /// Minutes the doctor's delays moved this patient's estimate since they were last told (at issue or by the last
    /// "running late" message); null is none. A message goes once it reaches Opd:Notifications:DelayNoticeMinutes.
    /// </summary>
    public int? UntoldDelayMinutes { get; set; }

    public List<TokenEvent> History { get; set; } = [];

    /// <summary>Bumped by every change (<see cref="Versioning"/>): the ETag, and the If-Match check against lost updates.</summary>
    public int Version { get; set; }
}

/// <summary>One line of a token's history: never updated, never deleted.</summary>
public sealed class TokenEvent
{
    public long Id { get; set; }
    public int TokenId { get; set; }
    public DateTime At { get; set; }
    public required string Action { get; set; }
    public TokenStatus? FromStatus { get; set; }
    public TokenStatus ToStatus { get; set; }
    public int SlotId { get; set; }
    public int TokenNumber { get; set; }
    public required string By { get; set; }

    /// <summary>The signed-in user's id; null for the app's own work (the no-show sweep).</summary>
    public string? ByUserId { get; set; }
    public string? Reason { get; set; }
}

/// <summary>
/// A caller's Idempotency-Key and the token it issued, written in the same transaction as the token: a retry
/// with the same key gets the first answer back instead of a second token.
/// </summary>
public sealed class IssueKeyRecord
{
    public long Id { get; set; }
    public required string Caller { get; set; }
    public required string Key { get; set; }

    /// <summary>SHA-256 of what was asked (source, slot, patient, name, phone): the same key for another request is refused.</summary>
    public required string RequestHash { get; set; }

    public int TokenId { get; set; }

    /// <summary>The first answer exactly as the caller got it, replayed to every retry.</summary>
    public required string Answer { get; set; }

    public DateTime CreatedAt { get; set; }
}

public static class IssueKeyLimits
{
    public const int MaxLength = 100;
}

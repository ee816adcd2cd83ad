using System.Text.Json.Serialization;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <param name="LabelPrefix">What the doctor's token labels start with: "A" gives A014.</param>
public sealed record DoctorView(
    int Id, string Name, string Specialization, IReadOnlyList<DayOfWeek> OpdDays, string? Room, bool Active = true, string LabelPrefix = TokenLabels.DefaultPrefix);

/// <param name="WalkInSeatsHeld">Seats kept from online booking for walk-ins (<see cref="WalkInHold"/>).</param>
/// <param name="HoldReleaseMinutes">How long before the start the held seats open to anyone.</param>
/// <param name="WalkInSeats">Seats walk-ins and priority patients have taken, filling the held ones.</param>
public sealed record SlotView(
    int Id,
    int DoctorId,
    string DoctorName,
    string Specialization,
    DateOnly Date,
    TimeOnly StartTime,
    TimeOnly EndTime,
    int MaxCapacity,
    int EffectiveCapacity,
    int EmergencyExtensions,
    int BookedCount,
    int AvailableSeats,
    int MinutesPerConsultation,
    int DelayMinutes,
    SlotStatus Status,
    string? StatusReason,
    bool ExtraSession = false,
    IReadOnlyList<string>? Warnings = null,
    int WalkInSeatsHeld = 0,
    int HoldReleaseMinutes = 0,
    int WalkInSeats = 0)
{
    /// <summary>"4 walk-in seats held until 09:30" while the hold is on at <paramref name="now"/>; null otherwise.</summary>
    public string? WalkInHoldNote(DateTime now) => WalkInHold.Note(State, now, AvailableSeats);

    /// <summary>The free seats this patient may take at <paramref name="now"/>: an online booking not the held ones.</summary>
    public int SeatsFor(TokenSource source, DateTime now) => WalkInHold.SeatsFor(State, source, now, AvailableSeats);

    /// <summary>"0 of 6 for online booking (4 kept for walk-ins until 13:30)" while seats are held from online booking; null otherwise.</summary>
    public string? OnlineSeatsNote(DateTime now) => WalkInHold.ForOnline(State, now, EffectiveCapacity, AvailableSeats);

    private SlotState State => new(Id, DoctorId, Date, StartTime, EndTime, MaxCapacity, EmergencyExtensions, BookedCount, 0, Status, DelayMinutes,
        WalkInSeatsHeld: WalkInSeatsHeld, HoldReleaseMinutes: HoldReleaseMinutes, WalkInSeats: WalkInSeats);
}

public sealed record TokenEventView(DateTime At, string Action, TokenStatus? FromStatus, TokenStatus ToStatus, int SlotId, string TokenNumber, string By, string? Reason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ByUserId = null);

/// <param name="TokenNumber">The label, such as T005: unique within the doctor's day.</param>
/// <param name="EstimatedFrom">The range the patient is told, "about 11:20 (11:10–11:35)": its early end.</param>
/// <param name="EstimatedTo">The range's late end.</param>
/// <param name="NominalTime">The estimate from nominal minutes alone; for the simulation's baseline, not sent.</param>
/// <param name="PreviousTokenNumber">
/// "T005, was T001": the label the token had before a move to another doctor or day gave it the next label there, so
/// the desk reprints the slip. Only in the answer to that move; null when the label did not change.
/// </param>
public sealed record TokenView(
    int Id,
    string TokenNumber,
    int SlotId,
    int DoctorId,
    string DoctorName,
    string PatientId,
    string PatientName,
    string? PhoneNumber,
    TokenSource Source,
    TokenStatus Status,
    int PriorityScore,
    int? Position,
    DateTime? EstimatedTime,
    bool PastSlotEnd,
    DateTime CreatedAt,
    DateTime? CheckedInAt,
    string? CancellationReason,
    DateOnly SlotDate,
    TimeOnly SlotStartTime,
    SlotStatus SlotStatus,
    string? PlaceReason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<TokenEventView>? History = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PreviousTokenNumber = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<OpdReception.Services.Messages.TokenMessageView>? Messages = null,
    DateTime? EstimatedFrom = null,
    DateTime? EstimatedTo = null,
    [property: JsonIgnore] DateTime? NominalTime = null);

public sealed record QueueView(SlotView Slot, IReadOnlyList<TokenView> Tokens);

/// <summary>
/// A doctor's day as the reception board and the doctor's console show it: the slots, and every active token in
/// the order the doctor sees patients (the one with the doctor first, a cancelled slot's tokens last), each with
/// its position, estimate and the reason for its place.
/// </summary>
public sealed record DayQueueView(DoctorView Doctor, DateOnly Date, DateTime AsOf, IReadOnlyList<SlotView> Slots, IReadOnlyList<TokenView> Tokens);

public sealed record SlotStats(
    SlotView Slot,
    int Issued,
    IReadOnlyDictionary<TokenStatus, int> ByStatus,
    IReadOnlyDictionary<TokenSource, int> BySource,
    int Waiting,
    double Utilization,
    int PastSlotEnd);

/// <summary>A patient a reallocation moves (or, in a preview, would move): old and new slot, old and new estimate.</summary>
/// <param name="OldEstimate">When they were due where they were; none in a cancelled slot.</param>
/// <param name="NewStatus">Booked again when the new slot is on another day.</param>
/// <param name="KeepsLabel">
/// The patient stays in the same doctor's day, so the slip's label still holds. Otherwise the slip names another doctor,
/// room or date and is reprinted, even when the new label happens to read the same (T001 today, T001 tomorrow).
/// </param>
public sealed record MovedToken(
    int TokenId, string FromTokenNumber, int ToSlotId, string NewTokenNumber, bool ExtendedCapacity,
    string PatientName, int FromSlotId, DateTime? OldEstimate, int ToDoctorId, string ToDoctorName, DateOnly ToDate, TimeOnly ToStartTime,
    DateTime NewEstimate, TokenStatus NewStatus, bool KeepsLabel = false);

/// <summary>A patient who stays in the slot, and why.</summary>
public sealed record UnplacedToken(int TokenId, string TokenNumber, string Reason, string PatientName, DateTime? OldEstimate);

/// <param name="Preview">True when nothing was changed: the answer says what a reallocation would do now.</param>
public sealed record ReallocationResult(int FromSlotId, IReadOnlyList<MovedToken> Moved, IReadOnlyList<UnplacedToken> NotPlaced, bool Preview = false);

/// <summary>One patient a reallocation or a move would place: where from, where to, and both estimates.</summary>
public sealed record PlannedMove(
    int TokenId, string TokenNumber, string PatientName, DateTime? EstimatedBefore,
    int ToSlotId, string ToDoctorName, TimeOnly ToSlotStart, string NewTokenNumber, DateTime? EstimatedAfter, bool ExtendedCapacity, DateOnly? ToDate = null);

public sealed record PlannedUnplaced(int TokenId, string TokenNumber, string PatientName, string Reason);

/// <summary>What a reallocation would do if confirmed now; nothing has changed yet.</summary>
public sealed record ReallocationPreview(SlotView From, IReadOnlyList<PlannedMove> Moves, IReadOnlyList<PlannedUnplaced> NotPlaced);

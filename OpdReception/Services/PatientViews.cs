using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>What the desk's search shows under a match besides the name.</summary>
/// <param name="MergedIntoId">The record this one was merged into: the desk never issues on a merged record.</param>
public sealed record MatchFacts(IReadOnlyList<TodayToken> Today, string? MergedIntoId);

/// <summary>One of a patient's tokens of today, as the desk's search and the patient's record show it.</summary>
public sealed record TodayToken(
    int Id, string TokenNumber, int DoctorId, string DoctorName, string? Room, DateOnly Date, TimeOnly SlotStart, TokenStatus Status, TokenSource Source);

/// <summary>
/// A patient's record as the desk's record page shows it: the details, today's tokens (with what the board offers
/// for each), the visits of other days and the record's own history, newest first.
/// </summary>
/// <param name="MergedIntoId">Set when this record was merged into another: the page points there, the desk never issues on it.</param>
public sealed record PatientRecordView(
    string Id,
    string Name,
    string? Phone,
    Sex? Sex,
    DateOnly? BirthDate,
    bool BirthDateIsApproximate,
    int? Age,
    string? Address,
    string? AbhaNumber,
    string? AbhaAddress,
    string? MergedIntoId,
    IReadOnlyList<TokenView> Today,
    IReadOnlyList<PastVisit> OtherDays,
    IReadOnlyList<PatientEventView> History,
    DateTime? ErasedAt = null,
    string? Language = null,
    string? Email = null,
    bool MessagesOptOut = false);

/// <summary>A token of another day: when, with whom, the label, and how it ended (or stands, for a booking ahead).</summary>
public sealed record PastVisit(int TokenId, DateOnly Date, TimeOnly SlotStart, string DoctorName, string TokenNumber, TokenStatus Outcome, TokenSource Source);

public sealed record PatientEventView(DateTime At, string Action, string? Details, string By);

/// <summary>What the desk sends to correct a record: every field as it should now read; age or birth date, not both.</summary>
/// <param name="Language">en, hi or ta; left out (null): unchanged.</param>
/// <param name="Email">The address; left out (null): unchanged; empty: removed.</param>
/// <param name="MessagesOptOut">True: no messages; false: messages again; left out (null): unchanged.</param>
public sealed record PatientEdit(
    string? Name, string? Phone, Sex? Sex, DateOnly? BirthDate, int? Age, string? Address, string? AbhaNumber, string? AbhaAddress,
    string? Language = null, string? Email = null, bool? MessagesOptOut = null);

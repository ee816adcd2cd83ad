using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>One of a patient's tokens of today, as the desk's search and the patient's record show it.</summary>
public sealed record TodayToken(
    int Id, string TokenNumber, int DoctorId, string DoctorName, string? Room, DateOnly Date, TimeOnly SlotStart, TokenStatus Status, TokenSource Source);

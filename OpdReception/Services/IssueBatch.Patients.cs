using System.Security.Cryptography;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>Who a request is for, and the token row its answer is made from.</summary>
internal sealed partial class IssueBatch
{
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

    /// <summary>Walk-ins often have no hospital number yet; they get one the desk can read out.</summary>
    private static string NewWalkInPatientId() =>
        "WI-" + RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 8);
}

using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>One doctor's day as the reception's start page shows it.</summary>
/// <param name="NextSlotForOnline">The next slot an online booking may take: seats held for walk-ins are not room for it.</param>
public sealed record DoctorDay(
    DoctorView Doctor,
    IReadOnlyList<SlotView> Slots,
    string? NowSeeing,
    int Waiting,
    SlotView? NextSlotWithRoom,
    SlotView? NextSlotForOnline = null)
{
    public int SeatsTaken => Slots.Sum(s => s.BookedCount);

    public int Capacity => Slots.Where(s => s.Status != SlotStatus.Cancelled).Sum(s => s.EffectiveCapacity);

    public int EmergencySeats => Slots.Sum(s => s.EmergencyExtensions);

    /// <summary>
    /// What the doctor (or the desk) said about the delay, while it still stands at <paramref name="now"/>:
    /// "Running 20 min late", "On a break, back at 11:15"; nothing once the doctor is back.
    /// </summary>
    public string? NoticeAt(DateTime now) => DoctorAway.DayNotice(
        Slots.Select(s => (new SlotState(s.Id, s.DoctorId, s.Date, s.StartTime, s.EndTime, s.MaxCapacity, s.EmergencyExtensions,
            s.BookedCount, 0, s.Status, s.DelayMinutes), s.StatusReason)),
        now);
}

/// <summary>A registered patient the desk can pick while typing.</summary>
public sealed record PatientMatch(string Id, string Name, string? Phone);

/// <summary>What a printed slip carries: no patient name or phone, since slips get left on chairs; sex and age ("Female, ~34 y") for the doctor.</summary>
public sealed record SlipView(
    string HospitalName,
    string TokenNumber,
    string DoctorName,
    string? Room,
    DateOnly Date,
    TimeOnly SlotStart,
    DateTime? EstimatedTime,
    TokenSource Source,
    string Code,
    string? SexAndAge = null,
    DateTime? EstimatedFrom = null,
    DateTime? EstimatedTo = null);

/// <summary>Everything the desk holds about a patient, in a receptionist's words.</summary>
public sealed record PatientCardView(
    string Id, string Name, string? Phone, string? SexAndAge, DateOnly? BirthDate, bool BirthDateIsApproximate, string? Address, string? AbhaNumber,
    string? AbhaAddress, string? MergedIntoId);

/// <summary>Where a new patient would land in a slot if issued now: the "next slot" offer shows it.</summary>
public sealed record SlotOffer(SlotView Slot, DateTime? EstimatedTime, DateTime? EstimatedFrom = null, DateTime? EstimatedTo = null);

/// <summary>
/// A doctor's day on the reception board: the slots, the queue in the order the doctor will see them, and the
/// tokens no longer in it (seen, did not come, cancelled) so a late arrival can be re-admitted.
/// </summary>
public sealed record BoardView(DoctorView Doctor, DateOnly Date, DateTime AsOf, IReadOnlyList<SlotView> Slots, IReadOnlyList<TokenView> Queue, IReadOnlyList<TokenView> NotInQueue);

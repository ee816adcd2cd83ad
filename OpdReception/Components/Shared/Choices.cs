using OpdReception.Domain;
using OpdReception.Services;

namespace OpdReception.Components.Shared;

/// <summary>What the pickers offer, in the desk's words: one wording for doctors and one for slots on every screen.</summary>
public static class Choices
{
    public static IReadOnlyList<PickChoice> Doctors(IEnumerable<DoctorView> doctors) =>
        doctors.Select(d => new PickChoice(d.Id, d.Name, d.Specialization)).ToList();

    /// <param name="withDay">Slots of several days: each names its day ("Tue 8 Jan 09:00").</param>
    /// <param name="onlineAt">The time it is, when the slots are offered to an online booking: seats held for
    /// walk-ins are not counted as free for it.</param>
    public static IReadOnlyList<PickChoice> Slots(IEnumerable<SlotView> slots, bool withDay = false, DateTime? onlineAt = null) =>
        slots.Select(s => new PickChoice(
                s.Id,
                withDay ? $"{s.Date:ddd d MMM} {s.StartTime:HH\\:mm}" : s.StartTime.ToString("HH\\:mm"),
                Note: $"to {s.EndTime:HH\\:mm} · {(onlineAt is { } now ? s.OnlineSeatsNote(now) : null) ?? Seats(s)}"
                      + (s.DelayMinutes > 0 ? $" · running {s.DelayMinutes} min late" : "")))
            .ToList();

    private static string Seats(SlotView s) => s.AvailableSeats switch
    {
        <= 0 => "full",
        1 => "1 seat left",
        var n => $"{n} of {s.EffectiveCapacity} seats left",
    };
}

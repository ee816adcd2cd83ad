using OpdReception.Domain;

namespace OpdReception.Simulation;

public sealed record StoredSlot(int Id, string Label, int MaxCapacity, int EmergencyExtensions);

/// <param name="DoctorId">Whose day the token is in: labels are unique within a doctor's day, across its slots.</param>
public sealed record StoredToken(int SlotId, TokenSource Source, TokenStatus Status, int TokenNumber, int DoctorId = 0);

/// <summary>
/// The seat rules checked on the stored rows at the end of the day. Written out here rather than taken from
/// <see cref="StatusRules"/> or <see cref="SlotState"/>, so a mistake in those rules cannot hide itself.
/// </summary>
internal static class SeatAudit
{
    public static IReadOnlyList<string> Violations(IEnumerable<StoredSlot> slots, IReadOnlyCollection<StoredToken> tokens)
    {
        var problems = new List<string>();
        foreach (var slot in slots)
        {
            var inSlot = tokens.Where(t => t.SlotId == slot.Id).ToList();
            var seated = inSlot.Where(t => t.Status is not (TokenStatus.Cancelled or TokenStatus.NoShow)).ToList();
            var ordinary = seated.Count(t => t.Source != TokenSource.Emergency);
            if (ordinary > slot.MaxCapacity)
            {
                problems.Add($"{slot.Label}: {ordinary} non-emergency patients hold seats, capacity {slot.MaxCapacity}");
            }

            var capacity = slot.MaxCapacity + slot.EmergencyExtensions;
            if (seated.Count > capacity)
            {
                problems.Add($"{slot.Label}: {seated.Count} patients hold seats, capacity {slot.MaxCapacity} + {slot.EmergencyExtensions} extra");
            }
        }

        // A day's run: one date, so the doctor names the day whose labels must not repeat.
        foreach (var day in tokens.GroupBy(t => t.DoctorId))
        {
            foreach (var number in day.GroupBy(t => t.TokenNumber).Where(g => g.Count() > 1))
            {
                problems.Add($"doctor {day.Key}: label number {number.Key:000} is held by {number.Count()} tokens of the day");
            }
        }

        return problems;
    }
}

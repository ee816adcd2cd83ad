using OpdReception.Domain;

namespace OpdReception.Simulation;

public sealed record StoredSlot(int Id, string Label, int MaxCapacity, int EmergencyExtensions);

public sealed record StoredToken(int SlotId, TokenSource Source, TokenStatus Status, int TokenNumber);

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

            foreach (var number in inSlot.GroupBy(t => t.TokenNumber).Where(g => g.Count() > 1))
            {
                problems.Add($"{slot.Label}: token {StatusRules.Label(number.Key)} is held by {number.Count()} tokens");
            }
        }

        return problems;
    }
}

using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>How a slot records a delay, whoever sets it: the desk for one slot, the doctor for their whole day.</summary>
internal static class SlotDelays
{
    public static void Apply(Slot slot, int minutes, DateTime now, string? reason)
    {
        if (slot.DelayMinutes == minutes && (minutes == 0 || slot.StatusReason == reason))
        {
            return;
        }

        slot.DelayMinutes = minutes;
        slot.DelayChangedAt = now;

        // A closed slot still sees its patients, so their times move with the doctor; it stays closed.
        slot.Status = slot.Status == SlotStatus.Closed ? SlotStatus.Closed : minutes > 0 ? SlotStatus.Delayed : SlotStatus.Open;
        if (slot.Status != SlotStatus.Closed)
        {
            slot.StatusReason = minutes > 0 ? reason ?? $"Running {minutes} min late" : null;
        }
    }
}

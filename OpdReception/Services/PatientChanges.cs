using Microsoft.EntityFrameworkCore;
using OpdReception.Data;

namespace OpdReception.Services;

/// <summary>A record's change reaches the screens that show its patients: the slots of their tokens from today on.</summary>
internal static class PatientChanges
{
    public static async Task AnnounceAsync(OpdDbContext db, OpdChanges changes, IReadOnlyCollection<string> patientIds, DateOnly today, string what, CancellationToken ct)
    {
        // Yesterday too: a session run past midnight is still on the desk.
        var since = today.AddDays(-1);
        var slots = await db.Tokens.AsNoTracking().Where(t => patientIds.Contains(t.PatientId) && t.Slot.Date >= since)
            .Select(t => t.SlotId).Distinct().ToListAsync(ct);
        foreach (var slotId in slots)
        {
            changes.Announce(new OpdChange(slotId, null, what));
        }
    }
}

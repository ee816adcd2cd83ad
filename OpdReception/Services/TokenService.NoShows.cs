using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

public sealed partial class TokenService
{
    /// <summary>Marks booked patients who never checked in as no-shows, freeing their seats. Returns how many.</summary>
    public async Task<int> SweepNoShowsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var now = Now();
        var today = DateOnly.FromDateTime(now);

        // A cancelled slot's bookings wait for reallocation; nobody can be late for it.
        var slotIds = await db.Slots
            .Where(s => s.Date <= today && s.Status != SlotStatus.Cancelled && s.Tokens.Any(t => t.Status == TokenStatus.Booked))
            .Select(s => s.Id)
            .ToListAsync(ct);
        var marked = new List<(int SlotId, int TokenId)>();
        foreach (var slotId in slotIds)
        {
            var slot = (await SlotQueues.LoadForChangeAsync(db, slotId, ct))!;
            var entries = slot.Tokens.Select(t => t.ToEntry()).ToList();
            var doctorFreeSince = await DoctorFreeSinceAsync(db, slot, ct);
            foreach (var tokenId in Queue.OverdueBookings(slot.ToState(), entries, slot.MinutesPerConsultation, now, Settings.NoShowTimeoutMinutes, doctorFreeSince))
            {
                var token = slot.Tokens.Single(t => t.Id == tokenId);
                Move(token, TokenStatus.NoShow, now, null);
                token.History.Add(Event(token, now, "MarkedNoShow", TokenStatus.Booked, "system",
                    $"Not checked in {Settings.NoShowTimeoutMinutes} minutes after their turn came"));
                marked.Add((slotId, tokenId));
            }
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        foreach (var (slotId, tokenId) in marked)
        {
            changes.Announce(new OpdChange(slotId, tokenId, "NoShow"));
        }

        return marked.Count;
    }

    /// <summary>
    /// Since when the doctor could have seen the next patient: the session's (delayed) start, the last
    /// consultation finished, or the last change of delay, whichever came last.
    /// </summary>
    private static async Task<DateTime> DoctorFreeSinceAsync(OpdDbContext db, Slot slot, CancellationToken ct)
    {
        var lastCompleted = await db.TokenEvents
            .Where(e => e.SlotId == slot.Id && e.Action == "Completed")
            .MaxAsync(e => (DateTime?)e.At, ct);
        var begins = slot.Date.ToDateTime(slot.StartTime).AddMinutes(slot.DelayMinutes);
        return new[] { begins, lastCompleted ?? begins, slot.DelayChangedAt ?? begins }.Max();
    }
}

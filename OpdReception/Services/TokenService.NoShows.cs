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
        var slotIds = await OpenDays(db, today)
            .Where(s => s.Status != SlotStatus.Cancelled && s.Tokens.Any(t => t.Status == TokenStatus.Booked))
            .Select(s => s.Id)
            .ToListAsync(ct);
        var marked = new List<(int SlotId, int TokenId)>();
        foreach (var slotId in slotIds)
        {
            var slot = (await SlotQueues.LoadForChangeAsync(db, slotId, ct))!;
            var entries = slot.Tokens.Select(t => t.ToEntry()).ToList();
            var doctor = await DoctorDayAsync(db, slot, ct);
            foreach (var tokenId in Queue.OverdueBookings(slot.ToState(), entries, slot.MinutesPerConsultation, now, Settings.NoShowTimeoutMinutes,
                doctor.QueueLastMoved, doctor.BusyElsewhere))
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

    private sealed record DoctorDay(DateTime QueueLastMoved, bool BusyElsewhere);

    /// <summary>
    /// What the doctor's day up to this slot says about its turn: whether the doctor is with a patient of this or
    /// an earlier slot, or has checked-in patients of an earlier slot still to see, and the last moment that queue
    /// moved (a consultation ended, a waiting patient left, the delay changed). Later slots do not hold it up: once
    /// the doctor has moved on to them, this slot's turn has passed, and cancelled slots never count. Erring late here
    /// only ever delays a no-show.
    /// </summary>
    private static async Task<DoctorDay> DoctorDayAsync(OpdDbContext db, Slot slot, CancellationToken ct)
    {
        // A cancelled slot is not run: a patient left waiting in it does not keep the doctor busy.
        var upToThis = db.Slots.Where(s => s.DoctorId == slot.DoctorId && s.Date == slot.Date && s.StartTime <= slot.StartTime
            && s.Status != SlotStatus.Cancelled);
        var busy = await db.Tokens.AnyAsync(t => upToThis.Any(s => s.Id == t.SlotId)
            && (t.Status == TokenStatus.InConsultation || (t.Status == TokenStatus.Waiting && t.SlotId != slot.Id)), ct);
        var lastMoved = await db.TokenEvents
            .Where(e => upToThis.Any(s => s.Id == e.SlotId) && (e.FromStatus == TokenStatus.Waiting || e.FromStatus == TokenStatus.InConsultation))
            .MaxAsync(e => (DateTime?)e.At, ct);
        var begins = slot.Date.ToDateTime(slot.StartTime).AddMinutes(slot.DelayMinutes);
        return new DoctorDay(new[] { begins, lastMoved ?? begins, slot.DelayChangedAt ?? begins }.Max(), busy);
    }
}

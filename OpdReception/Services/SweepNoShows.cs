using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>The sweep marks booked patients who never checked in as no-shows, freeing their seats.</summary>
public sealed class SweepNoShows(
    IDbContextFactory<OpdDbContext> factory,
    HospitalClock clock,
    IOptionsMonitor<OpdOptions> options,
    OpdChanges changes)
{
    /// <summary>Marks booked patients who never checked in as no-shows, freeing their seats. Returns how many.</summary>
    public async Task<int> SweepNoShowsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var now = clock.Now;
        var today = DateOnly.FromDateTime(now);

        // A cancelled slot's bookings wait for reallocation; nobody can be late for it.
        var days = await OpdDays.OpenDays(db, today)
            .Where(s => s.Status != SlotStatus.Cancelled && s.Tokens.Any(t => t.Status == TokenStatus.Booked))
            .Select(s => new { s.DoctorId, s.Date })
            .Distinct()
            .ToListAsync(ct);
        var marked = new List<Token>();
        foreach (var day in days)
        {
            var state = await SlotQueues.DayStateAsync(db, day.DoctorId, day.Date, ct);
            var booked = state.Tokens.Where(t => t.Status == TokenStatus.Booked).Select(t => t.TokenId).ToList();
            var inSlotSince = await db.Tokens.Where(t => booked.Contains(t.Id))
                .ToDictionaryAsync(t => t.Id, t => t.InSlotSince, ct);
            var moves = await DayMovesAsync(db, state, ct);
            var overdue = DayNoShows.OverdueBookings(state.Slots, state.Tokens, now, options.CurrentValue.NoShowTimeoutMinutes, moves, inSlotSince, options.CurrentValue.Weights);
            if (overdue.Count == 0)
            {
                continue;
            }

            foreach (var token in await db.Tokens.Where(t => overdue.Contains(t.Id) && t.Status == TokenStatus.Booked).ToListAsync(ct))
            {
                TokenWrites.Move(token, TokenStatus.NoShow, now, null);
                token.History.Add(TokenWrites.Event(token, now, "MarkedNoShow", TokenStatus.Booked, "system",
                    $"Not checked in {options.CurrentValue.NoShowTimeoutMinutes} minutes after their turn came"));
                marked.Add(token);
            }
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        foreach (var token in marked)
        {
            changes.Announce(new OpdChange(token.SlotId, token.Id, "NoShow"));
        }

        return marked.Count;
    }

    /// <summary>
    /// What moved the doctor's day so far: consultations that ended, checked-in patients called or gone, delays changed.
    /// Read through the day's tokens and their history, both by index, so the cost is the day's, not the history's.
    /// Cancelled slots are not run and do not count.
    /// </summary>
    private static async Task<IReadOnlyCollection<DayMove>> DayMovesAsync(OpdDbContext db, DoctorDayState day, CancellationToken ct)
    {
        var run = day.Slots.Where(s => s.Slot.Status != SlotStatus.Cancelled).Select(s => s.Slot.Id).ToList();
        var moves = await db.Tokens.Where(t => run.Contains(t.SlotId))
            .SelectMany(t => t.History, (t, e) => new { e.At, e.SlotId, e.FromStatus, t.Source })
            .Where(e => run.Contains(e.SlotId) && (e.FromStatus == TokenStatus.Waiting || e.FromStatus == TokenStatus.InConsultation))
            .Select(e => new DayMove(e.At, e.SlotId, e.Source == TokenSource.Emergency))
            .ToListAsync(ct);
        var delays = await db.Slots.Where(s => run.Contains(s.Id) && s.DelayChangedAt != null)
            .Select(s => new DayMove(s.DelayChangedAt!.Value, s.Id, false))
            .ToListAsync(ct);
        return [.. moves, .. delays];
    }
}

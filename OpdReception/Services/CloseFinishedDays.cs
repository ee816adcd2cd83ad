using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>What one end-of-day sweep closed.</summary>
public sealed record DayClosing(int Days, int NoShows, int Cancelled, int Completed)
{
    public static DayClosing None { get; } = new(0, 0, 0, 0);

    public int Tokens => NoShows + Cancelled + Completed;
}

/// <summary>The sweep closes each doctor's day that is over, and what is left open in it.</summary>
public sealed class CloseFinishedDays(
    IDbContextFactory<OpdDbContext> factory,
    HospitalClock clock,
    IOptionsMonitor<OpdOptions> options,
    OpdChanges changes)
{
    /// <summary>
    /// Closes every doctor's day whose last slot has run out, late-arrival grace included, and whose checked-in
    /// patients have all been seen, or that has reached its cut-off (<see cref="EndOfDay"/>), and marks all its slots
    /// closed, so no sweep looks at that day again; and writes each closed day's summary for the reports.
    /// </summary>
    public async Task<DayClosing> CloseFinishedDaysAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var now = clock.Now;
        var today = DateOnly.FromDateTime(now);
        var days = await OpdDays.OpenDays(db, today).Select(s => new { s.DoctorId, s.Date }).Distinct().ToListAsync(ct);
        var closed = new List<(Token Token, TokenStatus From)>();
        var closedDays = new List<(int DoctorId, DateOnly Date)>();
        foreach (var day in days)
        {
            var slots = await db.Slots
                .Where(s => s.DoctorId == day.DoctorId && s.Date == day.Date)
                .Include(s => s.Tokens.Where(t => t.Status == TokenStatus.Booked || t.Status == TokenStatus.Waiting || t.Status == TokenStatus.InConsultation))
                .ToListAsync(ct);
            var decision = EndOfDay.Decide(
                slots.Select(s => new EndOfDaySlot(s.Id, s.Status, s.ToState().RunsUntil)).ToList(),
                slots.SelectMany(s => s.Tokens).Select(t => new EndOfDayToken(t.Id, t.SlotId, t.Status)).ToList(),
                now,
                options.CurrentValue.LateArrivalGraceMinutes,
                options.CurrentValue.DayCutOff);
            if (decision is not DayOver over)
            {
                continue;
            }

            var tokens = slots.SelectMany(s => s.Tokens).ToDictionary(t => t.Id);
            foreach (var closure in over.Closures)
            {
                var token = tokens[closure.TokenId];
                TokenWrites.Move(token, closure.To, now, closure.Reason);
                token.History.Add(TokenWrites.Event(token, now, TokenWrites.ActionName(closure.From, closure.To), closure.From, "system", closure.Reason));
                closed.Add((token, closure.From));
            }

            slots.ForEach(s => s.DayClosedAt = now);
            closedDays.Add((day.DoctorId, day.Date));
        }

        // The closures first, then each closed day's summary read back from them, in the same transaction.
        await db.SaveChangesAsync(ct);
        foreach (var (doctorId, date) in closedDays)
        {
            await DaySummaries.WriteAsync(db, doctorId, date, now, ct);
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        foreach (var (token, _) in closed)
        {
            changes.Announce(new OpdChange(token.SlotId, token.Id, token.Status.ToString()));
        }

        return new DayClosing(
            closedDays.Count,
            closed.Count(c => c.Token.Status == TokenStatus.NoShow),
            closed.Count(c => c.Token.Status == TokenStatus.Cancelled),
            closed.Count(c => c.Token.Status == TokenStatus.Completed));
    }
}

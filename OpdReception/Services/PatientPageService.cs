using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>The patient's own token page, found by the slip's code. Reads no name or phone.</summary>
public sealed class PatientPageService(IDbContextFactory<OpdDbContext> factory, HospitalClock clock, Microsoft.Extensions.Options.IOptionsMonitor<OpdOptions> options)
{
    public DateTime Now() => clock.Now;

    /// <summary>The token of this code, while its day lasts; an unknown code and a past day's look the same from outside.</summary>
    public async Task<PatientTokenPage?> ByCodeAsync(string? code, CancellationToken ct = default)
    {
        if (code is not { Length: TokenCodes.Length } || !code.All(char.IsAsciiLetterOrDigit))
        {
            return null;
        }

        var now = Now();
        await using var db = await factory.CreateDbContextAsync(ct);
        var facts = await db.Tokens.AsNoTracking().Where(t => t.Code == code)
            .Select(t => new { t.Id, t.Slot.DoctorId, t.Slot.Date, t.Slot.StartTime, t.Slot.Doctor.Room })
            .FirstOrDefaultAsync(ct);
        // A session run past midnight is still the patient's day: its OPD day, not the calendar, says when it is over.
        if (facts is null || (facts.Date < DateOnly.FromDateTime(now) && facts.Date < await OpdDays.OfDoctorAsync(db, facts.DoctorId, now, options.CurrentValue, ct)))
        {
            return null;
        }

        var view = (await SlotQueues.ViewAsync(db, facts.Id, now, options.CurrentValue.Weights, withHistory: false, ct))!;
        // The doctor's delay or break, whichever slot of the day it was declared on: it moves this patient's time too.
        var slots = await db.Slots.Where(s => s.DoctorId == facts.DoctorId && s.Date == facts.Date).OrderBy(s => s.StartTime)
            .Select(s => new { State = new SlotState(s.Id, s.DoctorId, s.Date, s.StartTime, s.EndTime, s.MaxCapacity, 0, 0, 0, s.Status, s.DelayMinutes, 0), s.StatusReason })
            .ToListAsync(ct);
        var notice = view.Status.IsPending()
            ? slots.Select(s => DoctorAway.CurrentNotice(s.State, s.StatusReason, now)).FirstOrDefault(n => n is not null)
            : null;
        return new PatientTokenPage(view.TokenNumber, view.DoctorName, facts.Room, facts.Date, facts.StartTime, view.Status,
            view.Position, view.EstimatedTime, notice, now);
    }
}

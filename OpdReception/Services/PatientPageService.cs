using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>The patient's own token page, found by the slip's code. Reads no name or phone.</summary>
public sealed class PatientPageService(IDbContextFactory<OpdDbContext> factory, HospitalClock clock, Microsoft.Extensions.Options.IOptionsMonitor<OpdOptions> options, PatientDayFeed days)
{
    public DateTime Now() => clock.Now;

    /// <summary>
    /// The token of this code, while its day lasts; an unknown code and a past day's look the same from outside. Each
    /// page reads its own token's row; its doctor's day comes from the read every page of that day shares.
    /// </summary>
    public async Task<PatientTokenPage?> ByCodeAsync(string? code, CancellationToken ct = default)
    {
        if (code is not { Length: TokenCodes.Length } || !code.All(char.IsAsciiLetterOrDigit))
        {
            return null;
        }

        var now = Now();
        await using var db = await factory.CreateDbContextAsync(ct);
        var facts = await db.Tokens.AsNoTracking().Where(t => t.Code == code)
            .Select(t => new { t.Id, t.TokenNumber, t.Status, t.Slot.DoctorId, t.Slot.Date, t.Slot.StartTime })
            .FirstOrDefaultAsync(ct);
        // A session run past midnight is still the patient's day: its OPD day, not the calendar, says when it is over.
        if (facts is null || (facts.Date < DateOnly.FromDateTime(now) && facts.Date < await OpdDays.OfDoctorAsync(db, facts.DoctorId, now, options.CurrentValue, ct)))
        {
            return null;
        }

        var day = await days.GetAsync(facts.DoctorId, facts.Date);
        var place = day.Timeline.PlaceOf(facts.Id);
        // The doctor's delay or break, whichever slot of the day it was declared on: it moves this patient's time too.
        var notice = facts.Status.IsPending()
            ? day.Slots.Select(s => DoctorAway.CurrentNotice(s.State, s.Reason, now)).FirstOrDefault(n => n is not null)
            : null;
        return new PatientTokenPage(TokenLabels.Format(day.LabelPrefix, facts.TokenNumber), day.DoctorName, day.Room, facts.Date, facts.StartTime,
            facts.Status, place?.Position, place?.EstimatedTime, notice, now);
    }
}

/// <summary>What every patient page of one doctor's day shows alike: the doctor, the arranged day, and each slot's notice.</summary>
public sealed record PatientDay(string DoctorName, string? Room, string LabelPrefix, DayTimeline Timeline, IReadOnlyList<SlotNotice> Slots);

public sealed record SlotNotice(SlotState State, string? Reason);

/// <summary>
/// One read of a doctor's day per change for all the patient pages of that day: a waiting room of phones following
/// their tokens costs one arrangement of the day per change, not one per phone (see <see cref="SharedReads{TKey, TValue}"/>).
/// </summary>
public sealed class PatientDayFeed(
    IDbContextFactory<OpdDbContext> factory, HospitalClock clock, Microsoft.Extensions.Options.IOptionsMonitor<OpdOptions> options, OpdChanges changes, TimeProvider time)
{
    private readonly SharedReads<(int DoctorId, DateOnly Date), PatientDay> _days = new(changes, time);

    /// <summary>How many times a day was read from the database.</summary>
    public long Reads => _days.Reads;

    public Task<PatientDay> GetAsync(int doctorId, DateOnly date) => _days.GetAsync((doctorId, date), async () =>
    {
        var now = clock.Now;
        await using var db = await factory.CreateDbContextAsync();
        var doctor = await db.Doctors.AsNoTracking().Where(d => d.Id == doctorId).Select(d => new { d.Name, d.Room, d.LabelPrefix }).SingleAsync();
        var timeline = await SlotQueues.DayAsync(db, doctorId, date, now, options.CurrentValue.Weights, CancellationToken.None);
        var slots = await db.Slots.Where(s => s.DoctorId == doctorId && s.Date == date).OrderBy(s => s.StartTime)
            .Select(s => new SlotNotice(new SlotState(s.Id, s.DoctorId, s.Date, s.StartTime, s.EndTime, s.MaxCapacity, 0, 0, 0, s.Status, s.DelayMinutes, 0), s.StatusReason))
            .ToListAsync();
        return new PatientDay(doctor.Name, doctor.Room, doctor.LabelPrefix, timeline, slots);
    });
}

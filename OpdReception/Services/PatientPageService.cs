using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>The patient's own token page, found by the slip's code. Reads no name or phone.</summary>
public sealed class PatientPageService(
    IDbContextFactory<OpdDbContext> factory, HospitalClock clock, IOptionsMonitor<OpdOptions> options, IOptionsMonitor<NotificationOptions> notifications, PatientDayFeed days)
{
    public DateTime Now() => clock.Now;

    /// <summary>
    /// The token of this code, while its day lasts; an unknown code and a past day's look the same from outside. Each
    /// page reads its own token's row; its doctor's day comes from the read every page of that day shares.
    /// </summary>
    public async Task<PatientTokenPage?> ByCodeAsync(string? code, CancellationToken ct = default)
    {
        var now = Now();
        TokenFacts? facts;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            facts = await FindAsync(db, code, now, options.CurrentValue, ct);
        }

        return facts is null ? null : await ComposeAsync(facts, now);
    }

    /// <summary>
    /// The page again for a stream that read its token before and has heard of no change to it since: only the day
    /// every page of that doctor shares is read, not the token's row. Past the token's date (a session run past
    /// midnight) the full read decides whether the page is still available.
    /// </summary>
    internal async Task<PatientTokenPage?> AgainAsync(string code, TokenFacts facts, CancellationToken ct = default) =>
        facts.Date >= DateOnly.FromDateTime(Now()) ? await ComposeAsync(facts, Now()) : await ByCodeAsync(code, ct);

    private async Task<PatientTokenPage> ComposeAsync(TokenFacts facts, DateTime now)
    {
        var day = await days.GetAsync(facts.DoctorId, facts.Date);
        var place = day.Timeline.PlaceOf(facts.Id);
        // The doctor's delay or break, whichever slot of the day it was declared on: it moves this patient's time too.
        var notice = facts.Status.IsPending()
            ? day.Slots.Select(s => DoctorAway.CurrentNotice(s.State, s.Reason, now)).FirstOrDefault(n => n is not null)
            : null;
        return new PatientTokenPage(TokenLabels.Format(day.LabelPrefix, facts.TokenNumber), day.DoctorName, day.Room, facts.Date, facts.StartTime,
            facts.Status, place?.Position, place?.EstimatedTime, notice, now)
        {
            EstimatedFrom = place?.EstimatedFrom,
            EstimatedTo = place?.EstimatedTo,
            TokenId = facts.Id,
            Language = PatientPageRules.Language(facts.Language, notifications.CurrentValue.DefaultLanguageCode),
            MessagesOptOut = facts.MessagesOptOut,
            FeedbackScore = facts.FeedbackScore,
            DaySlots = day.SlotIds,
            Facts = facts,
        };
    }

    /// <summary>The token behind a code while its page is available: a well-formed code of a token whose OPD day is not over.</summary>
    internal static async Task<TokenFacts?> FindAsync(OpdDbContext db, string? code, DateTime now, OpdOptions options, CancellationToken ct)
    {
        if (code is not { Length: TokenCodes.Length } || !code.All(char.IsAsciiLetterOrDigit))
        {
            return null;
        }

        code = TokenCodes.Normalise(code);
        var facts = await db.Tokens.AsNoTracking().Where(t => t.Code == code)
            .Select(t => new TokenFacts(t.Id, t.PatientId, t.TokenNumber, t.Status, t.Slot.DoctorId, t.Slot.Date, t.Slot.StartTime,
                t.Patient.Language, t.Patient.MessagesOptOut, t.FeedbackScore))
            .FirstOrDefaultAsync(ct);
        // A session run past midnight is still the patient's day: its OPD day, not the calendar, says when it is over.
        if (facts is null || (facts.Date < DateOnly.FromDateTime(now) && facts.Date < await OpdDays.OfDoctorAsync(db, facts.DoctorId, now, options, ct)))
        {
            return null;
        }

        return facts;
    }
}

internal sealed record TokenFacts(
    int Id, string PatientId, int TokenNumber, TokenStatus Status, int DoctorId, DateOnly Date, TimeOnly StartTime, string? Language, bool MessagesOptOut, int? FeedbackScore);

/// <summary>The patient's own token page: no name, no phone.</summary>
public sealed record PatientTokenPage(
    string TokenNumber,
    string DoctorName,
    string? Room,
    DateOnly Date,
    TimeOnly SlotStart,
    TokenStatus Status,
    int? Position,
    DateTime? EstimatedTime,
    string? Notice,
    DateTime Now)
{
    /// <summary>The range told with the estimate, "11:10–11:35": its early end; null while none is known.</summary>
    public DateTime? EstimatedFrom { get; init; }

    public DateTime? EstimatedTo { get; init; }

    public int TokenId { get; init; }

    /// <summary>"en", "hi" or "ta": the patient's own, else the hospital's default.</summary>
    public string Language { get; init; } = "en";

    public bool MessagesOptOut { get; init; }

    public int? FeedbackScore { get; init; }

    /// <summary>The slots of the doctor's day: a change to any of them may move this patient's place.</summary>
    public IReadOnlyList<int> DaySlots { get; init; } = [];

    /// <summary>The token's row as read, for reading the page again without it (<see cref="PatientPageService.AgainAsync"/>).</summary>
    internal TokenFacts? Facts { get; init; }
}

/// <summary>What every patient page of one doctor's day shows alike: the doctor, the arranged day, and each slot's notice.</summary>
public sealed record PatientDay(string DoctorName, string? Room, string LabelPrefix, DayTimeline Timeline, IReadOnlyList<SlotNotice> Slots)
{
    /// <summary>One list for every open page of the day: each stream keeps it to tell which changes concern it.</summary>
    public IReadOnlyList<int> SlotIds { get; } = [.. Slots.Select(s => s.State.Id)];
}

public sealed record SlotNotice(SlotState State, string? Reason);

/// <summary>
/// One read of a doctor's day per change for all the patient pages of that day: a waiting room of phones following
/// their tokens costs one arrangement of the day per change, not one per phone (see <see cref="SharedReads{TKey, TValue}"/>).
/// </summary>
public sealed class PatientDayFeed(
    IDbContextFactory<OpdDbContext> factory, HospitalClock clock, IOptionsMonitor<OpdOptions> options, OpdChanges changes, TimeProvider time)
{
    private readonly SharedReads<(int DoctorId, DateOnly Date), PatientDay> _days = new(changes, time);

    /// <summary>How many times a day was read from the database.</summary>
    public long Reads => _days.Reads;

    public Task<PatientDay> GetAsync(int doctorId, DateOnly date) => _days.GetAsync((doctorId, date), async () =>
    {
        var now = clock.Now;
        await using var db = await factory.CreateDbContextAsync();
        var doctor = await db.Doctors.AsNoTracking().Where(d => d.Id == doctorId).Select(d => new { d.Name, d.Room, d.LabelPrefix }).SingleAsync();
        var timeline = await SlotQueues.DayAsync(db, doctorId, date, now, options.CurrentValue.Weights, options.CurrentValue.Estimates, CancellationToken.None);
        var slots = await db.Slots.Where(s => s.DoctorId == doctorId && s.Date == date).OrderBy(s => s.StartTime)
            .Select(s => new SlotNotice(new SlotState(s.Id, s.DoctorId, s.Date, s.StartTime, s.EndTime, s.MaxCapacity, 0, 0, 0, s.Status, s.DelayMinutes, 0), s.StatusReason))
            .ToListAsync();
        return new PatientDay(doctor.Name, doctor.Room, doctor.LabelPrefix, timeline, slots);
    });
}

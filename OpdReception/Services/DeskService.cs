using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>
/// What the reception desk reads: today at a glance, patients while typing, slips, offers. Reads only;
/// every write goes through a token handler (<see cref="IssueToken"/>, <see cref="ChangeTokenStatus"/>, <see cref="MoveToken"/>, <see cref="ReallocateSlot"/>) or <see cref="SlotService"/>.
/// </summary>
public sealed partial class DeskService(
    IDbContextFactory<OpdDbContext> factory,
    HospitalClock clock,
    IOptionsMonitor<OpdOptions> options)
{
    private OpdOptions Settings => options.CurrentValue;

    public DateTime Now() => clock.Now;

    public DateOnly Today() => clock.Today;

    /// <summary>Every doctor with a slot today, in name order. Costs one day's slots, whatever the history.</summary>
    public Task<IReadOnlyList<DoctorDay>> TodayAsync(CancellationToken ct = default) => DayAsync(null, ct);

    /// <summary>
    /// Every doctor with a slot on <paramref name="date"/> (today when null), in name order. Today is each doctor's own
    /// OPD day; another date is that calendar date, whose next seat is a booking's, since walk-ins are for today only.
    /// </summary>
    public async Task<IReadOnlyList<DoctorDay>> DayAsync(DateOnly? date, CancellationToken ct = default)
    {
        var now = Now();
        await using var db = await factory.CreateDbContextAsync(ct);

        // Each doctor's own OPD day: a session run past midnight stays on the desk until it is done.
        var days = await OpdDays.OfDoctorsAsync(db, null, now, Settings, ct);
        var isToday = date is null || date == days.Calendar;
        var (today, yesterday) = isToday ? (days.Calendar, days.Yesterday) : (date!.Value, date.Value);
        bool Holds(int doctorId, DateOnly day) => isToday ? days.Holds(doctorId, day) : day == today;
        var seat = isToday ? TokenSource.WalkIn : TokenSource.Online;
        var slots = (await db.Slots.Where(s => s.Date == today || s.Date == yesterday).OrderBy(s => s.StartTime).ToViewsAsync(ct))
            .Where(s => Holds(s.DoctorId, s.Date)).ToList();
        var states = (await db.Slots.Where(s => s.Date == today || s.Date == yesterday).Select(Projections.SlotState).ToListAsync(ct))
            .Where(s => Holds(s.DoctorId, s.Date)).ToList();
        var doctorIds = slots.Select(s => s.DoctorId).Distinct().ToList();
        var doctors = await db.Doctors.AsNoTracking().Where(d => doctorIds.Contains(d.Id)).ToListAsync(ct);
        var active = (await db.Tokens.AsNoTracking()
            .Where(t => (t.Slot.Date == today || t.Slot.Date == yesterday)
                && (t.Status == TokenStatus.Waiting || t.Status == TokenStatus.InConsultation || t.Status == TokenStatus.Booked))
            .Select(t => new { t.Slot.DoctorId, t.Slot.Date, t.Status, t.TokenNumber, t.Slot.Doctor.LabelPrefix })
            .ToListAsync(ct))
            .Where(t => Holds(t.DoctorId, t.Date)).ToList();

        return doctors.OrderBy(d => d.Name).Select(d =>
        {
            var own = states.Where(s => s.DoctorId == d.Id).ToList();
            var next = own.Where(s => WalkInHold.Takes(s, seat, now)).OrderBy(s => s.StartsAt).FirstOrDefault();
            var nextOnline = own.Where(s => WalkInHold.Takes(s, TokenSource.Online, now)).OrderBy(s => s.StartsAt).FirstOrDefault();
            var seeing = active.FirstOrDefault(t => t.DoctorId == d.Id && t.Status == TokenStatus.InConsultation);
            return new DoctorDay(
                d.ToView(),
                slots.Where(s => s.DoctorId == d.Id).ToList(),
                seeing is null ? null : TokenLabels.Format(seeing.LabelPrefix, seeing.TokenNumber),
                active.Count(t => t.DoctorId == d.Id && t.Status == TokenStatus.Waiting),
                next is null ? null : slots.Single(s => s.Id == next.Id),
                nextOnline is null ? null : slots.Single(s => s.Id == nextOnline.Id));
        }).ToList();
    }

    /// <summary>
    /// Patients whose id or phone starts with, or whose name contains, what the desk typed. Phone digits are
    /// compared without the spaces and dashes people type them with.
    /// </summary>
    public async Task<IReadOnlyList<PatientMatch>> FindPatientsAsync(string? typed, CancellationToken ct = default)
    {
        var term = Validation.Clean(typed);
        if (term is null || term.Length < 2)
        {
            return [];
        }

        var digits = new string(term.Where(char.IsDigit).ToArray());
        var upper = term.ToUpperInvariant();
        var lower = term.ToLowerInvariant();
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = db.Patients.AsNoTracking().Where(p =>
            p.Id.StartsWith(upper)
            || p.Name.ToLower().Contains(lower)
            || (digits.Length >= 3 && p.Phone != null && p.Phone.Replace(" ", "").Replace("-", "").Contains(digits)));
        return await query.OrderBy(p => p.Name).ThenBy(p => p.Id).Take(8)
            .Select(p => new PatientMatch(p.Id, p.Name, p.Phone))
            .ToListAsync(ct);
    }

    /// <summary>The active token this patient already holds with the doctor on that day, if any: the form warns before submitting.</summary>
    public async Task<string?> HeldTokenAsync(string? patientId, int doctorId, DateOnly date, CancellationToken ct = default)
    {
        if (Validation.Clean(patientId)?.ToUpperInvariant() is not { } id)
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var held = await db.Tokens.AsNoTracking()
            .Where(t => t.PatientId == id && t.Slot.DoctorId == doctorId && t.Slot.Date == date)
            .Where(Projections.IsActive)
            .Select(t => new { t.TokenNumber, t.Slot.StartTime, t.Slot.Doctor.LabelPrefix })
            .FirstOrDefaultAsync(ct);
        return held is null ? null : $"{TokenLabels.Format(held.LabelPrefix, held.TokenNumber)} in the {held.StartTime:HH\\:mm} slot";
    }

    /// <summary>The slots a token of this source could go into from today on, earliest first.</summary>
    public async Task<IReadOnlyList<SlotView>> BookableSlotsAsync(int doctorId, DateOnly date, CancellationToken ct = default)
    {
        var now = Now();
        await using var db = await factory.CreateDbContextAsync(ct);
        var open = (await db.Slots.Where(s => s.DoctorId == doctorId && s.Date == date).Select(Projections.SlotState).ToListAsync(ct))
            .Where(s => s.TakesTokens(now))
            .Select(s => s.Id)
            .ToHashSet();
        return (await db.Slots.Where(s => s.DoctorId == doctorId && s.Date == date).OrderBy(s => s.StartTime).ToViewsAsync(ct))
            .Where(s => open.Contains(s.Id))
            .ToList();
    }

    /// <summary>
    /// Where a token could be moved with this doctor: slots taking tokens from <paramref name="from"/> for
    /// <paramref name="days"/> days, earliest first, none on a day the doctor is on leave.
    /// </summary>
    public async Task<IReadOnlyList<SlotView>> SlotsFromAsync(int doctorId, DateOnly from, int days, CancellationToken ct = default)
    {
        var now = Now();
        var to = from.AddDays(days - 1);
        await using var db = await factory.CreateDbContextAsync(ct);
        var leave = await db.Leaves.Where(l => l.DoctorId == doctorId && l.From <= to && l.To >= from).Select(l => new { l.From, l.To }).ToListAsync(ct);
        var ofDays = db.Slots.Where(s => s.DoctorId == doctorId && s.Date >= from && s.Date <= to);
        var open = (await ofDays.Select(Projections.SlotState).ToListAsync(ct)).Where(s => s.TakesTokens(now)).Select(s => s.Id).ToHashSet();
        return (await ofDays.ToViewsAsync(ct))
            .Where(s => open.Contains(s.Id) && !leave.Any(l => l.From <= s.Date && s.Date <= l.To))
            .OrderBy(s => s.Date).ThenBy(s => s.StartTime)
            .ToList();
    }

    /// <summary>The days from <paramref name="from"/> on, <paramref name="days"/> of them, on which the doctor has a slot taking tokens: the booking calendar marks them.</summary>
    public async Task<IReadOnlySet<DateOnly>> OpenDaysAsync(int doctorId, DateOnly from, int days, CancellationToken ct = default)
    {
        var now = Now();
        var until = from.AddDays(days);
        await using var db = await factory.CreateDbContextAsync(ct);
        return (await db.Slots.Where(s => s.DoctorId == doctorId && s.Date >= from && s.Date < until).Select(Projections.SlotState).ToListAsync(ct))
            .Where(s => s.TakesTokens(now) && s.OrdinarySeatsFree > 0)
            .Select(s => s.Date)
            .ToHashSet();
    }

    /// <summary>Why the doctor has no slot taking tokens on that date, in the desk's words (<see cref="NoSlotRules"/>).</summary>
    public async Task<string> WhyNoSlotAsync(int doctorId, DateOnly date, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var doctor = await db.Doctors.AsNoTracking().Where(d => d.Id == doctorId).Select(d => new { d.Name, d.OpdDays }).FirstOrDefaultAsync(ct);
        if (doctor is null)
        {
            return "Choose a doctor first.";
        }

        var (monday, sunday) = (NoSlotRules.WeekStart(date), NoSlotRules.WeekStart(date).AddDays(6));
        var onLeave = await db.Leaves.AnyAsync(l => l.DoctorId == doctorId && l.From <= date && date <= l.To, ct);
        var thatDay = await db.Slots.Where(s => s.DoctorId == doctorId && s.Date == date).Select(Projections.SlotState).ToListAsync(ct);
        var thatWeek = await db.Slots.CountAsync(s => s.DoctorId == doctorId && s.Date >= monday && s.Date <= sunday, ct);
        return NoSlotRules.Why(date, Now(), doctor.OpdDays, onLeave, thatDay, thatWeek).Describe(doctor.Name);
    }

    /// <summary>A slot and the time a patient of this source issued now would be seen, by the queue's own rules.</summary>
    public async Task<SlotOffer?> OfferAsync(int slotId, TokenSource source, CancellationToken ct = default)
    {
        var now = Now();
        await using var db = await factory.CreateDbContextAsync(ct);
        var view = (await db.Slots.Where(s => s.Id == slotId).ToViewsAsync(ct)).FirstOrDefault();
        if (view is null)
        {
            return null;
        }

        // The newcomer arrives now and sorts after everyone of its class; int.MaxValue keeps it behind exact ties.
        var newcomer = new DayEntry(int.MaxValue, slotId, source, source.InitialStatus(), Settings.Weights.For(source), now);
        var day = await SlotQueues.DayAsync(db, view.DoctorId, view.Date, now, Settings.Weights, Settings.Estimates, ct, newcomer);
        var place = day.PlaceOf(int.MaxValue);
        return new SlotOffer(view, place?.EstimatedTime, place?.EstimatedFrom, place?.EstimatedTo);
    }

    public async Task<Result<SlipView>> SlipAsync(int tokenId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var token = await SlotQueues.ViewAsync(db, tokenId, Now(), Settings.Weights, Settings.Estimates, withHistory: false, ct);
        if (token is null)
        {
            return OpdProblem.NotFound("Token", tokenId);
        }

        var facts = await db.Tokens.AsNoTracking().Where(t => t.Id == tokenId)
            .Select(t => new { t.Code, t.Slot.Date, t.Slot.StartTime, t.Slot.Doctor.Room, t.Patient.Sex, t.Patient.BirthDate, t.Patient.BirthDateIsApproximate })
            .SingleAsync(ct);
        return new SlipView(Settings.HospitalName, token.TokenNumber, token.DoctorName, facts.Room, facts.Date, facts.StartTime,
            token.EstimatedTime, token.Source, facts.Code, PatientFacts.SexAndAge(facts.Sex, facts.BirthDate, facts.BirthDateIsApproximate, Today()),
            token.EstimatedFrom, token.EstimatedTo);
    }

    /// <summary>The doctor's day: costs that day's slots and tokens, whatever the history.</summary>
    /// <param name="date">The day to show; null for the doctor's OPD day today.</param>
    public async Task<Result<BoardView>> BoardAsync(int doctorId, DateOnly? date = null, CancellationToken ct = default)
    {
        var now = Now();
        await using var db = await factory.CreateDbContextAsync(ct);
        var doctor = await db.Doctors.AsNoTracking().FirstOrDefaultAsync(d => d.Id == doctorId, ct);
        if (doctor is null)
        {
            return OpdProblem.NotFound("Doctor", doctorId);
        }

        var today = date ?? await OpdDays.OfDoctorAsync(db, doctorId, now, Settings, ct);

        var slots = await db.Slots.AsNoTracking()
            .Include(s => s.Doctor)
            .Include(s => s.Tokens).ThenInclude(t => t.Patient)
            .Where(s => s.DoctorId == doctorId && s.Date == today)
            .OrderBy(s => s.StartTime)
            .AsSplitQuery()
            .ToListAsync(ct);
        // The board lists the doctor's day in the order the doctor sees patients.
        var day = await SlotQueues.DayAsync(db, doctorId, today, now, Settings.Weights, Settings.Estimates, ct);
        var slotOf = slots.ToDictionary(s => s.Id);
        var tokens = slots.SelectMany(s => s.Tokens).ToDictionary(t => t.Id);
        var queue = day.Places.Where(p => tokens.ContainsKey(p.TokenId)).Select(p => tokens[p.TokenId].ToView(slotOf[p.SlotId], p)).ToList();
        var inQueue = queue.Select(t => t.Id).ToHashSet();
        var rest = slots.SelectMany(s => s.Tokens.Where(t => !inQueue.Contains(t.Id)).Select(t => t.ToView(s, null)))
            .OrderBy(t => t.SlotStartTime).ThenBy(t => t.CreatedAt)
            .ToList();
        return new BoardView(doctor.ToView(), today, now, slots.Select(s => s.ToView()).ToList(), queue, rest);
    }
}

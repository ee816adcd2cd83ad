using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <param name="ExtraSession">Opens the slot on a day that is not one of the doctor's OPD days.</param>
/// <param name="WalkInSeatsHeld">Seats kept from online booking for walk-ins (<see cref="WalkInHold"/>); none when not given on a new slot.</param>
/// <param name="HoldReleaseMinutes">How long before the start the held seats open to anyone.</param>
public sealed record SlotRequest(
    int? DoctorId, DateOnly? Date, TimeOnly? StartTime, TimeOnly? EndTime, int? MaxCapacity, int? MinutesPerConsultation, bool? ExtraSession = null,
    int? WalkInSeatsHeld = null, int? HoldReleaseMinutes = null);

/// <summary>A slot's own settings and status; its tokens are only ever written by the token handlers (<see cref="IssueToken"/>, <see cref="ChangeTokenStatus"/>, <see cref="MoveToken"/>, <see cref="ReallocateSlot"/> and the rest).</summary>
public sealed partial class SlotService(
    IDbContextFactory<OpdDbContext> factory,
    HospitalClock clock,
    IOptionsMonitor<OpdOptions> options,
    OpdChanges changes,
    PatientOutbox outbox)
{
    private DateTime Now() => clock.Now;

    public async Task<Result<SlotView>> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var slot = (await db.Slots.Where(s => s.Id == id).ToViewsAsync(ct)).FirstOrDefault();
        return slot is null ? OpdProblem.NotFound("Slot", id) : slot;
    }

    public async Task<IReadOnlyList<SlotView>> ListAsync(DateOnly? date, int? doctorId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = db.Slots.AsQueryable();
        if (date is { } day)
        {
            query = query.Where(s => s.Date == day);
        }

        if (doctorId is { } doctor)
        {
            query = query.Where(s => s.DoctorId == doctor);
        }

        return await query.OrderBy(s => s.Date).ThenBy(s => s.StartTime).ThenBy(s => s.DoctorId).ToViewsAsync(ct);
    }

    public async Task<Result<IReadOnlyList<SlotView>>> ByDoctorAsync(int doctorId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await db.Doctors.AnyAsync(d => d.Id == doctorId, ct))
        {
            return OpdProblem.NotFound("Doctor", doctorId);
        }

        return (await ListAsync(null, doctorId, ct)).ToList();
    }

    /// <summary>
    /// Slots that would issue a token right now to this patient (a walk-in unless said): taking tokens, not over,
    /// with a free seat, and for an online booking one not held for walk-ins.
    /// </summary>
    public async Task<Result<IReadOnlyList<SlotView>>> AvailableAsync(int doctorId, DateOnly date, CancellationToken ct = default,
        TokenSource source = TokenSource.WalkIn)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await db.Doctors.AnyAsync(d => d.Id == doctorId, ct))
        {
            return OpdProblem.NotFound("Doctor", doctorId);
        }

        var now = Now();
        var states = await db.Slots.Where(s => s.DoctorId == doctorId && s.Date == date).Select(Projections.SlotState).ToListAsync(ct);
        var open = states.Where(s => WalkInHold.Takes(s, source, now)).Select(s => s.Id).ToHashSet();
        return (await ListAsync(date, doctorId, ct)).Where(s => open.Contains(s.Id)).ToList();
    }

    public async Task<Result<SlotStats>> StatsAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var slot = await SlotQueues.ReadAsync(db, id, ct);
        if (slot is null)
        {
            return OpdProblem.NotFound("Slot", id);
        }

        var view = slot.ToView();
        var day = await SlotQueues.DayAsync(db, slot.DoctorId, slot.Date, Now(), options.CurrentValue.Weights, options.CurrentValue.Estimates, ct);
        var places = day.Places.Where(p => p.SlotId == slot.Id).ToList();
        return new SlotStats(
            view,
            slot.Tokens.Count,
            Enum.GetValues<TokenStatus>().ToDictionary(s => s, s => slot.Tokens.Count(t => t.Status == s)),
            Enum.GetValues<TokenSource>().ToDictionary(s => s, s => slot.Tokens.Count(t => t.Source == s)),
            places.Count(p => p.Position is not null),
            view.EffectiveCapacity == 0 ? 0 : Math.Round((double)view.BookedCount / view.EffectiveCapacity, 3),
            places.Count(p => p.PastSlotEnd));
    }

    /// <summary>The walk-in hold asked for, or the slot's own when not given, against the capacity it will have.</summary>
    private static OpdProblem? Hold(SlotRequest request, int capacity, int held, int release) =>
        WalkInHold.Check(request.WalkInSeatsHeld ?? held, request.HoldReleaseMinutes ?? release, capacity) is { } bad
            ? OpdProblem.Invalid(request.HoldReleaseMinutes is < 0 or > WalkInHold.MaxReleaseMinutes ? "holdReleaseMinutes" : "walkInSeatsHeld", bad)
            : null;
}

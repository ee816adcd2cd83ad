using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>
/// Reads a token, a patient's tokens, a slot's queue and the doctor's day as one timeline (what the reception board
/// and the doctor's console show). Writes nothing; every write is a handler of its own (<see cref="IssueToken"/>,
/// <see cref="ChangeTokenStatus"/>, <see cref="CallNext"/>, <see cref="MoveToken"/>, <see cref="ReallocateSlot"/>,
/// <see cref="SweepNoShows"/>, <see cref="CloseFinishedDays"/>).
/// </summary>
public sealed class TokenQueries(
    IDbContextFactory<OpdDbContext> factory, HospitalClock clock, IOptionsMonitor<OpdOptions> options, IOptions<Messages.MessageDeliveryOptions> messages)
{
    /// <summary>The token with its history, and the messages sent to the patient about it.</summary>
    public async Task<Result<TokenView>> GetAsync(int tokenId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var view = await SlotQueues.ViewAsync(db, tokenId, clock.Now, options.CurrentValue.Weights, options.CurrentValue.Estimates, withHistory: true, ct);
        return view is null
            ? OpdProblem.NotFound("Token", tokenId)
            : view with { Messages = await Messages.MessageAdminService.OfTokenAsync(db, tokenId, messages.Value, ct) };
    }

    /// <summary>
    /// One query for the patient's tokens through their index; only a token still waiting needs its slot's queue
    /// for a position, so a long history costs its own rows and nothing more.
    /// </summary>
    public async Task<IReadOnlyList<TokenView>> ByPatientAsync(string patientId, CancellationToken ct = default)
    {
        patientId = patientId.Trim().ToUpperInvariant();
        await using var db = await factory.CreateDbContextAsync(ct);
        var tokens = await db.Tokens.AsNoTracking()
            .Include(t => t.Patient).Include(t => t.Slot).ThenInclude(s => s.Doctor)
            .Where(t => t.PatientId == patientId)
            .ToListAsync(ct);
        var views = new List<TokenView>();
        foreach (var token in tokens)
        {
            views.Add(token.Status.IsActive()
                ? (await SlotQueues.ViewAsync(db, token.Id, clock.Now, options.CurrentValue.Weights, options.CurrentValue.Estimates, withHistory: false, ct))!
                : token.ToView(token.Slot, null));
        }

        return views.OrderByDescending(v => v.CreatedAt).ToList();
    }

    public async Task<Result<QueueView>> QueueAsync(int slotId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var slot = await SlotQueues.SlotWithDoctor(db, slotId, ct);
        if (slot is null)
        {
            return OpdProblem.NotFound("Slot", slotId);
        }

        // The positions are the doctor's day's, so the day is read; only this slot's tokens are shown.
        var day = await SlotQueues.ScreenAsync(db, slot.DoctorId, slot.Date, clock.Now, options.CurrentValue.Weights, options.CurrentValue.Estimates, ct);
        return new QueueView(day.SlotView(slot)!, day.Views(slot.Doctor.Name, slotId));
    }

    /// <summary>Every active token of the doctor's day (today unless a date is given), in the order the doctor sees them.</summary>
    public async Task<Result<DayQueueView>> DayQueueAsync(int doctorId, DateOnly? date = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var doctor = await db.Doctors.AsNoTracking().FirstOrDefaultAsync(d => d.Id == doctorId, ct);
        if (doctor is null)
        {
            return OpdProblem.NotFound("Doctor", doctorId);
        }

        var now = clock.Now;
        var day = date ?? await OpdDays.OfDoctorAsync(db, doctorId, now, options.CurrentValue, ct);
        var slots = new List<Slot>();
        await foreach (var slot in SlotQueues.SlotsWithDoctor(db, doctorId, day).WithCancellation(ct))
        {
            slots.Add(slot);
        }

        var screen = await SlotQueues.ScreenAsync(db, doctorId, day, now, options.CurrentValue.Weights, options.CurrentValue.Estimates, ct);
        var slotViews = slots.OrderBy(s => s.StartTime).ThenBy(s => s.Id).Select(screen.SlotView).OfType<SlotView>().ToList();
        return new DayQueueView(doctor.ToView(), day, now, slotViews, screen.Views(doctor.Name));
    }
}

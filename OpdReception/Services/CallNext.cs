using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>The doctor calls the next patient, in the order of the doctor's day; the call itself is a status change.</summary>
public sealed class CallNext(
    IDbContextFactory<OpdDbContext> factory,
    HospitalClock clock,
    IOptionsMonitor<OpdOptions> options,
    ChangeTokenStatus status)
{
    /// <summary>
    /// The doctor's "next patient" within one slot: the first checked-in patient of that slot in the order of the
    /// doctor's day. Bookings not yet here are passed over.
    /// </summary>
    public async Task<Result<TokenView>> CallNextAsync(int slotId, Actor by, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var slot = await SlotQueues.LoadForChangeAsync(db, slotId, ct);
        if (slot is null)
        {
            return OpdProblem.NotFound("Slot", slotId);
        }

        var day = await SlotQueues.DayAsync(db, slot.DoctorId, slot.Date, clock.Now, options.CurrentValue.Weights, options.CurrentValue.Estimates, ct);
        var awaiting = await AwaitingRecallAsync(db, day.Places, ct);
        if (DayQueue.NextToCall(day.Places, inSlot: slot.Id, awaitingRecall: awaiting) is not { } next)
        {
            return OpdProblem.Conflict("No checked-in patient is waiting in this slot." + RecallHint(day.Places.Where(p => p.SlotId == slot.Id), awaiting));
        }

        var token = slot.Tokens.Single(t => t.Id == next.TokenId);
        return await status.ApplyAsync(db, tx, slot, token, TokenStatus.InConsultation, null, by, ct);
    }

    /// <summary>
    /// The doctor's "next patient" across the whole day: the first checked-in patient of the day queue. Booked
    /// patients who have not arrived are passed over; the doctor sees one patient at a time.
    /// </summary>
    public async Task<Result<TokenView>> CallNextForDoctorAsync(int doctorId, DateOnly? date, Actor by, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        if (!await db.Doctors.AnyAsync(d => d.Id == doctorId, ct))
        {
            return OpdProblem.NotFound("Doctor", doctorId);
        }

        var now = clock.Now;
        var day = date ?? await OpdDays.OfDoctorAsync(db, doctorId, now, options.CurrentValue, ct);
        var places = (await SlotQueues.DayAsync(db, doctorId, day, now, options.CurrentValue.Weights, options.CurrentValue.Estimates, ct)).Places;
        var awaiting = await AwaitingRecallAsync(db, places, ct);
        if (DayQueue.NextToCall(places, awaitingRecall: awaiting) is not { } next)
        {
            var withDoctor = places.FirstOrDefault(p => p.Status == TokenStatus.InConsultation);
            return OpdProblem.Conflict((withDoctor is null
                ? $"No checked-in patient is waiting for this doctor on {day:ddd d MMM}."
                : "No other checked-in patient is waiting; the doctor is still with a patient.") + RecallHint(places, awaiting));
        }

        var slot = (await SlotQueues.LoadForChangeAsync(db, next.SlotId, ct))!;
        var token = slot.Tokens.Single(t => t.Id == next.TokenId);
        return await status.ApplyAsync(db, tx, slot, token, TokenStatus.InConsultation, null, by, ct);
    }

    /// <summary>Waiting patients whose last console action was "not here": they await the doctor's Recall.</summary>
    private static async Task<IReadOnlySet<int>> AwaitingRecallAsync(OpdDbContext db, IReadOnlyList<DayPlace> places, CancellationToken ct)
    {
        var waiting = places.Where(p => p.Status == TokenStatus.Waiting).Select(p => p.TokenId).ToList();
        string[] actions = [.. DoctorConsole.Undoable, DoctorConsole.UndoneAction];
        var last = await db.TokenEvents.AsNoTracking()
            .Where(e => waiting.Contains(e.TokenId) && actions.Contains(e.Action))
            .GroupBy(e => e.TokenId)
            .Select(g => g.OrderByDescending(e => e.Id).Select(e => new { e.TokenId, e.Action }).First())
            .ToListAsync(ct);
        return last.Where(e => e.Action == DoctorConsole.NotHere).Select(e => e.TokenId).ToHashSet();
    }

    private static string RecallHint(IEnumerable<DayPlace> places, IReadOnlySet<int> awaiting) =>
        places.Any(p => awaiting.Contains(p.TokenId))
            ? " Patients sent back as not here are called again with Recall."
            : "";
}

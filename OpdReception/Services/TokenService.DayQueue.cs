using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>The doctor's day as one timeline: what the reception board and the doctor's console show, and "next patient".</summary>
public sealed partial class TokenService
{
    /// <summary>Every active token of the doctor's day (today unless a date is given), in the order the doctor sees them.</summary>
    public async Task<Result<DayQueueView>> DayQueueAsync(int doctorId, DateOnly? date = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var doctor = await db.Doctors.AsNoTracking().FirstOrDefaultAsync(d => d.Id == doctorId, ct);
        if (doctor is null)
        {
            return OpdProblem.NotFound("Doctor", doctorId);
        }

        var now = Now();
        var day = date ?? await OpdDays.OfDoctorAsync(db, doctorId, now, Settings, ct);
        var slots = new List<Slot>();
        await foreach (var slot in SlotQueues.SlotsWithDoctor(db, doctorId, day).WithCancellation(ct))
        {
            slots.Add(slot);
        }

        var screen = await SlotQueues.ScreenAsync(db, doctorId, day, now, Settings.Weights, ct);
        var slotViews = slots.OrderBy(s => s.StartTime).ThenBy(s => s.Id).Select(screen.SlotView).OfType<SlotView>().ToList();
        return new DayQueueView(doctor.ToView(), day, now, slotViews, screen.Views(doctor.Name));
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

        var now = Now();
        var day = date ?? await OpdDays.OfDoctorAsync(db, doctorId, now, Settings, ct);
        var places = (await SlotQueues.DayAsync(db, doctorId, day, now, Settings.Weights, ct)).Places;
        if (DayQueue.NextToCall(places) is not { } next)
        {
            var withDoctor = places.FirstOrDefault(p => p.Status == TokenStatus.InConsultation);
            return OpdProblem.Conflict(withDoctor is null
                ? $"No checked-in patient is waiting for this doctor on {day:yyyy-MM-dd}."
                : "No other checked-in patient is waiting; the doctor is still with a patient.");
        }

        var slot = (await SlotQueues.LoadForChangeAsync(db, next.SlotId, ct))!;
        var token = slot.Tokens.Single(t => t.Id == next.TokenId);
        return await ApplyAsync(db, tx, slot, token, TokenStatus.InConsultation, null, by, ct);
    }
}

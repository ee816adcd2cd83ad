using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

public sealed partial class SlotService
{
    public async Task<Result<SlotView>> CreateAsync(SlotRequest request, CancellationToken ct = default)
    {
        if (Check(request) is { } invalid)
        {
            return invalid;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        if (await RulesAsync(db, request, null, ct) is { } refused)
        {
            return refused;
        }

        var capacity = request.MaxCapacity ?? options.CurrentValue.DefaultMaxCapacity;
        if (Hold(request, capacity, 0, 0) is { } badHold)
        {
            return badHold;
        }

        var slot = new Slot
        {
            DoctorId = request.DoctorId!.Value,
            Date = request.Date!.Value,
            StartTime = request.StartTime!.Value,
            EndTime = request.EndTime!.Value,
            MaxCapacity = capacity,
            MinutesPerConsultation = request.MinutesPerConsultation ?? options.CurrentValue.DefaultConsultationMinutes,
            ExtraSession = request.ExtraSession ?? false,
            WalkInSeatsHeld = request.WalkInSeatsHeld ?? 0,
            HoldReleaseMinutes = request.HoldReleaseMinutes ?? 0,
            Status = SlotStatus.Open,
        };
        db.Slots.Add(slot);
        await db.SaveChangesAsync(ct);
        var view = (await db.Slots.Where(s => s.Id == slot.Id).ToViewsAsync(ct)).Single();
        await tx.CommitAsync(ct);
        changes.Announce(new OpdChange(slot.Id, null, "slot"));
        return view;
    }

    public async Task<Result<SlotView>> UpdateAsync(int id, SlotRequest request, CancellationToken ct = default)
    {
        if (Check(request) is { } invalid)
        {
            return invalid;
        }

        return await ChangeAsync(id, "updated", async (db, slot) =>
        {
            var state = await db.Slots.Where(s => s.Id == id).Select(Projections.SlotState).SingleAsync(ct);

            // Any token in the slot, whatever its status, or any history line naming it (its tokens may all have
            // moved away), each through its index. Labels are counted per doctor's day now, so the day's counter
            // cannot say whether this slot issued any.
            var issued = await db.Tokens.AnyAsync(t => t.SlotId == id, ct) || await db.TokenEvents.AnyAsync(e => e.SlotId == id, ct);
            if (request.DoctorId != slot.DoctorId && issued)
            {
                return OpdProblem.Conflict("A slot that has issued tokens cannot move to another doctor.");
            }

            // Patients hold a time they were given, and history says where they were seen: moving a slot with tokens
            // would rewrite both. A delay or a reallocation does the same job and is recorded.
            var moves = request.Date != slot.Date || request.StartTime != slot.StartTime || request.EndTime != slot.EndTime;
            if (moves && issued)
            {
                return OpdProblem.Conflict("This slot has issued tokens: delay it or reallocate them instead of moving its date or times.");
            }

            var capacity = request.MaxCapacity ?? slot.MaxCapacity;
            var ordinary = state.SeatsTaken - state.EmergencySeats;
            if (capacity < ordinary)
            {
                return OpdProblem.Conflict($"{ordinary} patients (besides emergencies) hold seats; the capacity cannot go below that.");
            }

            if (capacity + slot.EmergencyExtensions < state.SeatsTaken)
            {
                return OpdProblem.Conflict($"{state.SeatsTaken} patients hold seats, {slot.EmergencyExtensions} of them added for emergencies; the capacity cannot go below {state.SeatsTaken - slot.EmergencyExtensions}.");
            }

            if (Hold(request, capacity, slot.WalkInSeatsHeld, slot.HoldReleaseMinutes) is { } badHold)
            {
                return badHold;
            }

            // A slot that stays where it is keeps its day, even once that day is past.
            var stays = !moves && request.DoctorId == slot.DoctorId;
            if (!stays && await RulesAsync(db, request, id, ct) is { } refused)
            {
                return refused;
            }

            slot.DoctorId = request.DoctorId!.Value;
            slot.Date = request.Date!.Value;
            slot.StartTime = request.StartTime!.Value;
            slot.EndTime = request.EndTime!.Value;
            slot.MaxCapacity = capacity;
            slot.MinutesPerConsultation = request.MinutesPerConsultation ?? slot.MinutesPerConsultation;
            slot.ExtraSession = request.ExtraSession ?? slot.ExtraSession;
            slot.WalkInSeatsHeld = request.WalkInSeatsHeld ?? slot.WalkInSeatsHeld;
            slot.HoldReleaseMinutes = request.HoldReleaseMinutes ?? slot.HoldReleaseMinutes;
            return null;
        }, ct);
    }

    /// <summary>A doctor running late: every estimate moves by the delay. Zero minutes puts the slot back on time.</summary>
    public Task<Result<SlotView>> DelayAsync(int id, int minutes, CancellationToken ct = default)
    {
        if (minutes is < 0 or > SlotRules.MaxDelayMinutes)
        {
            return Task.FromResult<Result<SlotView>>(OpdProblem.Invalid("delay_minutes", $"The delay must be between 0 and {SlotRules.MaxDelayMinutes} minutes."));
        }

        return ChangeAsync(id, "delayed", async (db, slot) =>
        {
            if (slot.Status == SlotStatus.Cancelled)
            {
                return OpdProblem.Conflict("A cancelled slot cannot be delayed.");
            }

            // A finished slot stays finished; while the doctor is still seeing its or the day's patients it may run later.
            var now = Now();
            var state = await db.Slots.Where(s => s.Id == id).Select(Projections.SlotState).SingleAsync(ct);
            var serving = await db.Tokens.Where(t => t.SlotId == id).Where(Projections.IsActive).AnyAsync(ct)
                || await OpdDays.StillServingAsync(db, slot.DoctorId, slot.Date, ct);
            if (state.IsOver(now) && !serving)
            {
                return OpdProblem.Conflict("The slot is over and the doctor has finished it; it cannot be delayed any more.");
            }

            var before = await outbox.BeforeDelayAsync(db, slot.DoctorId, slot.Date, now, ct);
            SlotDelays.Apply(slot, minutes, now, null);
            await outbox.DelaysAsync(db, before, slot.DoctorId, slot.Date, now, "system", ct);
            return null;
        }, ct);
    }

    /// <summary>The doctor cannot hold the slot; its pending tokens stay put until reallocated or cancelled.</summary>
    /// <summary>Cancels a slot, leaving its patients for a reallocation; the admin's record says who did, as for an admin's cancel.</summary>
    public Task<Result<SlotView>> CancelAsync(int id, string? reason, Actor by, CancellationToken ct = default)
    {
        var check = new Validation()
            .Require(!string.IsNullOrWhiteSpace(reason), "reason", "A cancellation needs a reason of at most 200 characters.")
            .Text(reason, "reason", "The reason", 200);
        return check.IsValid
            ? SetStatusAsync(id, SlotStatus.Cancelled, reason!.Trim(), ct, by)
            : Task.FromResult<Result<SlotView>>(check.ToProblem());
    }

    /// <summary>Stops new tokens; the patients already holding one are still seen.</summary>
    public Task<Result<SlotView>> CloseAsync(int id, CancellationToken ct = default) =>
        SetStatusAsync(id, SlotStatus.Closed, "Closed for new tokens", ct);

    private Task<Result<SlotView>> SetStatusAsync(int id, SlotStatus status, string reason, CancellationToken ct, Actor? by = null) =>
        ChangeAsync(id, status.ToString(), async (db, slot) =>
        {
            if (!slot.Status.TakesTokensIn())
            {
                return OpdProblem.Conflict($"The slot is already {slot.Status.ToString().ToLowerInvariant()}.");
            }

            slot.Status = status;
            slot.StatusReason = reason;
            if (status == SlotStatus.Cancelled)
            {
                // Its patients stay in it until the desk moves them; they hear now that this session is off.
                var waiting = await db.Tokens.Where(t => t.SlotId == id && (t.Status == TokenStatus.Booked || t.Status == TokenStatus.Waiting))
                    .Select(t => t.Id).ToListAsync(ct);
                await outbox.WriteAsync(db, waiting.Select(t => new TokenMessage(t, new TokenWasCancelled(new SlotCancelled()))).ToList(), Now(), by ?? "system", ct);
            }

            if (by is { } actor)
            {
                var doctor = await db.Doctors.Where(d => d.Id == slot.DoctorId).Select(d => d.Name).FirstAsync(ct);
                AdminRecord.Add(db, Now(), actor, "Slot", $"{doctor} {slot.Date:ddd d MMM} {slot.StartTime:HH\\:mm}", $"Cancelled: {reason}");
            }

            return null;
        }, ct);

    /// <summary>A slot with tokens on record is cancelled, never deleted, so their history keeps its slot.</summary>
    public async Task<Result<SlotView>> DeleteAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var view = (await db.Slots.Where(s => s.Id == id).ToViewsAsync(ct)).FirstOrDefault();
        if (view is null)
        {
            return OpdProblem.NotFound("Slot", id);
        }

        var tokens = await db.Tokens.CountAsync(t => t.SlotId == id, ct);
        if (tokens > 0)
        {
            return OpdProblem.Conflict($"The slot holds {tokens} token(s) ({view.BookedCount} holding a seat); cancel the slot instead.");
        }

        // Its tokens may all have moved away, but their history still names it.
        if (await db.TokenEvents.AnyAsync(e => e.SlotId == id, ct))
        {
            return OpdProblem.Conflict("The slot issued tokens that have since moved; their history names it, so cancel the slot instead.");
        }

        // A caller's If-Match holds inside this transaction too, as it does for tracked changes (Versioning).
        var expected = Versioning.ExpectedFor(typeof(Slot), id);
        if (await db.Slots.Where(s => s.Id == id && (expected == null || s.Version == expected)).ExecuteDeleteAsync(ct) == 0)
        {
            throw new DbUpdateConcurrencyException($"Slot {id} changed after the caller read it.");
        }

        await tx.CommitAsync(ct);
        changes.Announce(new OpdChange(id, null, "slot deleted"));
        return view;
    }

    private async Task<Result<SlotView>> ChangeAsync(int id, string what, Func<OpdDbContext, Slot, Task<OpdProblem?>> change, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var slot = await db.Slots.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (slot is null)
        {
            return OpdProblem.NotFound("Slot", id);
        }

        if (await change(db, slot) is { } problem)
        {
            return problem;
        }

        await db.SaveChangesAsync(ct);

        // Read back inside the transaction: after it, a concurrent delete could leave nothing to read.
        var view = (await db.Slots.Where(s => s.Id == id).ToViewsAsync(ct)).Single();
        await tx.CommitAsync(ct);
        changes.Announce(new OpdChange(id, null, what));
        return view;
    }

    private static OpdProblem? Check(SlotRequest request)
    {
        var check = new Validation()
            .Require(request.DoctorId is not null, "doctorId", "Doctor id is required.")
            .Require(request.DoctorId is null or > 0, "doctorId", "Doctor id must be a whole number from 1 up.")
            .Require(request.Date is not null, "date", "Date is required (YYYY-MM-DD).")
            .Require(request.StartTime is not null, "startTime", "Start time is required (HH:mm).")
            .Require(request.EndTime is not null, "endTime", "End time is required (HH:mm).")
            .Require(request.StartTime is null || request.EndTime is null || request.StartTime < request.EndTime, "endTime", "End time must be after the start time.")
            .Require(request.MaxCapacity is null or (>= 1 and <= 500), "maxCapacity", "Capacity must be between 1 and 500.")
            .Require(request.MinutesPerConsultation is null or (>= 1 and <= 240), "minutesPerConsultation", "Minutes per consultation must be between 1 and 240.");
        return check.IsValid ? null : check.ToProblem();
    }

    /// <summary>Reads what the slot rules need (the doctor's days, their other slots that day) and asks them.</summary>
    private async Task<OpdProblem?> RulesAsync(OpdDbContext db, SlotRequest request, int? except, CancellationToken ct)
    {
        var doctor = await db.Doctors.AsNoTracking().Where(d => d.Id == request.DoctorId).Select(d => new { d.OpdDays, d.DeactivatedAt }).FirstOrDefaultAsync(ct);
        if (doctor is null)
        {
            return OpdProblem.NotFound("Doctor", request.DoctorId!.Value);
        }

        // A deactivated doctor takes no patients: no new slot may open for them.
        if (doctor.DeactivatedAt is not null)
        {
            return OpdProblem.Conflict("The doctor is deactivated; reactivate them before opening slots.");
        }

        var others = await db.Slots
            .Where(s => s.DoctorId == request.DoctorId && s.Date == request.Date && s.Id != except && s.Status != SlotStatus.Cancelled)
            .Select(s => new OtherSlot(s.Id, s.Date, s.StartTime, s.EndTime))
            .ToListAsync(ct);
        var plan = new SlotPlan(request.Date!.Value, request.StartTime!.Value, request.EndTime!.Value,
            request.MaxCapacity ?? options.CurrentValue.DefaultMaxCapacity,
            request.MinutesPerConsultation ?? options.CurrentValue.DefaultConsultationMinutes,
            request.ExtraSession ?? false);
        return SlotRules.Check(plan, Now(), doctor.OpdDays, others) switch
        {
            SlotRefused { Kind: SlotRefusalKind.Overlaps or SlotRefusalKind.NotAnOpdDay } refused =>
                OpdProblem.Conflict(refused.Message, new Dictionary<string, object?> { ["refusal"] = refused.Kind.ToString() }),
            SlotRefused refused => OpdProblem.Invalid(refused.Field, refused.Message),
            _ => null,
        };
    }
}

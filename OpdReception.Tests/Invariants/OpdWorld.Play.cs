using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpdReception.Data;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Invariants;

/// <summary>The world playing one step: each operation through the real handlers, told back in words for the shrunk sequence.</summary>
public sealed partial class OpdWorld
{
    /// <summary>Plays one step and says, in a line, what was asked and what came of it; then moves the clock.</summary>
    public async Task<string> PlayAsync(Step step)
    {
        var at = $"{Now:ddd HH:mm}";
        var line = $"{at} {step.Kind,-12} {await DoAsync(step)}";
        _app.Clock.Advance(TimeSpan.FromMinutes(step.Minutes));

        // Today has closed by now: the rest of the sequence is tomorrow's morning.
        if (DateOnly.FromDateTime(Now) == Today && Now.TimeOfDay >= new TimeSpan(13, 30, 0))
        {
            _app.Clock.Set(Tomorrow.ToDateTime(new TimeOnly(8, 30)));
        }

        return line;
    }

    private async Task<string> DoAsync(Step step)
    {
        var issuing = Service<IssueToken>();
        var changing = Service<ChangeTokenStatus>();
        var calling = Service<CallNext>();
        var reallocating = Service<ReallocateSlot>();
        var moving = Service<MoveToken>();
        var sweeping = Service<SweepNoShows>();
        var dayClose = Service<CloseFinishedDays>();
        var console = Service<ConsoleService>();
        var slots = Service<SlotService>();
        var leave = Service<TakeLeave>();
        switch (step.Kind)
        {
            case Op.Issue:
            {
                var source = (TokenSource)(step.A % 5);

                // Mostly where the desk would issue: a slot of today not yet over, or tomorrow's for a booking.
                var open = _slots.Where(s => source is TokenSource.Online or TokenSource.FollowUp || s.Date == DateOnly.FromDateTime(Now))
                    .Where(s => s.Date.ToDateTime(s.End) > Now).ToList();
                var slot = step.B % 5 != 0 && open.Count > 0 ? Pick(open, step.B) : Pick(_slots, step.B);
                var patient = Patients[step.C % Patients.Count];
                var issued = await issuing.IssueAsync(new IssueRequest(slot.Id, source, patient, $"Patient {patient}", "+91 98765 43210"), DeskUser);
                return $"{source} {patient} in {slot}: " + Said(issued, t => $"{t.TokenNumber} {t.Status}");
            }

            case Op.CheckIn:
                return await OnTokenAsync(step.A, [TokenStatus.Booked, TokenStatus.NoShow], t => changing.CheckInAsync(t.Id, DeskUser));

            case Op.CallNext:
            {
                var doctor = Pick(_doctors, step.A);
                if (step.B % 2 == 0)
                {
                    return $"{doctor.Name}: " + Said(await console.CallNextAsync(doctor.Id, doctor.Actor), View);
                }

                var slot = Pick(_slots, step.C);
                return $"in {slot}: " + Said(await calling.CallNextAsync(slot.Id, slot.Doctor.Actor), View);
            }

            case Op.Complete:
                return await OnTokenAsync(step.A, [TokenStatus.InConsultation], t => step.B % 2 == 0
                    ? console.CompleteAsync(t.DoctorId, t.Id, ActorOf(t))
                    : changing.ChangeStatusAsync(t.Id, TokenStatus.Completed, null, DeskUser));

            case Op.NoShow:
                return await OnTokenAsync(step.A, [TokenStatus.Booked, TokenStatus.Waiting, TokenStatus.InConsultation], t => step.B % 2 == 0
                    ? console.NoShowAsync(t.DoctorId, t.Id, ActorOf(t))
                    : changing.ChangeStatusAsync(t.Id, TokenStatus.NoShow, null, DeskUser));

            case Op.NotHere:
                return await OnTokenAsync(step.A, [TokenStatus.InConsultation], t => console.NotHereAsync(t.DoctorId, t.Id, ActorOf(t)));

            case Op.Recall:
                return await OnTokenAsync(step.A, [TokenStatus.InConsultation, TokenStatus.Waiting], t => console.RecallAsync(t.DoctorId, t.Id, ActorOf(t)));

            case Op.Undo:
            {
                // Mostly the doctor who pressed last, as a doctor would: Undo takes back only one's own last press.
                var doctor = step.B % 4 != 0 && await LastPressedAsync() is { } last ? last : Pick(_doctors, step.A);
                return $"{doctor.Name}: " + Said(await console.UndoAsync(doctor.Id, doctor.Actor), View);
            }

            case Op.Delay:
            {
                var doctor = Pick(_doctors, step.A);
                switch (step.B % 4)
                {
                    case 0:
                        var slot = Pick(_slots, step.C);
                        var minutes = step.C % 7 * 15;
                        return $"{slot} by {minutes} min: " + Said(await slots.DelayAsync(slot.Id, minutes), s => $"runs {s.Status}");
                    case 1:
                        return $"{doctor.Name} on time: " + Said(await console.AwayAsync(doctor.Id, new AwayRequest.OnTime(), doctor.Actor), n => n ?? "no notice");
                    default:
                        var late = 10 + step.C % 6 * 10;
                        return $"{doctor.Name} {late} min late: " + Said(await console.AwayAsync(doctor.Id, new AwayRequest.Late(late), doctor.Actor), n => n ?? "no notice");
                }
            }

            case Op.CancelToken:
                return await OnTokenAsync(step.A, [TokenStatus.Booked, TokenStatus.Waiting], t => changing.CancelAsync(t.Id, "Patient left", DeskUser));

            case Op.CancelSlot:
            {
                var slot = Pick(_slots, step.A);
                return step.B % 2 == 0
                    ? $"{slot}, moving its patients: " + Said(await leave.CancelSlotAsync(slot.Id, "Doctor called to theatre", DeskUser), Cancelled)
                    : $"{slot}, leaving its patients: " + Said(await slots.CancelAsync(slot.Id, "Doctor called to theatre", "world"), s => $"{s.Status}");
            }

            case Op.Reallocate:
            {
                var slot = Pick(_slots, step.A);
                var target = step.B % 2 == 0 ? null : Pick(_slots, step.C);
                return $"{slot} to {(target is null ? "wherever earliest" : target)}: " + Said(await reallocating.ReallocateAsync(slot.Id, target?.Id, DeskUser), Moved);
            }

            case Op.Move:
            {
                var target = Pick(_slots, step.B);
                return await OnTokenAsync(step.A, [TokenStatus.Booked, TokenStatus.Waiting], async t =>
                {
                    var moved = await moving.MoveAsync(t.Id, target.Id, DeskUser);
                    return moved;
                }, $" to {target}");
            }

            case Op.Leave:
            {
                var doctor = Pick(_doctors, step.A);
                var day = step.B % 2 == 0 ? DateOnly.FromDateTime(Now) : DateOnly.FromDateTime(Now).AddDays(1);
                return $"{doctor.Name} {day:ddd}: " + Said(await leave.ConfirmAsync(new LeaveRequest(doctor.Id, day, day, "Conference"), DeskUser), Cancelled);
            }

            case Op.SweepNoShows:
                return $"marked {await sweeping.SweepNoShowsAsync()}";

            case Op.Wait:
                return "the clock moves on";

            case Op.CloseDays:
            {
                var closing = await dayClose.CloseFinishedDaysAsync();
                return $"closed {closing.Days} day(s): {closing.NoShows} no-show, {closing.Cancelled} cancelled, {closing.Completed} completed";
            }

            default:
                throw new InvalidOperationException($"Unknown step {step.Kind}");
        }
    }

    private sealed record TokenRow(int Id, int DoctorId, int SlotId, TokenStatus Status, int TokenNumber);

    /// <summary>Acts on one of the world's tokens, among those in <paramref name="statuses"/> if any are, else among all.</summary>
    private async Task<string> OnTokenAsync(int pick, TokenStatus[]? statuses, Func<TokenRow, Task<Result<TokenView>>> act, string more = "")
    {
        await using var db = await Database.CreateDbContextAsync();
        var all = await db.Tokens.AsNoTracking().OrderBy(t => t.Id)
            .Select(t => new TokenRow(t.Id, t.Slot.DoctorId, t.SlotId, t.Status, t.TokenNumber))
            .ToListAsync();
        if (all.Count == 0)
        {
            return "no token yet";
        }

        var some = statuses is null ? all : all.Where(t => statuses.Contains(t.Status)).ToList();
        var token = Pick(some.Count > 0 ? some : all, pick);
        return $"token {token.Id} ({token.Status}, T{token.TokenNumber:000} in slot {token.SlotId}){more}: " + Said(await act(token), View);
    }

    private async Task<Doctor?> LastPressedAsync()
    {
        await using var db = await Database.CreateDbContextAsync();
        var userId = await db.TokenEvents.AsNoTracking().Where(e => e.ByUserId != null && e.ByUserId.StartsWith("doctor-"))
            .OrderByDescending(e => e.Id).Select(e => e.ByUserId).FirstOrDefaultAsync();
        return _doctors.FirstOrDefault(d => d.Actor.UserId == userId);
    }

    private Actor ActorOf(TokenRow token) => _doctors.Single(d => d.Id == token.DoctorId).Actor;

    private static T Pick<T>(IReadOnlyList<T> from, int draw) => from[draw % from.Count];

    private static string View(TokenView t) => $"token {t.Id} now {t.TokenNumber} {t.Status} in slot {t.SlotId}";

    private static string Moved(ReallocationResult r) =>
        $"moved {r.Moved.Count} ({string.Join(", ", r.Moved.Select(m => $"{m.TokenId} to slot {m.ToSlotId} as {m.NewTokenNumber}"))}), {r.NotPlaced.Count} not placed";

    private static string Cancelled(CancellationView v) =>
        $"{v.Slots.Count} slot(s) cancelled, {v.Slots.Sum(s => s.Moving)} moved, {v.Slots.Sum(s => s.NotPlaced)} not placed";

    private static string Said<T>(Result<T> result, Func<T, string> ok) => result.IsOk ? ok(result.Value!) : $"refused: {result.Problem!.Detail}";
}

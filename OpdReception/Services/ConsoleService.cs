using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>
/// The doctor's console: their day, and the one-press actions on the patient they call. Reads the token and its
/// history, asks <see cref="DoctorConsole"/> or <see cref="DoctorAway"/>, writes in one transaction, announces.
/// Call next and Complete go through <see cref="CallNext"/> and <see cref="ChangeTokenStatus"/>, so the queue's and the lifecycle's rules stay in one place.
/// </summary>
public sealed partial class ConsoleService(
    IDbContextFactory<OpdDbContext> factory,
    HospitalClock clock,
    IOptionsMonitor<OpdOptions> options,
    OpdChanges changes,
    TokenQueries queries,
    CallNext callNext,
    ChangeTokenStatus changeStatus,
    PatientOutbox outbox)
{
    private OpdOptions Settings => options.CurrentValue;

    public DateTime Now() => clock.Now;

    /// <summary>The doctor's day today: the patient with them, everyone still to be seen, counts, the session's end, what Undo would take back.</summary>
    public async Task<Result<ConsoleDay>> DayAsync(int doctorId, string? userId, CancellationToken ct = default)
    {
        var now = Now();
        await using var db = await factory.CreateDbContextAsync(ct);
        var doctor = await db.Doctors.AsNoTracking().FirstOrDefaultAsync(d => d.Id == doctorId, ct);
        if (doctor is null)
        {
            return OpdProblem.NotFound("Doctor", doctorId);
        }

        var today = await OpdDays.OfDoctorAsync(db, doctorId, now, Settings, ct);

        var slots = await db.Slots.AsNoTracking().Where(s => s.DoctorId == doctorId && s.Date == today).Select(s => new { s.Id, s.MinutesPerConsultation, s.StatusReason, s.DayClosedAt }).ToListAsync(ct);
        var states = await db.Slots.Where(s => s.DoctorId == doctorId && s.Date == today).Select(Projections.SlotState).ToListAsync(ct);
        // A patient left in a cancelled slot waits for the desk, not for this doctor: not in the queue, not counted.
        var queue = ((await queries.DayQueueAsync(doctorId, today, ct)).Value?.Tokens ?? [])
            .Where(t => DayQueue.InDoctorsQueue(t.Status, t.SlotStatus)).ToList();
        var all = (await db.Tokens.AsNoTracking().Where(t => t.Slot.DoctorId == doctorId && t.Slot.Date == today)
                .Select(t => new { t.Source, t.Status, SlotStatus = t.Slot.Status }).ToListAsync(ct))
            .Where(t => !t.Status.IsActive() || DayQueue.InDoctorsQueue(t.Status, t.SlotStatus)).ToList();
        var events = await ActionsAsync(db, doctorId, today, ct);

        var withDoctor = queue.FirstOrDefault(t => t.Status == TokenStatus.InConsultation);
        ConsolePatient? patient = null;
        if (withDoctor is not null)
        {
            var calledAt = events.Where(r => r.Event.TokenId == withDoctor.Id && r.Event.Action is DoctorConsole.Called or DoctorConsole.Recalled).Select(r => (DateTime?)r.Event.At).Max();
            var since = withDoctor.CheckedInAt ?? withDoctor.CreatedAt;
            var waited = (int)Math.Max(0, ((calledAt ?? now) - since).TotalMinutes);
            patient = new ConsolePatient(withDoctor, calledAt, RecallCount(events, withDoctor.Id), waited);
        }

        var minutes = slots.ToDictionary(s => s.Id, s => s.MinutesPerConsultation);
        var waiting = queue.Where(t => t.Status.IsPending() && t.EstimatedTime is not null).Select(t => (t.EstimatedTime!.Value, minutes[t.SlotId]));
        var notice = states.OrderBy(s => s.StartsAt)
            .Select(s => DoctorAway.CurrentNotice(s, slots.Single(x => x.Id == s.Id).StatusReason, now))
            .FirstOrDefault(n => n is not null);
        return new ConsoleDay(
            doctor.ToView(),
            today,
            now,
            patient,
            queue.Where(t => t.Status != TokenStatus.InConsultation).ToList(),
            AwaitingRecall(events, queue.Where(t => t.Status == TokenStatus.Waiting).Select(t => t.Id)),
            all.GroupBy(t => t.Source).ToDictionary(g => g.Key, g => g.Count()),
            all.GroupBy(t => t.Status).ToDictionary(g => g.Key, g => g.Count()),
            DoctorConsole.SessionEnds(states, waiting),
            notice,
            Offer(events, userId, now, dayClosed: slots.Any(s => s.DayClosedAt != null)),
            states.Count > 0);
    }

    /// <summary>One console action of the day, with who made it and the token's number.</summary>
    private sealed record ActionRow(ConsoleEvent Event, int TokenNumber, string? ByUserId, string? Reason, string LabelPrefix);

    /// <summary>
    /// The console's actions on the doctor's tokens of the day, oldest first: recall counts, waits and Undo read them.
    /// Costs one day of one doctor, whatever the history.
    /// </summary>
    private static async Task<List<ActionRow>> ActionsAsync(OpdDbContext db, int doctorId, DateOnly day, CancellationToken ct)
    {
        string[] actions = [.. DoctorConsole.Undoable, DoctorConsole.UndoneAction];
        var ids = await db.Tokens.Where(t => t.Slot.DoctorId == doctorId && t.Slot.Date == day).Select(t => t.Id).ToListAsync(ct);
        var rows = await db.TokenEvents.AsNoTracking()
            .Where(e => ids.Contains(e.TokenId) && actions.Contains(e.Action))
            .OrderBy(e => e.Id)
            .ToListAsync(ct);
        var prefix = await db.Doctors.Where(d => d.Id == doctorId).Select(d => d.LabelPrefix).FirstOrDefaultAsync(ct) ?? TokenLabels.DefaultPrefix;
        return rows.Select(e => new ActionRow(new ConsoleEvent(e.Id, e.TokenId, e.Action, e.FromStatus, e.ToStatus, e.At), e.TokenNumber, e.ByUserId, e.Reason, prefix)).ToList();
    }

    private static string UndidReason(string action) => $"Undid {action}";

    /// <summary>Recalls made and not undone: the count is kept for the whole day.</summary>
    private static int RecallCount(IEnumerable<ActionRow> rows, int tokenId)
    {
        var mine = rows.Where(r => r.Event.TokenId == tokenId).ToList();
        return mine.Count(r => r.Event.Action == DoctorConsole.Recalled)
            - mine.Count(r => r.Event.Action == DoctorConsole.UndoneAction && r.Reason == UndidReason(DoctorConsole.Recalled));
    }

    /// <summary>Waiting tokens whose last console action was "not here".</summary>
    private static HashSet<int> AwaitingRecall(IReadOnlyCollection<ActionRow> rows, IEnumerable<int> waiting) =>
        waiting.Where(id => rows.LastOrDefault(r => r.Event.TokenId == id)?.Event.Action == DoctorConsole.NotHere).ToHashSet();

    /// <summary>The user's own last action of the day (an admin covering counts as the doctor).</summary>
    private static ActionRow? LastOf(IReadOnlyList<ActionRow> rows, string? userId) =>
        rows.LastOrDefault(r => userId is null || r.ByUserId == userId);

    /// <summary>Undo is offered only where it would be done: not once the day it would reopen has been closed.</summary>
    private static UndoOffer? Offer(IReadOnlyList<ActionRow> rows, string? userId, DateTime now, bool dayClosed) =>
        LastOf(rows, userId) is { } last
        && DoctorConsole.Undo(last.Event, last.Event.To, changedSince: false, now, doctorBusyWith: null, seat: null, dayClosed: dayClosed) is Undone
            ? new UndoOffer(TokenLabels.Format(last.LabelPrefix, last.TokenNumber), last.Event.Action, last.Event.At + DoctorConsole.UndoWindow)
            : null;
}

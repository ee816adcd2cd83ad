namespace OpdReception.Domain;

/// <summary>One line of a token's history, as the console's rules need it.</summary>
public sealed record ConsoleEvent(long Id, int TokenId, string Action, TokenStatus? From, TokenStatus To, DateTime At);

public abstract record ConsoleDecision;

/// <summary>The patient is called (again): shown on the display once more, the recall counted.</summary>
public sealed record CalledAgain(int RecallCount, bool WasWaiting) : ConsoleDecision;

/// <summary>Not at the door: back to the waiting list, at the back of their class, with a note.</summary>
public sealed record BackToWaiting(string Note) : ConsoleDecision;

/// <summary>Called and never came: a no-show, with the reason.</summary>
public sealed record CountedAbsent(string Reason) : ConsoleDecision;

/// <summary>
/// The last action is taken back: the token returns to the status it had before it. Taking back a no-show takes a
/// seat again; an emergency finding the slot full since gets an added seat (<paramref name="ExtendsCapacity"/>), as on arrival.
/// </summary>
public sealed record Undone(ConsoleEvent Undoing, TokenStatus BackTo, bool ExtendsCapacity = false) : ConsoleDecision;

/// <summary>The token's slot as it stands now, and the token's source: what Undo needs to give a seat back.</summary>
public sealed record UndoSeat(SlotState Slot, TokenSource Source);

public sealed record ConsoleRefused(string Reason) : ConsoleDecision;

/// <summary>
/// The doctor's one-press actions on the patient they called. Pure decisions: the caller reads the token and its
/// history, asks here, and writes what comes back.
/// </summary>
public static class DoctorConsole
{
    public const string Called = "Called";
    public const string Recalled = "Recalled";
    public const string NotHere = "NotHere";
    public const string Completed = "Completed";
    public const string MarkedNoShow = "MarkedNoShow";
    public const string UndoneAction = "Undone";

    /// <summary>The actions Undo can take back; anything else (issuing, check-in, a move) is the desk's.</summary>
    public static readonly IReadOnlySet<string> Undoable = new HashSet<string> { Called, Recalled, NotHere, Completed, MarkedNoShow };

    public static readonly TimeSpan UndoWindow = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Call the same patient again. The patient the doctor is with is simply called again; a patient sent back as
    /// "not here" is called in, if the doctor is with nobody else.
    /// </summary>
    public static ConsoleDecision Recall(TokenStatus status, int recallsSoFar, string? doctorBusyWith) => status switch
    {
        TokenStatus.InConsultation => new CalledAgain(recallsSoFar + 1, WasWaiting: false),
        TokenStatus.Waiting when doctorBusyWith is not null =>
            new ConsoleRefused($"You are still with {doctorBusyWith}; complete or send them back first."),
        TokenStatus.Waiting => new CalledAgain(recallsSoFar + 1, WasWaiting: true),
        _ => new ConsoleRefused($"A token that is {Lifecycle.Describe(status)} cannot be called again."),
    };

    /// <summary>
    /// The called patient is not at the door. Back to waiting with a note, unless they were already called
    /// <paramref name="recallsBeforeNoShow"/> times more: then they count as absent.
    /// </summary>
    public static ConsoleDecision NotHereNow(TokenStatus status, int recallsSoFar, int recallsBeforeNoShow, DateTime now)
    {
        if (status != TokenStatus.InConsultation)
        {
            return new ConsoleRefused($"Only the patient you called can be sent back; this token is {Lifecycle.Describe(status)}.");
        }

        return recallsSoFar >= recallsBeforeNoShow
            ? new CountedAbsent($"Not here after {Times(recallsSoFar + 1)} called")
            : new BackToWaiting($"Not here when called at {now:HH:mm}" + (recallsSoFar > 0 ? $" (recalled {Times(recallsSoFar)})" : ""));
    }

    /// <summary>Called, never came: the doctor marks the called patient absent. Waiting and booked patients go through the lifecycle.</summary>
    public static ConsoleDecision NoShow(TokenStatus status) => status == TokenStatus.InConsultation
        ? new CountedAbsent("Did not come when called")
        : new ConsoleRefused($"Only the patient you called can be marked absent here; this token is {Lifecycle.Describe(status)}.");

    /// <summary>
    /// Take back the doctor's last action within the window. Refused when it is too late, when the token has changed
    /// since (someone else acted on it), when the doctor's day has been closed since and the token would be active
    /// again, when it would put a second patient with the doctor, or when it takes back a no-show whose seat has
    /// since been given to someone else (an emergency gets an added seat instead).
    /// </summary>
    /// <param name="last">The doctor's last console action of the day, or an earlier undo.</param>
    /// <param name="current">The token's status now.</param>
    /// <param name="changedSince">Something else was written to the token after <paramref name="last"/>.</param>
    /// <param name="doctorBusyWith">Another patient the doctor is with now, if any.</param>
    /// <param name="seat">The token's slot now, without this token's seat if it gave it up; null only to ask whether Undo may be offered.</param>
    /// <param name="dayClosed">The end-of-day sweep has closed the token's day since: no sweep looks at it again, so a
    /// patient put back with the doctor there would stay "in consultation" for ever.</param>
    public static ConsoleDecision Undo(
        ConsoleEvent? last, TokenStatus current, bool changedSince, DateTime now, string? doctorBusyWith, UndoSeat? seat, TimeSpan? window = null,
        bool dayClosed = false)
    {
        var within = window ?? UndoWindow;
        if (last is null || last.Action == UndoneAction || !Undoable.Contains(last.Action) || last.From is not { } backTo)
        {
            return new ConsoleRefused("There is nothing to undo.");
        }

        if (now - last.At > within)
        {
            return new ConsoleRefused($"Undo is possible for {within.TotalMinutes:0} minutes after an action; the last one was at {last.At:HH:mm}.");
        }

        if (changedSince || current != last.To)
        {
            return new ConsoleRefused("The token has changed since; ask the desk to correct it.");
        }

        // The sweep leaves a completed or absent patient as it is when it closes the day, so only the day tells.
        if (dayClosed && backTo.IsActive())
        {
            return new ConsoleRefused("The day has been closed since; ask the desk to correct it.");
        }

        if (backTo == TokenStatus.InConsultation && doctorBusyWith is not null)
        {
            return new ConsoleRefused($"You are now with {doctorBusyWith}; finish that first.");
        }

        // A no-show gave its seat back, and the desk may have given it away since: the seat is checked again,
        // by the same rule as issuing, so Undo never puts a slot over its capacity.
        if (seat is not null && !current.HoldsSeat() && backTo.HoldsSeat())
        {
            if (seat.Slot.Status == SlotStatus.Cancelled)
            {
                return new ConsoleRefused("The slot has been cancelled since; the desk moves its patients to another slot.");
            }

            if (!seat.Slot.HasRoomFor(seat.Source))
            {
                return seat.Source == TokenSource.Emergency
                    ? new Undone(last, backTo, ExtendsCapacity: true)
                    : new ConsoleRefused($"The seat was given away since and the slot is full ({seat.Slot.SeatsTaken} of {seat.Slot.EffectiveCapacity}); the desk can issue a token in a later slot.");
            }
        }

        return new Undone(last, backTo);
    }

    /// <summary>When the doctor's session ends: after the last estimated patient, never before the last slot's (delayed) end.</summary>
    public static DateTime? SessionEnds(IEnumerable<SlotState> slots, IEnumerable<(DateTime Estimate, int Minutes)> waiting)
    {
        var open = slots.Where(s => s.Status != SlotStatus.Cancelled).ToList();
        DateTime? lastSlot = open.Count == 0 ? null : open.Max(s => s.RunsUntil);
        DateTime? lastPatient = waiting.Select(w => (DateTime?)w.Estimate.AddMinutes(w.Minutes)).Max();
        return lastSlot is null ? lastPatient : lastPatient is null ? lastSlot : lastPatient > lastSlot ? lastPatient : lastSlot;
    }

    private static string Times(int n) => n == 1 ? "once" : n == 2 ? "twice" : $"{n} times";
}

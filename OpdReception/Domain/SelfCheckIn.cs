namespace OpdReception.Domain;

/// <summary>What happens when a patient checks themselves in, at the entrance QR or at a kiosk.</summary>
public abstract record SelfCheckInDecision;

/// <summary>In the waiting room now: <see cref="Change"/> is the desk's own step (<see cref="Moved"/> or <see cref="Rejoined"/>).</summary>
public sealed record CheckedIn(StatusDecision Change) : SelfCheckInDecision;

/// <summary>Checked in already, or with the doctor.</summary>
public sealed record AlreadyHere(TokenStatus Status) : SelfCheckInDecision;

/// <summary>Before the window opens: come back from <see cref="OpensAt"/>.</summary>
public sealed record TooEarly(DateTime OpensAt) : SelfCheckInDecision;

/// <summary>The slot has run out: only the desk can help now.</summary>
public sealed record TooLate : SelfCheckInDecision;

/// <summary>The token is for another day.</summary>
public sealed record OtherDay(DateOnly SlotDate) : SelfCheckInDecision;

/// <summary>Neither today's entrance code nor a kiosk of the hospital's vouches that the patient is here.</summary>
public sealed record WrongCode : SelfCheckInDecision;

/// <summary>The token is seen or cancelled: there is nothing to check in.</summary>
public sealed record NotBooked(TokenStatus Status) : SelfCheckInDecision;

/// <summary>The desk's rules refuse it (the slot is cancelled or full, the patient holds a newer token): the desk must help.</summary>
public sealed record SeeTheDesk(RejectionKind Kind) : SelfCheckInDecision;

/// <param name="AtTheHospital">Today's entrance code was given, or a kiosk of the hospital's asks.</param>
/// <param name="Status">The token's status now.</param>
/// <param name="Desk">What the desk's check-in would know (<see cref="Lifecycle"/>): the same grace, day and recall rules apply.</param>
/// <param name="OpensMinutes">How long before the patient's time self check-in opens (Opd:SelfCheckInOpensMinutes).</param>
public sealed record SelfCheckInFacts(bool AtTheHospital, TokenStatus Status, StatusContext Desk, int OpensMinutes);

/// <summary>
/// Self check-in is the desk's check-in (<see cref="Lifecycle.Change"/>) with a window: from
/// <see cref="SelfCheckInFacts.OpensMinutes"/> before the slot's time until the slot runs out, its delay included.
/// Outside it, or whenever the desk's rules would refuse, the patient is sent to the desk rather than queued wrongly.
/// </summary>
public static class SelfCheckIn
{
    public static SelfCheckInDecision Decide(SelfCheckInFacts facts)
    {
        var (now, slot) = (facts.Desk.Now, facts.Desk.Slot);
        if (!facts.AtTheHospital)
        {
            return new WrongCode();
        }

        if (!OpdDay.IsToday(slot.Date, now, facts.Desk.OpdDate ?? DateOnly.FromDateTime(now)) && !OpdDay.IsToday(slot, now))
        {
            return new OtherDay(slot.Date);
        }

        switch (facts.Status)
        {
            case TokenStatus.Waiting or TokenStatus.InConsultation:
                return new AlreadyHere(facts.Status);
            case TokenStatus.Completed or TokenStatus.Cancelled:
                return new NotBooked(facts.Status);
        }

        var opensAt = OpensAt(slot, facts.OpensMinutes);
        if (now < opensAt)
        {
            return new TooEarly(opensAt);
        }

        if (slot.IsOver(now))
        {
            return new TooLate();
        }

        return Lifecycle.Change(facts.Status, TokenStatus.Waiting, facts.Desk) switch
        {
            Rejected rejected => new SeeTheDesk(rejected.Kind),
            var change => new CheckedIn(change),
        };
    }

    /// <summary>The patient's time is the slot's: a doctor running late does not make an early arrival wait outside.</summary>
    /// <summary>
    /// Whether the token's state bears out "You are checked in" (a one-off notice after the button): the patient is
    /// here (waiting or called), not still expected, absent, cancelled or gone home. The page's address alone says nothing.
    /// </summary>
    public static bool ShowsArrived(TokenStatus status) => status is TokenStatus.Waiting or TokenStatus.InConsultation;

    public static DateTime OpensAt(SlotState slot, int opensMinutes) => slot.StartsAt.AddMinutes(-opensMinutes);
}

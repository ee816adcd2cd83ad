namespace OpdReception.Domain;

public abstract record StatusDecision;

/// <summary>An ordinary step of the lifecycle.</summary>
public sealed record Moved(TokenStatus From, TokenStatus To) : StatusDecision;

/// <summary>
/// A no-show who turned up: back in the waiting room, in their old place or at the back of their class. An
/// emergency whose seat was given away gets an extra one, as on arrival.
/// </summary>
public sealed record Rejoined(bool KeepsPlace, bool ExtendsCapacity = false) : StatusDecision;

public sealed record Rejected(RejectionKind Kind, string Reason) : StatusDecision;

public enum RejectionKind { InvalidTransition, ReasonRequired, SlotFull, SlotOver, DoctorBusy, SlotCancelled, AlreadyHoldsToken, NotToday }

/// <summary>What the lifecycle needs to know besides the two statuses.</summary>
/// <param name="OtherTokenInConsultation">A patient the doctor is with now, in any of the doctor's slots.</param>
/// <param name="OtherActiveToken">Another active token the patient holds with the same doctor that day.</param>
/// <param name="SlotStillServing">Others in the slot are still waiting or with the doctor, though its time is up.</param>
public sealed record StatusContext(
    DateTime Now,
    SlotState Slot,
    DateTime? MarkedNoShowAt,
    int LateArrivalGraceMinutes,
    string? Reason,
    string? OtherTokenInConsultation,
    TokenSource Source = TokenSource.WalkIn,
    HeldToken? OtherActiveToken = null,
    bool SlotStillServing = false,
    DateOnly? OpdDate = null);

public static class Lifecycle
{
    private static readonly HashSet<(TokenStatus, TokenStatus)> Allowed =
    [
        (TokenStatus.Booked, TokenStatus.Waiting),
        (TokenStatus.Booked, TokenStatus.NoShow),
        (TokenStatus.Booked, TokenStatus.Cancelled),
        (TokenStatus.Waiting, TokenStatus.InConsultation),
        (TokenStatus.Waiting, TokenStatus.NoShow),
        (TokenStatus.Waiting, TokenStatus.Cancelled),
        (TokenStatus.InConsultation, TokenStatus.Completed),
        (TokenStatus.NoShow, TokenStatus.Waiting),
    ];

    public static bool IsAllowed(TokenStatus from, TokenStatus to) => Allowed.Contains((from, to));

    public static StatusDecision Change(TokenStatus from, TokenStatus to, StatusContext context)
    {
        if (!IsAllowed(from, to))
        {
            return new Rejected(RejectionKind.InvalidTransition, $"A token that is {Describe(from)} cannot become {Describe(to)}.");
        }

        if (to == TokenStatus.Cancelled && string.IsNullOrWhiteSpace(context.Reason))
        {
            return new Rejected(RejectionKind.ReasonRequired, "A cancellation needs a reason.");
        }

        // A cancelled slot's patients are reallocated or cancelled, never seen in it.
        if (to is TokenStatus.Waiting or TokenStatus.InConsultation && context.Slot.Status == SlotStatus.Cancelled)
        {
            return new Rejected(RejectionKind.SlotCancelled, from == TokenStatus.NoShow
                ? "The slot is cancelled; issue the patient a token in another slot."
                : "The slot is cancelled; reallocate the token to another slot first.");
        }

        // The patient checks in, and the doctor calls them, on the slot's own OPD day (a session run past midnight included).
        if (to is TokenStatus.Waiting or TokenStatus.InConsultation
            && !OpdDay.IsToday(context.Slot.Date, context.Now, context.OpdDate ?? DateOnly.FromDateTime(context.Now))
            && !OpdDay.IsToday(context.Slot, context.Now))
        {
            return new Rejected(RejectionKind.NotToday, to == TokenStatus.Waiting
                ? $"Check-in is for today's slots only; this token's slot is on {context.Slot.Date:ddd d MMM}."
                : $"The doctor calls patients of today's slots only; this token's slot is on {context.Slot.Date:ddd d MMM}.");
        }

        // A no-show coming back once the doctor has finished the slot: a later slot is the only place left. A booking
        // not yet marked absent is still within its time and is checked in.
        if (from == TokenStatus.NoShow && to == TokenStatus.Waiting && context.Slot.IsOver(context.Now) && !context.SlotStillServing)
        {
            return new Rejected(RejectionKind.SlotOver, "The slot is over and the doctor has finished it; issue a token in a later slot.");
        }

        if (to == TokenStatus.InConsultation && context.OtherTokenInConsultation is { } busyWith)
        {
            return new Rejected(RejectionKind.DoctorBusy, $"The doctor is still with {busyWith}; finish that consultation first.");
        }

        if (from == TokenStatus.NoShow)
        {
            return Rejoin(context);
        }

        return new Moved(from, to);
    }

    private static StatusDecision Rejoin(StatusContext context)
    {
        if (context.OtherActiveToken is { } held)
        {
            return new Rejected(RejectionKind.AlreadyHoldsToken,
                $"The patient has since been given token {context.Slot.Label(held.TokenNumber)} with this doctor today; use that one.");
        }

        // The no-show gave its seat back, so coming back needs a free one again; an emergency always gets one.
        var hasRoom = context.Slot.HasRoomFor(context.Source);
        if (!hasRoom && context.Source != TokenSource.Emergency)
        {
            return new Rejected(RejectionKind.SlotFull, "The seat was given away and the slot is full; issue a token in a later slot.");
        }

        var late = context.MarkedNoShowAt is { } markedAt ? context.Now - markedAt : TimeSpan.MaxValue;
        return new Rejoined(late <= TimeSpan.FromMinutes(context.LateArrivalGraceMinutes), ExtendsCapacity: !hasRoom);
    }

    public static string Describe(TokenStatus status) => status switch
    {
        TokenStatus.Booked => "booked",
        TokenStatus.Waiting => "waiting",
        TokenStatus.InConsultation => "in consultation",
        TokenStatus.Completed => "completed",
        TokenStatus.NoShow => "a no-show",
        TokenStatus.Cancelled => "cancelled",
        _ => status.ToString(),
    };
}

namespace OpdReception.Domain;

public abstract record StatusDecision;

/// <summary>An ordinary step of the lifecycle.</summary>
public sealed record Moved(TokenStatus From, TokenStatus To) : StatusDecision;

/// <summary>A no-show who turned up: back in the waiting room, in their old place or at the back of their class.</summary>
public sealed record Rejoined(bool KeepsPlace) : StatusDecision;

public sealed record Rejected(RejectionKind Kind, string Reason) : StatusDecision;

public enum RejectionKind { InvalidTransition, ReasonRequired, SlotFull, SlotOver, DoctorBusy, SlotCancelled }

/// <summary>What the lifecycle needs to know besides the two statuses.</summary>
public sealed record StatusContext(
    DateTime Now,
    SlotState Slot,
    DateTime? MarkedNoShowAt,
    int LateArrivalGraceMinutes,
    string? Reason,
    string? OtherTokenInConsultation,
    TokenSource Source = TokenSource.WalkIn);

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
            return new Rejected(RejectionKind.SlotCancelled, "The slot is cancelled; reallocate the token to another slot first.");
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
        if (context.Slot.IsOver(context.Now))
        {
            return new Rejected(RejectionKind.SlotOver, "The slot is over; issue a token in a later slot.");
        }

        // The no-show gave its seat back, so coming back needs a free one again.
        if (!context.Slot.HasRoomFor(context.Source))
        {
            return new Rejected(RejectionKind.SlotFull, "The seat was given away and the slot is full; issue a token in a later slot.");
        }

        var late = context.MarkedNoShowAt is { } markedAt ? context.Now - markedAt : TimeSpan.MaxValue;
        return new Rejoined(late <= TimeSpan.FromMinutes(context.LateArrivalGraceMinutes));
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

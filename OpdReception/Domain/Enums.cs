namespace OpdReception.Domain;

public enum TokenSource { Online, WalkIn, Priority, FollowUp, Emergency }

public enum TokenStatus { Booked, Waiting, InConsultation, Completed, NoShow, Cancelled }

public enum SlotStatus { Open, Delayed, Cancelled, Closed }

public enum Sex { Female, Male, Other }

public static class StatusRules
{
    /// <summary>Booked, waiting and in consultation: the patient still expects to be seen.</summary>
    public static bool IsActive(this TokenStatus status) =>
        status is TokenStatus.Booked or TokenStatus.Waiting or TokenStatus.InConsultation;

    /// <summary>Not yet called: these can move to another slot.</summary>
    public static bool IsPending(this TokenStatus status) =>
        status is TokenStatus.Booked or TokenStatus.Waiting;

    /// <summary>
    /// The one definition of a seat taken: booked, waiting, with the doctor or seen. A completed consultation used its
    /// seat; a cancellation or a no-show gives it back. Every count of seats follows this, in memory through
    /// <see cref="SeatCount"/> and in SQL through <see cref="SeatHolding"/>.
    /// </summary>
    public static bool HoldsSeat(this TokenStatus status) =>
        status is TokenStatus.Booked or TokenStatus.Waiting or TokenStatus.InConsultation or TokenStatus.Completed;

    /// <summary>The statuses that hold a seat, for the queries that count seats in SQL.</summary>
    public static IReadOnlyList<TokenStatus> SeatHolding { get; } = [.. Enum.GetValues<TokenStatus>().Where(HoldsSeat)];

    /// <summary>Patients booked ahead are not at the hospital yet; everyone else starts in the waiting room.</summary>
    public static TokenStatus InitialStatus(this TokenSource source) =>
        source is TokenSource.Online or TokenSource.FollowUp ? TokenStatus.Booked : TokenStatus.Waiting;

    /// <summary>Walk-in, priority and emergency patients are at the hospital now: their tokens are for today's slots.</summary>
    public static bool IsForToday(this TokenSource source) => source.InitialStatus() == TokenStatus.Waiting;

    public static bool TakesTokensIn(this SlotStatus status) => status is SlotStatus.Open or SlotStatus.Delayed;
}

/// <summary>
/// The seats a slot's tokens take, how many of them are emergencies', and how many walk-ins' (who fill the seats
/// held for them, <see cref="WalkInHold"/>): counted once, the same way everywhere.
/// </summary>
public readonly record struct SeatCount(int Taken, int Emergency, int WalkIn = 0)
{
    public static SeatCount Of<T>(IEnumerable<T> tokens, Func<T, TokenStatus> status, Func<T, TokenSource> source)
    {
        var taken = 0;
        var emergency = 0;
        var walkIn = 0;
        foreach (var token in tokens)
        {
            if (status(token).HoldsSeat())
            {
                taken++;
                emergency += source(token) == TokenSource.Emergency ? 1 : 0;
                walkIn += WalkInHold.Fills(source(token)) ? 1 : 0;
            }
        }

        return new SeatCount(taken, emergency, walkIn);
    }
}

/// <summary>How a message reaches a patient: the hospital's SMS/WhatsApp gateway by a signed webhook, or email.</summary>
public enum MessageChannel { Webhook, Email }

/// <summary>
/// Where a patient message stands. Queued until the dispatcher takes it; Sending while a delivery is under way (a
/// message left Sending by a killed process is taken again); Sent once the channel accepted it; Delivered when the
/// gateway reports it reached the phone; Failed when retries ran out (an admin may retry); Skipped when the patient
/// opted out.
/// </summary>
public enum MessageState { Queued, Sending, Sent, Delivered, Failed, Skipped }

/// <summary>What happened that a patient should hear about.</summary>
public enum PatientMessageEvent { TokenIssued, TurnNear, Delayed, Moved, Cancelled, Called }

namespace OpdReception.Domain;

public enum TokenSource { Online, WalkIn, Priority, FollowUp, Emergency }

public enum TokenStatus { Booked, Waiting, InConsultation, Completed, NoShow, Cancelled }

public enum SlotStatus { Open, Delayed, Cancelled, Closed }

public static class StatusRules
{
    /// <summary>Booked, waiting and in consultation: the patient still expects to be seen.</summary>
    public static bool IsActive(this TokenStatus status) =>
        status is TokenStatus.Booked or TokenStatus.Waiting or TokenStatus.InConsultation;

    /// <summary>Not yet called: these can move to another slot.</summary>
    public static bool IsPending(this TokenStatus status) =>
        status is TokenStatus.Booked or TokenStatus.Waiting;

    /// <summary>A completed consultation used its seat; a cancellation or a no-show gives it back.</summary>
    public static bool HoldsSeat(this TokenStatus status) =>
        status is not (TokenStatus.Cancelled or TokenStatus.NoShow);

    /// <summary>Patients booked ahead are not at the hospital yet; everyone else starts in the waiting room.</summary>
    public static TokenStatus InitialStatus(this TokenSource source) =>
        source is TokenSource.Online or TokenSource.FollowUp ? TokenStatus.Booked : TokenStatus.Waiting;

    /// <summary>Walk-in, priority and emergency patients are at the hospital now: their tokens are for today's slots.</summary>
    public static bool IsForToday(this TokenSource source) => source.InitialStatus() == TokenStatus.Waiting;

    public static bool TakesTokensIn(this SlotStatus status) => status is SlotStatus.Open or SlotStatus.Delayed;
}

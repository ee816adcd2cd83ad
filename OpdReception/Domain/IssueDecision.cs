namespace OpdReception.Domain;

/// <summary>The desk's answer to "may this patient have a token in this slot?"</summary>
public abstract record IssueDecision;

/// <summary>A seat was free.</summary>
/// <param name="Replaces">An emergency's own pending token with the doctor that day, to be cancelled in the same write.</param>
public sealed record Issued(int TokenNumber, int PriorityScore, TokenStatus Status, HeldToken? Replaces = null) : IssueDecision;

/// <summary>An emergency in a full slot: the slot grows by one seat.</summary>
public sealed record Extended(int TokenNumber, int PriorityScore, TokenStatus Status, int NewEffectiveCapacity, HeldToken? Replaces = null) : IssueDecision;

public sealed record Refused(Refusal Reason) : IssueDecision;

public enum RefusalKind { SlotFull, SlotNotTakingTokens, SlotOver, AlreadyHoldsToken, NotToday, HeldForWalkIns }

/// <summary>Why a token was not issued, with what the desk can offer instead.</summary>
public sealed record Refusal(RefusalKind Kind, string Message, int? AlternativeSlotId = null, int? ExistingTokenId = null);

/// <summary>An active token the patient already holds with the same doctor on the same day.</summary>
/// <param name="SlotId">Its slot; 0 when the caller does not need to say.</param>
/// <param name="SlotStartsAt">When its slot starts; null when the caller does not need to say.</param>
public sealed record HeldToken(
    int TokenId,
    int TokenNumber,
    TokenStatus Status = TokenStatus.Booked,
    TokenSource Source = TokenSource.Online,
    int SlotId = 0,
    DateTime? SlotStartsAt = null);

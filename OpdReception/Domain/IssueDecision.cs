namespace OpdReception.Domain;

/// <summary>The desk's answer to "may this patient have a token in this slot?"</summary>
public abstract record IssueDecision;

/// <summary>A seat was free.</summary>
public sealed record Issued(int TokenNumber, int PriorityScore, TokenStatus Status) : IssueDecision;

/// <summary>An emergency in a full slot: the slot grows by one seat.</summary>
public sealed record Extended(int TokenNumber, int PriorityScore, TokenStatus Status, int NewEffectiveCapacity) : IssueDecision;

public sealed record Refused(Refusal Reason) : IssueDecision;

public enum RefusalKind { SlotFull, SlotNotTakingTokens, SlotOver, AlreadyHoldsToken }

/// <summary>Why a token was not issued, with what the desk can offer instead.</summary>
public sealed record Refusal(RefusalKind Kind, string Message, int? AlternativeSlotId = null, int? ExistingTokenId = null);

/// <summary>An active token the patient already holds with the same doctor on the same day.</summary>
public sealed record HeldToken(int TokenId, int TokenNumber);

namespace OpdReception.Domain;

/// <summary>How the doctor's day orders its patients: the weight of each kind, and ageing.</summary>
public sealed record PriorityWeights(int Emergency, int Priority, int FollowUp, int Online, int WalkIn)
{
    /// <summary>
    /// Ageing (Opd:MaxOvertakes): no waiting walk-in is overtaken by more than this many later arrivals; null is off.
    /// Carried with the weights so that every reader of the day, which already takes them, orders the day the same way.
    /// </summary>
    public int? MaxOvertakes { get; init; }

    public static PriorityWeights Default { get; } = new(1000, 500, 300, 200, 100);

    public int For(TokenSource source) => source switch
    {
        TokenSource.Emergency => Emergency,
        TokenSource.Priority => Priority,
        TokenSource.FollowUp => FollowUp,
        TokenSource.Online => Online,
        TokenSource.WalkIn => WalkIn,
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, null),
    };
}

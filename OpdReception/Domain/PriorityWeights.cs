namespace OpdReception.Domain;

public sealed record PriorityWeights(int Emergency, int Priority, int FollowUp, int Online, int WalkIn)
{
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

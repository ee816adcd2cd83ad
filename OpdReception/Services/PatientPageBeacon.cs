namespace OpdReception.Services;

/// <summary>
/// Wakes every open patient-page stream on a change with one shared signal, and keeps the latest changes so each
/// stream can tell whether one concerns its own token: a thousand open pages cost one listener on
/// <see cref="OpdChanges"/>, not a thousand, and a change to another doctor's day reads nothing for them.
/// </summary>
public sealed class PatientPageBeacon
{
    /// <summary>A stream that fell further behind than this reads its state again rather than look for its changes.</summary>
    private const int Kept = 1024;

    private readonly Lock _gate = new();
    private readonly OpdChange[] _recent = new OpdChange[Kept];
    private long _count;
    private TaskCompletionSource _next = NewSignal();

    public PatientPageBeacon(OpdChanges changes) => changes.Changed += OnChanged;

    /// <summary>How many changes were seen so far, and a task that completes at the next.</summary>
    public (long Seen, Task Next) Now()
    {
        lock (_gate)
        {
            return (_count, _next.Task);
        }
    }

    /// <summary>Whether a change after <paramref name="seen"/> was to one of <paramref name="slots"/> or to the token itself.</summary>
    public (bool Concerns, long Seen, Task Next) Since(long seen, IReadOnlyList<int> slots, int tokenId)
    {
        lock (_gate)
        {
            var concerns = _count - seen > Kept;
            for (var i = seen; i < _count && !concerns; i++)
            {
                var change = _recent[i % Kept];
                concerns = change.TokenId == tokenId || slots.Contains(change.SlotId);
            }

            return (concerns, _count, _next.Task);
        }
    }

    private void OnChanged(OpdChange change)
    {
        TaskCompletionSource woken;
        lock (_gate)
        {
            _recent[_count % Kept] = change;
            _count++;
            woken = _next;
            _next = NewSignal();
        }

        woken.SetResult();
    }

    // The streams go on on the thread pool, never inside the write that announced the change.
    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

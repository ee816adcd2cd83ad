namespace OpdReception.Services.Messages;

/// <summary>
/// Wakes the dispatcher at once: any committed change (a new message is written with the change that causes it) and
/// an admin's retry ring it, so a message goes out within moments, not at the next poll.
/// </summary>
public sealed class MessageSignal
{
    private readonly SemaphoreSlim _rung = new(0, 1);

    public void Wake()
    {
        try
        {
            _rung.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already rung: one wake covers every change before it.
        }
    }

    /// <summary>True when rung, false when <paramref name="timeout"/> passed first.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _rung.WaitAsync(timeout, ct);
}

namespace OpdReception.Services;

public sealed record OpdChange(int SlotId, int? TokenId, string What);

/// <summary>Announces every committed change, so open screens can refresh without polling.</summary>
public sealed class OpdChanges(ILogger<OpdChanges>? log = null)
{
    private long _version;

    public event Action<OpdChange>? Changed;

    /// <summary>How many changes were announced so far: a read taken at one version is current until the next.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>
    /// Called after the commit: a screen that fails to refresh must not turn a saved change into an error
    /// for the desk that made it.
    /// </summary>
    public void Announce(OpdChange change)
    {
        Interlocked.Increment(ref _version);
        foreach (var listener in Changed?.GetInvocationList().Cast<Action<OpdChange>>() ?? [])
        {
            try
            {
                listener(change);
            }
            catch (Exception ex)
            {
                log?.LogWarning(ex, "A listener failed on {Change}", change);
            }
        }
    }
}

namespace OpdReception.Components.Shared;

/// <summary>
/// Coalesces change notifications: a burst of changes while a screen reloads costs one more reload, not one
/// per change, and no change arriving during a reload is missed.
/// </summary>
public sealed class LiveRefresh
{
    private readonly Lock _gate = new();
    private bool _running;
    private bool _again;

    /// <summary>The last reload that failed, so a screen can say it is stale instead of hiding it.</summary>
    public Exception? LastError { get; private set; }

    public void Request(Func<Task> reload)
    {
        lock (_gate)
        {
            if (_running)
            {
                _again = true;
                return;
            }

            _running = true;
        }

        _ = RunAsync(reload);
    }

    private async Task RunAsync(Func<Task> reload)
    {
        while (true)
        {
            try
            {
                await reload();
                LastError = null;
            }
            catch (Exception ex)
            {
                LastError = ex;
            }

            lock (_gate)
            {
                if (!_again)
                {
                    _running = false;
                    return;
                }

                _again = false;
            }
        }
    }
}

namespace OpdReception.Services;

/// <summary>
/// One read of the waiting-room board per change, shared by every display showing the same rooms: two hundred TVs
/// refreshing after one issued token cost one read, not two hundred. The first display to ask after a change starts
/// the read and the others await it; a read is reused only while no change was announced since it began and for a
/// couple of seconds at most, so the clock-driven parts (a doctor's delay) never go stale.
/// </summary>
public sealed class DisplayFeed(IServiceScopeFactory scopes, OpdChanges changes, TimeProvider time)
{
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(2);

    /// <summary>Anyone may open /display/anything: past this many kinds of display, out-of-date reads are dropped.</summary>
    private const int KeptBoards = 64;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _boards = [];
    private long _reads;

    /// <summary>How many times the board was read from the database (the benchmark and the tests count them).</summary>
    public long Reads => Interlocked.Read(ref _reads);

    /// <param name="which">What the display shows, as its address says: null for every room, else rooms or doctor ids.</param>
    public Task<DisplayBoard> GetAsync(string? which)
    {
        // The version is taken before the read starts: the read sees at least every change up to it.
        var version = changes.Version;
        var now = time.GetUtcNow();
        var key = KeyOf(which);
        lock (_gate)
        {
            if (_boards.TryGetValue(key, out var entry) && entry.Version == version && now - entry.StartedAt < Fresh
                && !entry.Board.IsFaulted && !entry.Board.IsCanceled)
            {
                return entry.Board;
            }

            if (_boards.Count >= KeptBoards)
            {
                foreach (var stale in _boards.Where(b => b.Value.Version != version || now - b.Value.StartedAt >= Fresh).Select(b => b.Key).ToList())
                {
                    _boards.Remove(stale);
                }
            }

            var read = ReadAsync(which);
            _boards[key] = new Entry(version, now, read);
            return read;
        }
    }

    /// <summary>"101, 102" and "102,101" show the same rooms (rooms match whatever their case), so they share a read.</summary>
    public static string KeyOf(string? which) =>
        string.Join(',', (which ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => w.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal));

    private async Task<DisplayBoard> ReadAsync(string? which)
    {
        await Task.Yield();
        Interlocked.Increment(ref _reads);
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DisplayService>().BoardAsync(which);
    }

    private sealed record Entry(long Version, DateTimeOffset StartedAt, Task<DisplayBoard> Board);
}

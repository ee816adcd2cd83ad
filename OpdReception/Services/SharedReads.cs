namespace OpdReception.Services;

/// <summary>
/// One read per change, shared by every screen asking for the same thing: the first to ask after a change starts the
/// read and the others await it, so sixty boards or two hundred displays refreshing after one issued token cost one
/// query. A read is reused only while no change was announced since it began and for a couple of seconds at most,
/// so what the clock moves (estimates, a doctor's delay) never goes stale.
/// </summary>
public sealed class SharedReads<TKey, TValue>(OpdChanges changes, TimeProvider time) where TKey : notnull
{
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(2);

    /// <summary>Anyone may ask for any key (a display's address is typed in): past this many, out-of-date reads are dropped.</summary>
    private const int Kept = 256;

    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, Entry> _reads = [];
    private long _count;

    /// <summary>How many reads were started (the benchmark and the tests count them).</summary>
    public long Reads => Interlocked.Read(ref _count);

    public Task<TValue> GetAsync(TKey key, Func<Task<TValue>> read)
    {
        // The version is taken before the read starts: the read sees at least every change up to it.
        var version = changes.Version;
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_reads.TryGetValue(key, out var entry) && Current(entry, version, now) && !entry.Value.IsFaulted && !entry.Value.IsCanceled)
            {
                return entry.Value;
            }

            if (_reads.Count >= Kept)
            {
                foreach (var stale in _reads.Where(r => !Current(r.Value, version, now)).Select(r => r.Key).ToList())
                {
                    _reads.Remove(stale);
                }
            }

            var started = RunAsync(read);
            _reads[key] = new Entry(version, now, started);
            return started;
        }
    }

    private static bool Current(Entry entry, long version, DateTimeOffset now) => entry.Version == version && now - entry.StartedAt < Fresh;

    private async Task<TValue> RunAsync(Func<Task<TValue>> read)
    {
        // Out of the lock and off the caller's thread before any work.
        await Task.Yield();
        Interlocked.Increment(ref _count);
        return await read();
    }

    private sealed record Entry(long Version, DateTimeOffset StartedAt, Task<TValue> Value);
}

namespace OpdReception.Services;

/// <summary>
/// One read of a doctor's board per change, shared by every board of that doctor open at the time: sixty
/// screens refreshing after one issued token cost one query, not sixty. A read is reused only while no change
/// was announced since it began and for a couple of seconds at most, so estimates never go stale.
/// </summary>
public sealed class BoardFeed(IServiceScopeFactory scopes, OpdChanges changes, TimeProvider time)
{
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();
    private readonly Dictionary<(int DoctorId, DateOnly? Date), Entry> _boards = [];

    /// <param name="date">Another day than the doctor's OPD day today; null for today.</param>
    public Task<Result<BoardView>> GetAsync(int doctorId, DateOnly? date = null)
    {
        // The version is taken before the read starts: the read sees at least every change up to it.
        var version = changes.Version;
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_boards.TryGetValue((doctorId, date), out var entry) && entry.Version == version && now - entry.StartedAt < Fresh
                && !entry.Board.IsFaulted && !entry.Board.IsCanceled)
            {
                return entry.Board;
            }

            var read = ReadAsync(doctorId, date);
            _boards[(doctorId, date)] = new Entry(version, now, read);
            return read;
        }
    }

    private async Task<Result<BoardView>> ReadAsync(int doctorId, DateOnly? date)
    {
        await Task.Yield();
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DeskService>().BoardAsync(doctorId, date);
    }

    private sealed record Entry(long Version, DateTimeOffset StartedAt, Task<Result<BoardView>> Board);
}

namespace OpdReception.Services;

/// <summary>
/// One read of the waiting-room board per change, shared by every display showing the same rooms: two hundred TVs
/// refreshing after one issued token cost one read, not two hundred (see <see cref="SharedReads{TKey, TValue}"/>).
/// </summary>
public sealed class DisplayFeed(IServiceScopeFactory scopes, OpdChanges changes, TimeProvider time)
{
    private readonly SharedReads<string, DisplayBoard> _boards = new(changes, time);

    /// <summary>How many times the board was read from the database.</summary>
    public long Reads => _boards.Reads;

    /// <param name="which">What the display shows, as its address says: null for every room, else rooms or doctor ids.</param>
    public Task<DisplayBoard> GetAsync(string? which) =>
        _boards.GetAsync(KeyOf(which), async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<DisplayService>().BoardAsync(which);
        });

    /// <summary>"101, 102" and "102,101" show the same rooms (rooms match whatever their case), so they share a read.</summary>
    public static string KeyOf(string? which) =>
        string.Join(',', (which ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => w.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal));
}

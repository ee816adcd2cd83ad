namespace OpdReception.Services;

/// <summary>
/// One read of a doctor's board per change, shared by every board of that doctor open at the time: sixty
/// screens refreshing after one issued token cost one query, not sixty (see <see cref="SharedReads{TKey, TValue}"/>).
/// </summary>
public sealed class BoardFeed(IServiceScopeFactory scopes, OpdChanges changes, TimeProvider time)
{
    private readonly SharedReads<(int DoctorId, DateOnly? Date), Result<BoardView>> _boards = new(changes, time);

    /// <param name="date">Another day than the doctor's OPD day today; null for today.</param>
    public Task<Result<BoardView>> GetAsync(int doctorId, DateOnly? date = null) =>
        _boards.GetAsync((doctorId, date), async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<DeskService>().BoardAsync(doctorId, date);
        });
}

using Microsoft.EntityFrameworkCore;

namespace OpdReception.Data;

/// <summary>
/// Folds the write-ahead log back into the database file once a second, in the background. Left to SQLite, the
/// commit that pushes the log past a thousand pages does it, and the desk whose token that was waits for the copy
/// and its fsync: a few hundred milliseconds at random. Every connection raises that threshold tenfold
/// (<see cref="SqliteDurability"/>), and this does the work instead. A passive checkpoint never blocks a reader or a
/// writer; an acknowledged commit is already on disk in the log, so none of this touches durability.
/// </summary>
public sealed class WalCheckpointer(IDbContextFactory<OpdDbContext> factory, ILogger<WalCheckpointer>? log = null) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await CheckpointAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app is stopping: closing the last connection checkpoints the log anyway.
        }
    }

    private async Task CheckpointAsync(CancellationToken ct)
    {
        try
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(PASSIVE)", ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A missed checkpoint only leaves the log longer until the next one.
            log?.LogWarning(e, "Background checkpoint of the SQLite log failed; trying again in {Seconds} s", Every.TotalSeconds);
        }
    }
}

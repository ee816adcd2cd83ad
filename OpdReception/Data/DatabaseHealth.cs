using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OpdReception.Data;

/// <summary>
/// Can the database be read, and does it still take a durable write? A real committed write (one probe row,
/// queued like any other write) is the only honest answer to the second: a full disk or a read-only file
/// shows up here before a desk finds it.
/// </summary>
public sealed class DatabaseHealth(IDbContextFactory<OpdDbContext> factory, TimeProvider clock, ILogger<DatabaseHealth> log) : IHealthCheck
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Patience);
        await using var db = await factory.CreateDbContextAsync(timeout.Token);
        var data = new Dictionary<string, object> { ["canRead"] = false, ["canWrite"] = false };
        try
        {
            data["walBytes"] = WalBytes(db);
            _ = await db.Slots.AsNoTracking().Select(s => s.Id).FirstOrDefaultAsync(timeout.Token);
            data["canRead"] = true;

            await using var tx = await WriteTransaction.BeginAsync(db, timeout.Token);
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO HealthProbes (Id, CheckedAt) VALUES (1, {clock.GetUtcNow().UtcDateTime}) ON CONFLICT (Id) DO UPDATE SET CheckedAt = excluded.CheckedAt",
                timeout.Token);
            await tx.CommitAsync(timeout.Token);
            data["canWrite"] = true;
            data["walBytes"] = WalBytes(db);
            return HealthCheckResult.Healthy("The database can be read and written.", data);
        }
        catch (Exception ex) when (ex is SqliteException or InvalidOperationException or OperationCanceledException or IOException)
        {
            log.LogError(ex, "Health check: the database is not usable");
            data["error"] = ex is OperationCanceledException
                ? $"No answer within {Patience.TotalSeconds:0} seconds."
                : ex.Message;
            return HealthCheckResult.Unhealthy("The database is not usable.", data: data);
        }
    }

    /// <summary>A write-ahead log that keeps growing means checkpoints are not keeping up.</summary>
    private static long WalBytes(OpdDbContext db)
    {
        var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource + "-wal";
        return File.Exists(file) ? new FileInfo(file).Length : 0;
    }
}

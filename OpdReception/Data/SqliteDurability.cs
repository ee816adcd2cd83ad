using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OpdReception.Data;

/// <summary>
/// Every connection: FULL sync (unless Opd:Synchronous says Normal) so an acknowledged write survives a power cut, a busy timeout so concurrent
/// writers queue instead of failing, foreign keys on, and a checkpoint on commit only once the log passes 10,000 pages
/// (SQLite's default is 1,000): <see cref="WalCheckpointer"/> folds the log back in the background long before that,
/// and the threshold is only the net for a process that runs no checkpointer (the simulation, the command line).
/// WAL itself is stored in the file once at start.
/// </summary>
public sealed class SqliteDurability(DiskSync sync = DiskSync.Full) : DbConnectionInterceptor
{
    private readonly string _pragmas = $"PRAGMA synchronous = {(sync == DiskSync.Normal ? "NORMAL" : "FULL")}; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA wal_autocheckpoint = 10000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>
/// Full: every commit is on disk before it is acknowledged, through a power cut. Normal: faster commits in WAL
/// mode that still survive the app crashing, but a power cut or OS crash may lose the last commits.
/// </summary>
public enum DiskSync { Full, Normal }

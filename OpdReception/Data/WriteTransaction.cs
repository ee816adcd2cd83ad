using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace OpdReception.Data;

/// <summary>
/// One write at a time per database file, in arrival order. SQLite allows a single writer anyway; queuing
/// here instead of in SQLite's busy handler (which sleeps and retries) keeps a crowd of desks fast and fair.
/// The transaction itself is BEGIN IMMEDIATE, and busy_timeout still guards against other processes.
/// </summary>
public sealed class WriteTransaction : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new();

    private readonly SemaphoreSlim _gate;
    private readonly IDbContextTransaction _transaction;
    private int _released;

    private WriteTransaction(SemaphoreSlim gate, IDbContextTransaction transaction)
    {
        _gate = gate;
        _transaction = transaction;
    }

    /// <summary>The SQLite transaction underneath, for statements written by hand on the same connection.</summary>
    public SqliteTransaction Sqlite => (SqliteTransaction)_transaction.GetDbTransaction();

    public static async Task<WriteTransaction> BeginAsync(OpdDbContext db, CancellationToken ct)
    {
        var gate = Gates.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            return new WriteTransaction(gate, await db.Database.BeginTransactionAsync(ct));
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    /// <summary>Commits and lets the next writer in at once; reading the answer back needs no lock.</summary>
    public async Task CommitAsync(CancellationToken ct)
    {
        await _transaction.CommitAsync(ct);
        await DisposeAsync();
    }

    /// <summary>Rolls back whatever was not committed. Safe to call again after a commit.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) == 1)
        {
            return;
        }

        try
        {
            await _transaction.DisposeAsync();
        }
        finally
        {
            _gate.Release();
        }
    }
}

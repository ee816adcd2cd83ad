using System.Collections.Concurrent;
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

    private WriteTransaction(SemaphoreSlim gate, IDbContextTransaction transaction)
    {
        _gate = gate;
        _transaction = transaction;
    }

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

    public Task CommitAsync(CancellationToken ct) => _transaction.CommitAsync(ct);

    public async ValueTask DisposeAsync()
    {
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

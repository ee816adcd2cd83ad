using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpdReception.Data;

namespace OpdReception.Services;

/// <summary>
/// Group commit: every issue request of this app queues here, and one writer takes whatever has arrived, decides each
/// in arrival order inside one transaction (a savepoint per request, so one failure never touches the others),
/// commits once, and only then answers the whole batch. An acknowledged token is on disk as before; the fsync
/// and the doctor's-day arrangement are paid once per batch instead of once per token. The batch holds the same
/// write gate as every other write, so the rest of the app still writes one at a time beside it.
/// </summary>
public sealed class IssueWriter : IAsyncDisposable
{
    /// <summary>Enough to fill any one slot's rush in one commit; small enough that a batch stays a few milliseconds.</summary>
    public const int MaxBatch = 256;

    private readonly Channel<PendingIssue> _queue = Channel.CreateUnbounded<PendingIssue>(new() { SingleReader = true });
    private readonly Lock _starting = new();
    private readonly IDbContextFactory<OpdDbContext> _factory;
    private readonly IOptionsMonitor<OpdOptions> _options;
    private readonly PatientOutbox _outbox;
    private readonly ILogger<IssueWriter>? _log;
    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _batchTime;
    private Task? _writer;
    private int _waiting;

    public IssueWriter(
        IDbContextFactory<OpdDbContext> factory, IOptionsMonitor<OpdOptions> options, PatientOutbox outbox, ILogger<IssueWriter>? log = null, IMeterFactory? meters = null)
    {
        _factory = factory;
        _options = options;
        _outbox = outbox;
        _log = log;

        // dotnet-counters shows how well group commit works: how many requests each commit carried, how many wait.
        _ownsMeter = meters is null;
        _meter = meters?.Create(MeterName) ?? new Meter(MeterName);
        _batchSize = _meter.CreateHistogram<int>("opd.issue.batch.size", "{request}", "Issue requests written by one commit");
        _batchTime = _meter.CreateHistogram<double>("opd.issue.batch.duration", "ms", "Time the writer held the write gate for one batch, commit included");
        _meter.CreateObservableGauge("opd.issue.waiting", () => Waiting, "{request}", "Issue requests waiting for the writer");
    }

    public const string MeterName = "OpdReception.Issuing";

    /// <summary>Requests queued for the writer and not yet taken into a batch.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    internal Task<IssueOutcome> SubmitAsync(PendingIssue pending)
    {
        lock (_starting)
        {
            // Started on first use; should the loop ever end by a fault, the next request starts it again.
            if (_writer is null || (_writer.IsCompleted && !_queue.Reader.Completion.IsCompleted))
            {
                _writer = Task.Run(WriteAllAsync);
            }
        }

        Interlocked.Increment(ref _waiting);
        if (!_queue.Writer.TryWrite(pending))
        {
            Interlocked.Decrement(ref _waiting);
            throw new ObjectDisposedException(nameof(IssueWriter), "The app is stopping; nothing was issued.");
        }

        return pending.Answer.Task;
    }

    private async Task WriteAllAsync()
    {
        var batch = new List<PendingIssue>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
                Interlocked.Decrement(ref _waiting);
            }

            try
            {
                await WriteAsync(batch);
            }
            catch (Exception ex)
            {
                // Nothing of the batch was committed, so nothing is acknowledged: every request hears why.
                _log?.LogError(ex, "A batch of {Count} issue requests failed; none was written", batch.Count);
                foreach (var pending in batch)
                {
                    pending.Answer.TrySetException(ex);
                }
            }

            batch.Clear();
        }
    }

    private async Task WriteAsync(List<PendingIssue> batch)
    {
        await using var db = await _factory.CreateDbContextAsync();
        await using var transaction = await WriteTransaction.BeginAsync(db, CancellationToken.None);

        // Read under the write lock: a change of weights re-scores waiting patients and takes effect inside that lock,
        // so a batch that waited for it never writes a score from the weights before.
        var settings = _options.CurrentValue;
        var started = Stopwatch.GetTimestamp();
        using var sql = new IssueStatements((SqliteConnection)db.Database.GetDbConnection(), transaction.Sqlite);
        var messages = new IssueMessages(await TemplateBook.LoadAsync(db, CancellationToken.None), _outbox.Settings);
        var issues = new IssueBatch(db, sql, settings, new BatchDays(_factory, batch[^1].Now, settings.Weights, settings.Estimates), messages);
        var answered = new Dictionary<PendingIssue, Result<IssuedToken>>();
        var failed = new Dictionary<PendingIssue, Exception>();
        if (batch.Any(p => p.Key is not null))
        {
            sql.ForgetKeysBefore(batch[0].Now().AddHours(-settings.IdempotencyKeyHours));
        }

        foreach (var pending in batch)
        {
            if (pending.Cancellation.IsCancellationRequested)
            {
                failed[pending] = new OperationCanceledException(pending.Cancellation);
                continue;
            }

            // Read the clock in the writer, so arrival order and token numbers agree however the desks interleave.
            sql.Savepoint();
            try
            {
                if (await issues.DecideAsync(pending, pending.Now(), pending.Cancellation) is { } answer)
                {
                    answered[pending] = answer;
                }

                sql.Release();
            }
            catch (Exception ex)
            {
                sql.Undo();
                issues.Forget(pending);
                failed[pending] = ex;
            }
        }

        var outcomes = await issues.AnswerAsync(batch[^1].Now(), CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        _batchSize.Record(batch.Count);
        _batchTime.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        foreach (var pending in batch)
        {
            if (failed.TryGetValue(pending, out var ex))
            {
                pending.Answer.TrySetException(ex);
            }
            else
            {
                pending.Answer.TrySetResult(outcomes.TryGetValue(pending, out var outcome) ? outcome : IssueOutcome.Known(answered[pending], []));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_writer is { } writer)
        {
            await writer;
        }

        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}

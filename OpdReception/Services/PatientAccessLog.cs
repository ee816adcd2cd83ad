using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>One line of who read a patient, in an admin's words.</summary>
public sealed record PatientAccessView(DateTime At, string By, PatientAccessKind What, string Words);

/// <summary>
/// Who opened which patient's record, token history or board. Opening a screen must not wait on a disk write, so
/// lines are queued and written in batches off the request; a failed write is logged and retried, never dropped, and
/// reading the log first waits for every line queued before it.
/// </summary>
public sealed class PatientAccessLog(IDbContextFactory<OpdDbContext> factory, HospitalClock clock, ILogger<PatientAccessLog> log) : BackgroundService
{
    /// <summary>How many lines the per-patient view shows, newest first.</summary>
    public const int Shown = 200;

    private const int BatchSize = 500;

    /// <summary>
    /// The same person opening the same thing again within this time is one open: a page is read once as it is
    /// prerendered and again as it comes alive, and both must be logged, since either alone shows the data.
    /// </summary>
    public static readonly TimeSpan SameOpen = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<(string? UserId, string UserName, PatientAccessKind What, string? PatientId, int? TokenId, int? DoctorId, DateOnly? Day), DateTime> _recent = new();

    private sealed record Pending(PatientAccess? Line, TaskCompletionSource? Written);

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    public void Record(Actor by, string patientId) => Add(by, PatientAccessKind.Record, patientId);

    /// <summary>A token's history; without a token, all of a patient's tokens.</summary>
    public void TokenHistory(Actor by, string patientId, int? tokenId) => Add(by, PatientAccessKind.TokenHistory, patientId, tokenId);

    public void Board(Actor by, int doctorId, DateOnly day) => Add(by, PatientAccessKind.Board, null, doctorId: doctorId, day: day);

    private void Add(Actor by, PatientAccessKind what, string? patientId, int? tokenId = null, int? doctorId = null, DateOnly? day = null)
    {
        var now = clock.Now;
        var key = (by.UserId, by.Name, what, patientId, tokenId, doctorId, day);
        if (_recent.TryGetValue(key, out var last) && now - last < SameOpen && now >= last)
        {
            return;
        }

        _recent[key] = now;
        if (_recent.Count > 10_000)
        {
            foreach (var old in _recent.Where(r => now - r.Value >= SameOpen).Select(r => r.Key).ToList())
            {
                _recent.TryRemove(old, out _);
            }
        }

        var line = new PatientAccess
        {
            At = now, UserId = by.UserId, UserName = by.Name, What = what, PatientId = patientId, TokenId = tokenId, DoctorId = doctorId, Day = day,
        };
        if (!_queue.Writer.TryWrite(new Pending(line, null)))
        {
            // Only after shutdown began: said loudly rather than lost quietly.
            log.LogError("Patient access line not written: the app is stopping ({What} by user {UserId})", what, by.UserId);
        }
    }

    /// <summary>Returns once every line queued before the call is on disk.</summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_queue.Writer.TryWrite(new Pending(null, written)))
        {
            await written.Task.WaitAsync(ct);
        }
    }

    /// <summary>
    /// Who opened this patient's record or token history, and who opened a board of a day the patient had a token on,
    /// newest first.
    /// </summary>
    public async Task<Result<IReadOnlyList<PatientAccessView>>> ForPatientAsync(string? id, CancellationToken ct = default)
    {
        var idOf = PatientRecords.IdOf(id, "id");
        if (!idOf.IsOk)
        {
            return idOf.Problem!;
        }

        var patientId = idOf.Value!;
        await FlushAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await db.Patients.AnyAsync(p => p.Id == patientId, ct))
        {
            return OpdProblem.NotFound("Patient", patientId);
        }

        var days = (await db.Tokens.AsNoTracking().Where(t => t.PatientId == patientId)
                .Select(t => new { t.Slot.DoctorId, t.Slot.Date }).Distinct().ToListAsync(ct))
            .Select(d => (d.DoctorId, d.Date)).ToHashSet();
        var lines = await db.PatientAccesses.AsNoTracking().Where(a => a.PatientId == patientId)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(Shown).ToListAsync(ct);
        if (days.Count > 0)
        {
            var doctorIds = days.Select(d => d.DoctorId).Distinct().ToList();
            var dates = days.Select(d => d.Date).Distinct().ToList();
            var boards = await db.PatientAccesses.AsNoTracking()
                .Where(a => a.What == PatientAccessKind.Board && a.DoctorId != null && doctorIds.Contains(a.DoctorId.Value) && a.Day != null && dates.Contains(a.Day.Value))
                .OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(Shown * 4).ToListAsync(ct);
            lines.AddRange(boards.Where(b => days.Contains((b.DoctorId!.Value, b.Day!.Value))));
        }

        lines = lines.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(Shown).ToList();
        var tokenIds = lines.Where(a => a.TokenId is not null).Select(a => a.TokenId!.Value).Distinct().ToList();
        var labels = await db.Tokens.AsNoTracking().Where(t => tokenIds.Contains(t.Id))
            .Select(t => new { t.Id, t.Slot.Doctor.LabelPrefix, t.TokenNumber, t.Slot.Date })
            .ToDictionaryAsync(t => t.Id, t => $"{TokenLabels.Format(t.LabelPrefix, t.TokenNumber)} of {t.Date:ddd d MMM yyyy}", ct);
        var boardDoctors = lines.Where(a => a.DoctorId is not null).Select(a => a.DoctorId!.Value).Distinct().ToList();
        var doctors = await db.Doctors.AsNoTracking().Where(d => boardDoctors.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        return lines.Select(a => new PatientAccessView(a.At, a.UserName, a.What, a.What switch
        {
            PatientAccessKind.Record => "Opened the patient's record",
            PatientAccessKind.TokenHistory when a.TokenId is { } token => $"Opened the history of token {labels.GetValueOrDefault(token, $"{token}")}",
            PatientAccessKind.TokenHistory => "Listed all of the patient's tokens",
            _ => $"Opened {doctors.GetValueOrDefault(a.DoctorId ?? 0, "a doctor")}'s board of {a.Day:ddd d MMM yyyy}",
        })).ToList();
    }

    /// <summary>Deletes the lines older than the retention period; the index on the time keeps it to those lines.</summary>
    public async Task<int> PruneAsync(int retentionDays, CancellationToken ct = default)
    {
        var cutoff = clock.Now.AddDays(-retentionDays);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.PatientAccesses.Where(a => a.At < cutoff).ExecuteDeleteAsync(ct);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        // Lines queued before the stop are still written: the loop drains the queue, then ends.
        _queue.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            var batch = new List<Pending>();
            while (batch.Count < BatchSize && reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            await WriteAsync(batch, stoppingToken);
        }
    }

    private async Task WriteAsync(List<Pending> batch, CancellationToken stoppingToken)
    {
        var lines = batch.Where(p => p.Line is not null).Select(p => p.Line!).ToList();
        for (var attempt = 1; lines.Count > 0; attempt++)
        {
            try
            {
                await using var db = await factory.CreateDbContextAsync(CancellationToken.None);
                db.PatientAccesses.AddRange(lines);
                await db.SaveChangesAsync(CancellationToken.None);
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                lines.ForEach(l => l.Id = 0);
                if (stoppingToken.IsCancellationRequested && attempt >= 3)
                {
                    log.LogCritical(ex, "{Count} patient access line(s) could not be written before the app stopped", lines.Count);
                    break;
                }

                log.LogError(ex, "Writing {Count} patient access line(s) failed (attempt {Attempt}); retrying", lines.Count, attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 10)), CancellationToken.None);
            }
        }

        foreach (var flush in batch.Where(p => p.Written is not null))
        {
            flush.Written!.TrySetResult();
        }
    }
}

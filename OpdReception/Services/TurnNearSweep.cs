using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>
/// "Your turn is near" as time passes: each open doctor's day of today (and yesterday's still running past midnight)
/// with patients not yet called is arranged once, in one write transaction. Its cost follows today's open days, not
/// the history.
/// </summary>
public sealed class TurnNearSweep(IDbContextFactory<OpdDbContext> factory, HospitalClock clock, PatientOutbox outbox)
{
    /// <summary>Writes the messages now due; returns how many patients were told.</summary>
    public async Task<int> SweepAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var now = clock.Now;
        var days = await DueDays(db, DateOnly.FromDateTime(now)).ToListAsync(ct);
        var told = 0;
        foreach (var day in days)
        {
            told += await outbox.TurnNearAsync(db, day.DoctorId, day.Date, now, "system", ct);
        }

        await tx.CommitAsync(ct);
        return told;
    }

    /// <summary>The open days of today and yesterday with someone not yet told: through the open days' index and each slot's tokens.</summary>
    internal static IQueryable<DueDay> DueDays(OpdDbContext db, DateOnly today)
    {
        var yesterday = today.AddDays(-1);
        return OpdDays.OpenDays(db, today)
            .Where(s => s.Date >= yesterday && s.Status != SlotStatus.Cancelled)
            .Where(s => s.Tokens.Any(t => (t.Status == TokenStatus.Booked || t.Status == TokenStatus.Waiting) && t.TurnNearAt == null))
            .Select(s => new { s.DoctorId, s.Date })
            .Distinct()
            .Select(d => new DueDay(d.DoctorId, d.Date));
    }
}

internal sealed record DueDay(int DoctorId, DateOnly Date);

/// <summary>Runs the turn-near check every Opd:Notifications:TurnNearSweepSeconds on the app's clock.</summary>
public sealed class TurnNearSweeper(IServiceScopeFactory scopes, IOptionsMonitor<NotificationOptions> options, ILogger<TurnNearSweeper> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.CurrentValue.TurnNearSweepSeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var told = await scope.ServiceProvider.GetRequiredService<TurnNearSweep>().SweepAsync(stoppingToken);
                if (told > 0)
                {
                    log.LogInformation("Told {Count} patient(s) their turn is near", told);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One failed sweep must not stop the next one.
                log.LogError(ex, "Turn-near sweep failed");
            }
        }
    }
}

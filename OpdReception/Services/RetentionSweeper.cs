using Microsoft.Extensions.Options;

namespace OpdReception.Services;

/// <summary>
/// The daily retention sweep: erases the details of patients whose last visit crossed <c>Opd:PatientDataRetentionYears</c>
/// and deletes access-log lines older than <c>Opd:AccessLogRetentionDays</c>. Its own service, so a hospital that turns the
/// automatic no-show off still keeps only what it may. Both steps cost what crossed the line since the last run.
/// </summary>
public sealed class RetentionSweeper(IServiceScopeFactory scopes, IOptionsMonitor<OpdOptions> options, ILogger<RetentionSweeper> log) : BackgroundService
{
    private DateOnly? _doneFor;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Hourly ticks, one sweep a day: a restart or a day's backlog never waits a whole day.
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepOnceADayAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One failed sweep must not stop the next one.
                log.LogError(ex, "Retention sweep failed");
            }
        }
    }

    private async Task SweepOnceADayAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var today = scope.ServiceProvider.GetRequiredService<HospitalClock>().Today;
        if (_doneFor == today)
        {
            return;
        }

        var run = await scope.ServiceProvider.GetRequiredService<ErasePatients>().SweepAsync(ct);
        var pruned = await scope.ServiceProvider.GetRequiredService<PatientAccessLog>().PruneAsync(options.CurrentValue.AccessLogRetentionDays, ct);
        if (run.PatientsErased > 0 || pruned > 0)
        {
            log.LogInformation("Retention: erased the details of {Patients} patient(s) of {Slots} slot(s); deleted {Lines} access-log line(s) past their time",
                run.PatientsErased, run.SlotsSwept, pruned);
        }

        // A full batch may have left more behind: the next tick takes the next one.
        _doneFor = run.SlotsSwept < ErasePatients.SlotsPerRun ? today : null;
    }
}

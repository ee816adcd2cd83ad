using Microsoft.Extensions.Options;

namespace OpdReception.Services;

/// <summary>Frees the seats of booked patients who never came, and closes doctors' days that are over, on the clock the app runs by.</summary>
public sealed class NoShowSweeper(IServiceScopeFactory scopes, IOptionsMonitor<OpdOptions> options, ILogger<NoShowSweeper> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.CurrentValue.NoShowSweepSeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var marked = await scope.ServiceProvider.GetRequiredService<SweepNoShows>().SweepNoShowsAsync(stoppingToken);
                if (marked > 0)
                {
                    log.LogInformation("Marked {Count} booked token(s) as no-show", marked);
                }

                var closing = await scope.ServiceProvider.GetRequiredService<CloseFinishedDays>().CloseFinishedDaysAsync(stoppingToken);
                if (closing.Days > 0)
                {
                    log.LogInformation("Closed {Days} doctor day(s): {NoShows} no-show, {Cancelled} sent home unseen, {Completed} consultation(s) completed",
                        closing.Days, closing.NoShows, closing.Cancelled, closing.Completed);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One failed sweep must not stop the next one.
                log.LogError(ex, "No-show sweep failed");
            }
        }
    }
}

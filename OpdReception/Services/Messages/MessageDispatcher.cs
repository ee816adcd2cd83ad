using Microsoft.Extensions.Options;
using OpdReception.Domain;

namespace OpdReception.Services.Messages;

/// <summary>
/// Delivers the outbox: takes due messages in small batches, each marked Sending before its attempt, through its
/// channel, within each channel's rate; then Sent, or retried later by the backoff rule, or Failed for an admin to
/// retry. Wakes at once when a change is committed (a message is written with the change that causes it), else when
/// the next message falls due, and at the latest every <see cref="MessageDeliveryOptions.PollSeconds"/>.
/// </summary>
public sealed class MessageDispatcher(
    MessageOutbox outbox,
    IEnumerable<IMessageChannel> channels,
    IOptions<MessageDeliveryOptions> options,
    HospitalClock clock,
    OpdChanges changes,
    MessageSignal signal,
    ILogger<MessageDispatcher> log) : BackgroundService
{
    private readonly Dictionary<MessageChannel, List<DateTime>> _starts = [];

    /// <summary>The channels that are set up; the others' messages wait, Queued, with the reason shown to the admin.</summary>
    public IReadOnlyList<MessageChannel> Working { get; } =
        [.. Enum.GetValues<MessageChannel>().Where(c => options.Value.NotSetUp(c) is null && channels.Any(x => x.Channel == c))];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var channel in Enum.GetValues<MessageChannel>().Where(c => options.Value.NotSetUp(c) is { }))
        {
            log.LogInformation("Patient messages by {Channel} wait unsent: {Reason} (docs/messages.md)", MessageWords.Channel(channel), options.Value.NotSetUp(channel));
        }

        if (Working.Count == 0)
        {
            return;
        }

        void OnChange(OpdChange _) => signal.Wake();
        changes.Changed += OnChange;
        try
        {
            var released = await outbox.ReleaseAbandonedAsync(stoppingToken);
            if (released > 0)
            {
                log.LogWarning("{Count} message(s) were being sent when the app last stopped; they are sent again", released);
            }

            while (!stoppingToken.IsCancellationRequested)
            {
                TimeSpan wait;
                try
                {
                    wait = await PassAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // One failed pass (the database busy, a disk hiccup) must not stop the next one.
                    log.LogError(ex, "A pass over the patient messages failed");
                    wait = TimeSpan.FromSeconds(Math.Min(5, options.Value.PollSeconds));
                }

                if (wait > TimeSpan.Zero)
                {
                    await signal.WaitAsync(wait, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: a message in flight stays Sending and is taken again at the next start.
        }
        finally
        {
            changes.Changed -= OnChange;
        }
    }

    /// <summary>One batch of attempts; returns how long to wait before the next pass (zero: at once).</summary>
    private async Task<TimeSpan> PassAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var poll = TimeSpan.FromSeconds(settings.PollSeconds);
        var due = await outbox.DueAsync(Working, settings.BatchSize, ct);
        var now = clock.Now;
        if (due.Count == 0)
        {
            return await outbox.NextDueAsync(Working, ct) is { } next ? Clamp(next - now, poll) : poll;
        }

        var chosen = new List<DueMessage>();
        var waitForRate = poll;
        foreach (var group in due.GroupBy(d => d.Channel))
        {
            var starts = Starts(group.Key, now);
            var room = MessageRate.MayStartNow(starts, now, PerMinute(group.Key));
            chosen.AddRange(group.Take(room));
            if (room < group.Count())
            {
                waitForRate = Clamp(MessageRate.NextStart(starts, now, PerMinute(group.Key)) - now, waitForRate);
            }

            // Counted as started now, so the next pass sees the window as it is.
            starts.AddRange(Enumerable.Repeat(now, Math.Min(room, group.Count())));
        }

        await Task.WhenAll(chosen.Select(d => AttemptAsync(d, ct)));
        return chosen.Count == due.Count ? TimeSpan.Zero : waitForRate;
    }

    private async Task AttemptAsync(DueMessage due, CancellationToken ct)
    {
        if (await outbox.ClaimAsync(due.Id, ct) is not var (message, attempt))
        {
            return;
        }

        AttemptResult result;
        try
        {
            result = await channels.First(c => c.Channel == due.Channel).SendAsync(message, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogError(ex, "Sending message {MessageId} failed unexpectedly", message.MessageId);
            result = new AttemptResult.NotAccepted($"The app could not send it: {ex.Message}");
        }

        var step = MessageDelivery.After(attempt, result, clock.Now, options.Value.Retry, Random.Shared.NextDouble());
        if (step is DeliveryStep.GiveUp giveUp)
        {
            log.LogWarning("Message {MessageId} for token {Token} failed for good: {Reason}", message.MessageId, message.TokenNumber, giveUp.Reason);
        }

        // Written even as the app stops, so a message the gateway took is not sent again after the restart.
        await outbox.RecordAsync(message.Id, attempt, step, CancellationToken.None);
    }

    private List<DateTime> Starts(MessageChannel channel, DateTime now)
    {
        var starts = _starts.TryGetValue(channel, out var list) ? list : _starts[channel] = [];
        starts.RemoveAll(s => s <= now.AddMinutes(-1) || s > now.AddMinutes(1));
        return starts;
    }

    private int PerMinute(MessageChannel channel) =>
        channel == MessageChannel.Webhook ? options.Value.Webhook.PerMinute : options.Value.Smtp.PerMinute;

    private static TimeSpan Clamp(TimeSpan wait, TimeSpan most) => wait < TimeSpan.Zero ? TimeSpan.Zero : wait > most ? most : wait;
}

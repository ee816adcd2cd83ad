using System.Net;
using System.Net.Sockets;
using OpdReception.Domain;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Messages;

/// <summary>
/// The app as a process, killed like a power cut: messages committed while the gateway was away, or in flight when the
/// app died, are delivered after the restart, and the gateway takes each exactly once.
/// </summary>
public sealed class MessageKillTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string Database => _folder.File("opd.db");

    public void Dispose() => _folder.Dispose();

    private static Dictionary<string, string> Settings(int gatewayPort) => new()
    {
        ["Opd__Notifications__Webhook__Url"] = $"http://127.0.0.1:{gatewayPort}/sms",
        ["Opd__Notifications__Webhook__Secret"] = MessagingApp.Secret,
        ["Opd__Notifications__Webhook__TimeoutSeconds"] = "30",
        ["Opd__Notifications__FirstRetrySeconds"] = "1",
        ["Opd__Notifications__LongestRetryMinutes"] = "1",
        ["Opd__Notifications__PollSeconds"] = "1",
    };

    private async Task<int> TokenAsync(AppProcess app)
    {
        var desk = new Desk(app.Client());
        var slot = await desk.Slot((await desk.Doctor()).Id, "09:00", "17:00", capacity: 50, date: DateOnly.FromDateTime(DateTime.Now).AddDays(1));
        return (await desk.Issue("book", slot.Id, phone: null)).Id;
    }

    private async Task<List<Data.OutboxMessage>> WaitForRowsAsync(Func<List<Data.OutboxMessage>, bool> done, int seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        var rows = await OutboxRows.ReadFileAsync(Database);
        while (!done(rows) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
            rows = await OutboxRows.ReadFileAsync(Database);
        }

        return rows;
    }

    [Fact]
    public async Task Messages_committed_while_the_gateway_was_away_arrive_exactly_once_after_a_kill_and_restart()
    {
        var ct = TestContext.Current.CancellationToken;
        var port = FreePort();
        var app = await AppProcess.StartAsync(Database, ct, Settings(port));
        var tokenId = await TokenAsync(app);
        var committed = await OutboxRows.AddToFileAsync(Database, [.. Enumerable.Range(0, 6).Select(i => OutboxRows.Message(tokenId, DateTime.Now, $"Message {i}"))]);

        // Each was tried at least once against a gateway that is not there, then the app dies.
        var tried = await WaitForRowsAsync(rows => rows.All(m => m.Attempts >= 1), 60);
        Assert.All(tried, m => Assert.NotEqual(MessageState.Sent, m.State));
        app.Kill();
        await app.DisposeAsync();

        await using var gateway = await WebhookReceiver.StartAsync(port);
        await using var restarted = await AppProcess.StartAsync(Database, ct, Settings(port));
        var rows = await WaitForRowsAsync(rows => rows.All(m => m.State == MessageState.Sent), 90);

        Assert.All(rows, m => Assert.Equal(MessageState.Sent, m.State));
        await Task.Delay(1000, ct);
        var accepted = gateway.AcceptedById();
        Assert.Equal(committed.Select(m => m.MessageId).Order(), accepted.Keys.Order());
        Assert.All(accepted.Values, count => Assert.Equal(1, count));
        Assert.Equal(committed.Count, gateway.Requests.Count);
    }

    [Fact]
    public async Task A_message_in_flight_when_the_app_is_killed_is_delivered_after_the_restart()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gateway = await WebhookReceiver.StartAsync();
        gateway.Hang = true;
        var app = await AppProcess.StartAsync(Database, ct, Settings(gateway.Port));
        var tokenId = await TokenAsync(app);
        var message = (await OutboxRows.AddToFileAsync(Database, OutboxRows.Message(tokenId, DateTime.Now))).Single();

        await gateway.WaitForAsync(r => r.Length >= 1, TimeSpan.FromSeconds(60));
        var inFlight = (await WaitForRowsAsync(rows => rows.Single().State == MessageState.Sending, 10)).Single();
        Assert.Equal((MessageState.Sending, 1), (inFlight.State, inFlight.Attempts));
        app.Kill();
        await app.DisposeAsync();
        gateway.Hang = false;

        await using var restarted = await AppProcess.StartAsync(Database, ct, Settings(gateway.Port));
        var row = (await WaitForRowsAsync(rows => rows.Single().State == MessageState.Sent, 60)).Single();

        Assert.Equal((MessageState.Sent, 2, null), (row.State, row.Attempts, row.LastError));
        // The gateway saw the id twice (the first request never got its answer) and took it once: the id is for dropping repeats.
        Assert.Equal([message.MessageId, message.MessageId], gateway.Requests.Select(r => r.Id));
        Assert.Equal(1, gateway.AcceptedById()[message.MessageId]);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpdReception.Data;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Messages;

/// <summary>What an admin reads when the gateway fails in a way .NET words itself.</summary>
public sealed class GatewayWordsTests
{
    [Fact]
    public async Task A_gateway_that_hangs_up_is_reported_in_one_sentence_with_one_full_stop()
    {
        // A real socket that takes the connection and closes it before any answer: .NET's own words for that end in a full stop.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var stop = new CancellationTokenSource();
        var hangUps = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var socket = await listener.AcceptSocketAsync(stop.Token);
                socket.Close();
            }
        });
        await using var app = new OpdApp()
            .With("Opd:Notifications:Webhook:Url", $"http://127.0.0.1:{port}/sms")
            .With("Opd:Notifications:Webhook:Secret", MessagingApp.Secret)
            .With("Opd:Notifications:PollSeconds", "3600");
        var desk = new Desk(app.CreateClient());
        var token = await desk.Issue("book", (await desk.NewSlot()).Id, phone: null);
        var factory = app.Services.GetRequiredService<IDbContextFactory<OpdDbContext>>();
        await OutboxRows.AddAsync(factory, OutboxRows.Message(token.Id, app.Clock.Now));
        app.Services.GetRequiredService<OpdChanges>().Announce(new OpdChange(0, token.Id, "Message"));

        var deadline = DateTime.UtcNow.AddSeconds(20);
        var row = (await OutboxRows.ReadAsync(factory)).Single();
        while (row.Attempts == 0 || row.State != MessageState.Queued)
        {
            Assert.True(DateTime.UtcNow < deadline, "The message was not tried.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
            row = (await OutboxRows.ReadAsync(factory)).Single();
        }

        await stop.CancelAsync();
        Assert.StartsWith($"The SMS gateway at http://127.0.0.1:{port} could not be reached: ", row.LastError);
        Assert.EndsWith(".", row.LastError);
        Assert.DoesNotContain("..", row.LastError);
        Assert.DoesNotContain("..", MessageWords.State(row.State, row.LastError));
        await Task.WhenAny(hangUps);
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Platform;

/// <summary>Kill the server while desks are issuing tokens: whatever it acknowledged must be there after restart.</summary>
public sealed class CrashTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string Database => _folder.File("opd.db");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Every_acknowledged_token_survives_a_kill_in_the_middle_of_writes()
    {
        var ct = TestContext.Current.CancellationToken;
        var tomorrow = DateOnly.FromDateTime(DateTime.Now).AddDays(1);
        var acknowledged = new ConcurrentDictionary<int, string>();
        int slotId;

        await using (var app = await AppProcess.StartAsync(Database, ct))
        {
            var desk = new Desk(app.Client());
            var doctor = await desk.Doctor("General Medicine");
            slotId = (await desk.Slot(doctor.Id, "09:00", "17:00", capacity: 500, date: tomorrow)).Id;

            using var stop = new CancellationTokenSource();
            var desks = Enumerable.Range(0, 6).Select(d => Task.Run(async () =>
            {
                var client = new Desk(app.Client());
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        var response = await client.TryIssue(d % 2 == 0 ? "followup" : "book", slotId);
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            var token = await response.Read<TokenView>();
                            acknowledged[token.Id] = token.TokenNumber;
                        }
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or System.Text.Json.JsonException)
                    {
                        // The server died under this request: it was never acknowledged.
                        return;
                    }
                }
            }, ct)).ToList();

            while (acknowledged.Count < 60)
            {
                await Task.Delay(20, ct);
            }

            app.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(desks);
        }

        await using var restarted = await AppProcess.StartAsync(Database, ct);
        using var client = restarted.Client();
        var queue = await client.GetFromJsonAsync<QueueView>($"/api/tokens/queue/{slotId}", Json.Options, ct);

        var stored = queue!.Tokens.ToDictionary(t => t.Id, t => t.TokenNumber);
        Assert.All(acknowledged, a => Assert.Equal(a.Value, stored.GetValueOrDefault(a.Key)));
        Assert.Equal(stored.Count, stored.Values.Distinct().Count());
        Assert.Equal(stored.Count, queue.Slot.BookedCount);
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(n => $"T{n:000}"), stored.Values.Order());
        foreach (var id in stored.Keys.Take(5))
        {
            var token = await client.GetFromJsonAsync<TokenView>($"/api/tokens/{id}", Json.Options, ct);
            Assert.Equal("Issued", token!.History!.Single().Action);
        }
    }
}

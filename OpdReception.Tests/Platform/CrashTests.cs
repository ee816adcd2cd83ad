using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Platform;

/// <summary>Kill the server while desks are issuing tokens, again and again: whatever it acknowledged must be there after each restart.</summary>
public sealed class CrashTests : IDisposable
{
    private const int Kills = 10;
    private const int TokensPerRound = 20;

    private readonly TempFolder _folder = new();

    private string Database => _folder.File("opd.db");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Every_acknowledged_token_survives_ten_kills_in_the_middle_of_writes()
    {
        var ct = TestContext.Current.CancellationToken;
        var acknowledged = new ConcurrentDictionary<int, (int SlotId, string Number)>();
        var slots = new List<int>();
        var doctorId = 0;

        for (var kill = 1; kill <= Kills; kill++)
        {
            await using var app = await AppProcess.StartAsync(Database, ct);
            var desk = new Desk(app.Client());
            await AssertAllThereAsync(desk, slots, acknowledged);
            doctorId = doctorId == 0 ? (await desk.Doctor("General Medicine")).Id : doctorId;

            // A slot of its own each round, so no round waits on a full one.
            var slotId = (await desk.Slot(doctorId, "09:00", "17:00", capacity: 500, date: DateOnly.FromDateTime(DateTime.Now).AddDays(kill))).Id;
            slots.Add(slotId);
            var target = acknowledged.Count + TokensPerRound;
            using var stop = new CancellationTokenSource();
            var desks = Enumerable.Range(0, 6).Select(d => Task.Run(() => IssueUntilStoppedAsync(app, d, slotId, acknowledged, stop.Token), ct)).ToList();
            while (acknowledged.Count < target)
            {
                await Task.Delay(10, ct);
            }

            app.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(desks);
            Assert.Equal("ok", IntegrityCheck(Database));
        }

        await using var restarted = await AppProcess.StartAsync(Database, ct);
        var checkedTokens = await AssertAllThereAsync(new Desk(restarted.Client()), slots, acknowledged);
        Assert.True(checkedTokens >= Kills * TokensPerRound);
        TestContext.Current.TestOutputHelper?.WriteLine($"{Kills} kills survived; {acknowledged.Count} acknowledged tokens, {checkedTokens} stored tokens checked.");
    }

    private static async Task IssueUntilStoppedAsync(AppProcess app, int desk, int slotId, ConcurrentDictionary<int, (int, string)> acknowledged, CancellationToken stop)
    {
        var client = new Desk(app.Client());
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var response = await client.TryIssue(desk % 2 == 0 ? "followup" : "book", slotId);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    var token = await response.Read<TokenView>();
                    acknowledged[token.Id] = (slotId, token.TokenNumber);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or System.Text.Json.JsonException)
            {
                // The server died under this request: it was never acknowledged.
                return;
            }
        }
    }

    /// <summary>Every acknowledged token is stored with its number; per slot the numbers are unique, gapless and within capacity.</summary>
    private static async Task<int> AssertAllThereAsync(Desk desk, IEnumerable<int> slots, ConcurrentDictionary<int, (int SlotId, string Number)> acknowledged)
    {
        var stored = new Dictionary<int, (int SlotId, string Number)>();
        foreach (var slotId in slots)
        {
            var queue = await desk.Queue(slotId);
            var numbers = queue.Tokens.Select(t => t.TokenNumber).ToList();
            Assert.Equal(Enumerable.Range(1, numbers.Count).Select(n => $"T{n:000}"), numbers.Order());
            Assert.Equal(numbers.Count, queue.Slot.BookedCount);
            Assert.InRange(queue.Slot.BookedCount, 0, queue.Slot.EffectiveCapacity);
            foreach (var token in queue.Tokens)
            {
                stored[token.Id] = (slotId, token.TokenNumber);
            }
        }

        Assert.All(acknowledged, a => Assert.Equal(a.Value, stored.GetValueOrDefault(a.Key)));
        foreach (var id in stored.Keys.Take(3))
        {
            Assert.Equal("Issued", (await desk.Token(id)).History!.Single().Action);
        }

        return stored.Count;
    }

    private static string IntegrityCheck(string file)
    {
        using var db = new SqliteConnection($"Data Source={file};Pooling=False");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return Convert.ToString(command.ExecuteScalar())!;
    }
}

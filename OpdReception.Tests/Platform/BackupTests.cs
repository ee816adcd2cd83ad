using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Platform;

/// <summary>`backup` while desks write, then `restore` once the app is stopped, through the app's own commands.</summary>
public sealed class BackupTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string Database => _folder.File("opd.db");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_backup_taken_during_writes_is_consistent_and_restores_once_the_app_is_stopped()
    {
        var ct = TestContext.Current.CancellationToken;
        var backupFile = _folder.File("backups/opd-backup.db");
        var acknowledged = new ConcurrentDictionary<int, string>();
        int slotId;
        IReadOnlyDictionary<int, string> beforeBackup;

        await using (var app = await AppProcess.StartAsync(Database, ct))
        {
            var desk = new Desk(app.Client());
            var doctor = await desk.Doctor("General Medicine");
            slotId = (await desk.Slot(doctor.Id, "09:00", "17:00", capacity: 500, date: DateOnly.FromDateTime(DateTime.Now).AddDays(1))).Id;

            using var stop = new CancellationTokenSource();
            var desks = Enumerable.Range(0, 4).Select(d => Task.Run(async () =>
            {
                var client = new Desk(app.Client());
                while (!stop.IsCancellationRequested)
                {
                    var token = await client.Issue(d % 2 == 0 ? "followup" : "book", slotId);
                    acknowledged[token.Id] = token.TokenNumber;
                }
            }, ct)).ToList();

            await Until(() => acknowledged.Count >= 20, ct);
            beforeBackup = acknowledged.ToDictionary();
            var backup = await AppProcess.RunCommandAsync(Database, ["backup", backupFile], ct);
            var afterBackup = acknowledged.Count;
            await Until(() => acknowledged.Count >= afterBackup + 10, ct);
            await stop.CancelAsync();
            await Task.WhenAll(desks);

            Assert.True(backup.ExitCode == 0, backup.Output);
            Assert.Contains("integrity ok", backup.Output);

            var refused = await AppProcess.RunCommandAsync(Database, ["restore", backupFile], ct);
            Assert.True(refused.ExitCode == 1, refused.Output);
            Assert.Contains("running", refused.Output);
            Assert.Equal(acknowledged.Count, (await desk.Queue(slotId)).Tokens.Count);
        }

        var copy = ReadTokens(backupFile, slotId);
        Assert.All(beforeBackup, t => Assert.Equal(t.Value, copy.Tokens.GetValueOrDefault(t.Key)));
        Assert.All(copy.Tokens, t => Assert.Equal(t.Value, acknowledged.GetValueOrDefault(t.Key, t.Value)));
        Assert.Equal(Enumerable.Range(1, copy.LastNumber).Select(n => $"T{n:000}"), copy.Tokens.Values.Order());
        Assert.True(copy.Tokens.Count < acknowledged.Count, "the desks went on writing after the backup");

        var restore = await AppProcess.RunCommandAsync(Database, ["restore", backupFile], ct);
        Assert.True(restore.ExitCode == 0, restore.Output);

        await using var restarted = await AppProcess.StartAsync(Database, ct);
        using var client = restarted.Client();
        var queue = await client.GetFromJsonAsync<QueueView>($"/api/tokens/queue/{slotId}", Json.Options, ct);
        Assert.Equal(copy.Tokens.OrderBy(t => t.Key), queue!.Tokens.Select(t => KeyValuePair.Create(t.Id, t.TokenNumber)).OrderBy(t => t.Key));
        Assert.Equal(HttpStatusCode.Created, (await new Desk(client).TryIssue("followup", slotId)).StatusCode);
    }

    [Fact]
    public async Task Restore_refuses_a_file_that_is_not_a_sound_backup_and_changes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var junk = _folder.File("junk.db");
        await File.WriteAllTextAsync(junk, "not a database", ct);

        var result = await AppProcess.RunCommandAsync(Database, ["restore", junk], ct);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cannot be restored", result.Output);
        Assert.False(File.Exists(Database));
    }

    private static async Task Until(Func<bool> condition, CancellationToken ct)
    {
        while (!condition())
        {
            await Task.Delay(20, ct);
        }
    }

    private static (Dictionary<int, string> Tokens, int LastNumber) ReadTokens(string file, int slotId)
    {
        using var db = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var integrity = db.CreateCommand();
        integrity.CommandText = "PRAGMA integrity_check;";
        Assert.Equal("ok", integrity.ExecuteScalar());

        using var last = db.CreateCommand();
        last.CommandText = $"SELECT c.LastTokenNumber FROM DoctorDayCounters c JOIN Slots s ON s.DoctorId = c.DoctorId AND s.Date = c.Date WHERE s.Id = {slotId};";
        var lastNumber = Convert.ToInt32(last.ExecuteScalar());

        using var tokens = db.CreateCommand();
        tokens.CommandText = $"SELECT Id, TokenNumber FROM Tokens WHERE SlotId = {slotId};";
        using var reader = tokens.ExecuteReader();
        var found = new Dictionary<int, string>();
        while (reader.Read())
        {
            found[reader.GetInt32(0)] = $"T{reader.GetInt32(1):000}";
        }

        return (found, lastNumber);
    }
}

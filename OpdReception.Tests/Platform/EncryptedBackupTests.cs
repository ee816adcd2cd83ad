using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using OpdReception.Data;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Platform;

/// <summary>`backup` with OPD_BACKUP_KEY writes a file only the key opens; `restore` opens it, or refuses and changes nothing.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class EncryptedBackupTests : IDisposable
{
    private const string Patient = "Kavitha Backupwala";

    private static readonly string Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private readonly TempFolder _folder = new();

    private string Database => _folder.File("opd.db");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Encrypted_backup_restores_with_the_key()
    {
        var (slotId, before) = await BackedUpDayAsync(Key);
        var backup = _folder.File("backups/opd.db.enc");
        var sealedBytes = await File.ReadAllBytesAsync(backup, Ct);
        Assert.DoesNotContain("SQLite format 3", Encoding.Latin1.GetString(sealedBytes), StringComparison.Ordinal);
        Assert.DoesNotContain(Patient, Encoding.Latin1.GetString(sealedBytes), StringComparison.Ordinal);

        var restore = await RunAsync("restore", backup, Key);

        Assert.True(restore.ExitCode == 0, restore.Output);
        Assert.Empty(Directory.GetFiles(_folder.File(""), "*.restoring"));
        var kept = Assert.Single(Directory.GetFiles(_folder.File(""), "opd.db.before-restore-*"));
        Assert.All([Database, kept], file => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file)));
        await using var app = await AppProcess.StartAsync(Database, Ct);
        var queue = await app.Client().GetFromJsonAsync<QueueView>($"/api/tokens/queue/{slotId}", Json.Options, Ct);
        Assert.Equal(before, queue!.Tokens.Select(t => t.TokenNumber).Order());
    }

    [Fact]
    public async Task Encrypted_backup_refuses_the_wrong_key_and_changes_nothing()
    {
        await BackedUpDayAsync(Key);
        var backup = _folder.File("backups/opd.db.enc");
        var database = await File.ReadAllBytesAsync(Database, Ct);
        var filesBefore = Directory.GetFiles(_folder.File("")).Order().ToList();

        var wrongKey = await RunAsync("restore", backup, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        var noKey = await RunAsync("restore", backup, key: null);
        var notAKey = await RunAsync("restore", backup, "correct horse battery staple");

        Assert.Equal((1, 1, 1), (wrongKey.ExitCode, noKey.ExitCode, notAKey.ExitCode));
        Assert.Contains("OPD_BACKUP_KEY is not the key it was made with", wrongKey.Output, StringComparison.Ordinal);
        Assert.Contains("is encrypted: set OPD_BACKUP_KEY", noKey.Output, StringComparison.Ordinal);
        Assert.Contains("openssl rand -base64 32", notAKey.Output, StringComparison.Ordinal);
        Assert.Equal(database, await File.ReadAllBytesAsync(Database, Ct));
        Assert.Equal(filesBefore, Directory.GetFiles(_folder.File("")).Order().ToList());
    }

    [Fact]
    public async Task A_backup_without_the_key_is_plain_and_still_restores()
    {
        var (slotId, before) = await BackedUpDayAsync(key: null);
        Assert.StartsWith("SQLite format 3", Encoding.Latin1.GetString((await File.ReadAllBytesAsync(_folder.File("backups/opd.db"), Ct))[..15]), StringComparison.Ordinal);

        var restore = await RunAsync("restore", _folder.File("backups/opd.db"), key: null);

        Assert.True(restore.ExitCode == 0, restore.Output);
        await using var app = await AppProcess.StartAsync(Database, Ct);
        var queue = await app.Client().GetFromJsonAsync<QueueView>($"/api/tokens/queue/{slotId}", Json.Options, Ct);
        Assert.Equal(before, queue!.Tokens.Select(t => t.TokenNumber).Order());
    }

    /// <summary>Two tokens, a backup, then a third token the restore must take away again.</summary>
    private async Task<(int SlotId, List<string> Tokens)> BackedUpDayAsync(string? key)
    {
        await using var app = await AppProcess.StartAsync(Database, Ct);
        var desk = new Desk(app.Client());
        var doctor = await desk.Doctor();
        var slot = await desk.Slot(doctor.Id, "09:00", "17:00", date: DateOnly.FromDateTime(DateTime.Now).AddDays(1));
        var tokens = new List<string>
        {
            (await desk.Issue("book", slot.Id, name: Patient)).TokenNumber,
            (await desk.Issue("book", slot.Id, name: "Second Patient", phone: "+91 98765 43211")).TokenNumber,
        };

        // Named without .enc: with a key the command adds it.
        var backup = await RunAsync("backup", _folder.File("backups/opd.db"), key);
        Assert.True(backup.ExitCode == 0, backup.Output);
        await desk.Issue("book", slot.Id, name: "After The Backup", phone: "+91 98765 43212");
        return (slot.Id, tokens.Order().ToList());
    }

    private Task<(int ExitCode, string Output)> RunAsync(string verb, string file, string? key) =>
        AppProcess.RunCommandAsync(Database, [verb, file], key is null ? [] : new Dictionary<string, string> { [BackupCipher.KeyVariable] = key }, Ct);
}

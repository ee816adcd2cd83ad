using OpdReception.Tests.Support;

namespace OpdReception.Tests.Platform;

/// <summary>The database, its log and its backups hold patients' names and phones: nobody but the app's account may read them.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FileModeTests : IDisposable
{
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerFolder = OwnerFile | UnixFileMode.UserExecute;

    private readonly TempFolder _folder = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Database_its_log_and_its_folder_are_not_readable_by_others()
    {
        var database = _folder.File("data/opd.db");

        await using var app = await AppProcess.StartAsync(database, Ct);
        await WriteAsync(app);

        Assert.Equal(OwnerFolder, File.GetUnixFileMode(Path.GetDirectoryName(database)!));
        Assert.All(new[] { database, database + "-wal", database + "-shm", database + ".inuse" }, file =>
        {
            Assert.True(File.Exists(file), $"{file} exists while the app runs");
            Assert.Equal(OwnerFile, File.GetUnixFileMode(file));
        });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Backup_file_is_not_readable_by_others(bool encrypted)
    {
        var database = _folder.File("opd.db");
        await using (var app = await AppProcess.StartAsync(database, Ct))
        {
            await WriteAsync(app);
        }

        var key = encrypted ? new Dictionary<string, string> { ["OPD_BACKUP_KEY"] = Convert.ToBase64String(new byte[32]) } : [];
        var backup = await AppProcess.RunCommandAsync(database, ["backup", _folder.File("backups/opd.db")], key, Ct);

        Assert.True(backup.ExitCode == 0, backup.Output);
        var written = _folder.File(encrypted ? "backups/opd.db.enc" : "backups/opd.db");
        Assert.Equal(OwnerFile, File.GetUnixFileMode(written));
        Assert.Equal(OwnerFolder, File.GetUnixFileMode(_folder.File("backups")));
        Assert.Equal([Path.GetFileName(written)], Directory.GetFiles(_folder.File("backups")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Looser_modes_of_an_existing_database_are_tightened_at_start_and_logged()
    {
        var database = _folder.File("opd.db");
        await using (var app = await AppProcess.StartAsync(database, Ct))
        {
            await WriteAsync(app);
        }

        const UnixFileMode loose = OwnerFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        File.SetUnixFileMode(database, loose);

        var (exitCode, printed) = await AppProcess.RunCommandAsync(database, ["create-admin", "second@test.opd"],
            new Dictionary<string, string> { ["OPD_ADMIN_PASSWORD"] = AppProcess.AdminPassword }, Ct);

        Assert.True(exitCode == 0, printed);
        Assert.Contains("now the app's alone", printed, StringComparison.Ordinal);
        Assert.Equal(OwnerFile, File.GetUnixFileMode(database));
    }

    /// <summary>A doctor and tomorrow's slot (the real clock runs here), so the database and its log have been written.</summary>
    private static async Task WriteAsync(AppProcess app)
    {
        var desk = new Desk(app.Client());
        var doctor = await desk.Doctor();
        await desk.Slot(doctor.Id, "09:00", "17:00", date: DateOnly.FromDateTime(DateTime.Now).AddDays(1));
    }
}

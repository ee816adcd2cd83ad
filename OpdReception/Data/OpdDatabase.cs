using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Options;
using OpdReception.Services;
using OpdReception.Simulation;

namespace OpdReception.Data;

public static class OpdDatabase
{
    public const string DefaultConnection = "Data Source=App_Data/opd.db";

    public static IServiceCollection AddOpdData(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var connection = ConnectionString(configuration, contentRoot);
        var sync = Enum.TryParse<DiskSync>(configuration[$"{OpdOptions.Section}:{nameof(OpdOptions.Synchronous)}"], ignoreCase: true, out var chosen) ? chosen : DiskSync.Full;
        if (new SqliteConnectionStringBuilder(connection) is { Mode: not SqliteOpenMode.Memory, DataSource: { Length: > 0 } file } && file != ":memory:")
        {
            // Before anything opens it, so SQLite's -wal and -shm inherit the 0600.
            PrivateFiles.EnsureFile(file);
        }

        services.AddDbContextFactory<OpdDbContext>(o => Configure(o, connection, sync));
        services.AddSingleton(_ => DatabaseInUse.Shared(DataFile(connection)));
        return services;
    }

    /// <summary>The app's database as the app itself resolves it, for the backup and restore commands too.</summary>
    public static string ConnectionString(IConfiguration configuration, string contentRoot) =>
        ResolveConnectionString(configuration.GetConnectionString("Opd") ?? DefaultConnection, contentRoot);

    public static string DataFile(string connectionString) => new SqliteConnectionStringBuilder(connectionString).DataSource;

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString, DiskSync sync = DiskSync.Full) =>
        options.UseSqlite(connectionString).AddInterceptors(new SqliteDurability(sync), new Versioning(), new Security.AccountSaves());

    /// <summary>A relative file is placed under the app's content root, never the caller's working folder.</summary>
    public static string ResolveConnectionString(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && !Path.IsPathRooted(file))
        {
            builder.DataSource = Path.Combine(contentRoot, file);
        }

        if (Path.GetDirectoryName(builder.DataSource) is { Length: > 0 } folder)
        {
            PrivateFiles.EnsureFolder(folder);
        }

        builder.DefaultTimeout = 30;
        return builder.ToString();
    }

    /// <summary>Applies the committed migrations and switches the file to write-ahead logging, which SQLite remembers.</summary>
    public static async Task MigrateAsync(IDbContextFactory<OpdDbContext> factory, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", ct);
    }
}

/// <summary>Lets `dotnet ef` build the model without starting the app.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<OpdDbContext>
{
    public OpdDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<OpdDbContext>();
        OpdDatabase.Configure(options, "Data Source=design.db");
        return new OpdDbContext(options.Options);
    }
}

public static class OpdDatabaseStartup
{
    /// <summary>First start: create and migrate the file; in Development, seed a demo day into an empty database.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        KeepFilesPrivate(app);
        _ = app.Services.GetRequiredService<DatabaseInUse>();
        var factory = app.Services.GetRequiredService<IDbContextFactory<OpdDbContext>>();
        await OpdDatabase.MigrateAsync(factory);
        app.Services.GetRequiredService<SettingsStore>().Reload();
        // The self check-in secret is made now, not by the first anonymous request that needs it.
        await app.Services.GetRequiredService<EntranceCodes>().PrepareAsync();

        var options = app.Services.GetRequiredService<IOptionsMonitor<OpdOptions>>();
        if (!app.Environment.IsDevelopment() || !options.CurrentValue.SeedDemoDay)
        {
            return;
        }

        var today = app.Services.GetRequiredService<HospitalClock>().Today;
        var seeded = await DemoDay.SeedIfEmptyAsync(factory, options, app.Services.GetRequiredService<OpdChanges>(), today);
        if (seeded is not null)
        {
            app.Logger.LogInformation(
                "Seeded a demo OPD day for {Date} as it stands at {Time}: {Tokens} tokens for {Doctors} doctors (Opd:SeedDemoDay=false turns this off)",
                seeded.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Timeline.Clock(seeded.EndedAt), seeded.Total.Issued, seeded.ByDoctor.Count);
        }
    }

    /// <summary>A new database was created 0600 (AddOpdData); an older one with looser modes is tightened, and the operator told.</summary>
    private static void KeepFilesPrivate(WebApplication app)
    {
        var database = OpdDatabase.DataFile(OpdDatabase.ConnectionString(app.Configuration, app.Environment.ContentRootPath));
        if (!File.Exists(database))
        {
            return;
        }

        foreach (var file in PrivateFiles.Tighten(database))
        {
            app.Logger.LogWarning("{File} could be read by other accounts; it is now the app's alone (0600)", file);
        }

        if (Path.GetDirectoryName(database) is { Length: > 0 } folder && PrivateFiles.FolderIsOpen(folder))
        {
            app.Logger.LogWarning("The database's folder {Folder} can be listed by other accounts; chmod 700 it (docs/operations.md)", folder);
        }
    }
}

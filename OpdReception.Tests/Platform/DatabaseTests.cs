using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Platform;

public sealed class DatabaseTests(OpdApp app) : IClassFixture<OpdApp>
{
    [Fact]
    public async Task Every_connection_runs_wal_with_full_sync_a_busy_timeout_and_foreign_keys()
    {
        _ = app.CreateClient();
        await using var db = await app.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);

        async Task<string> Pragma(string name)
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"PRAGMA {name};";
            return Convert.ToString(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
        }

        Assert.Equal("wal", await Pragma("journal_mode"));
        Assert.Equal("2", await Pragma("synchronous"));
        Assert.Equal("10000", await Pragma("busy_timeout"));
        Assert.Equal("1", await Pragma("foreign_keys"));
    }

    [Fact]
    public async Task The_database_is_a_real_file_with_every_migration_applied()
    {
        _ = app.CreateClient();
        await using var db = await app.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);

        Assert.True(File.Exists(app.DatabaseFile));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public void A_relative_database_path_lands_under_the_app_folder()
    {
        var resolved = OpdDatabase.ResolveConnectionString("Data Source=App_Data/x.db", "/srv/opd");

        Assert.Contains("Data Source=/srv/opd/App_Data/x.db", resolved);
    }
}

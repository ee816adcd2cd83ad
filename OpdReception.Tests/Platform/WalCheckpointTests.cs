using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Platform;

public sealed class WalCheckpointTests
{
    [Fact]
    public async Task Commits_leave_the_log_to_the_background_which_folds_it_into_the_file()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new OpdApp();
        var desk = new Desk(app.CreateClient());
        await using var db = await app.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        Assert.Equal("10000", await ScalarAsync(db, "PRAGMA wal_autocheckpoint;", ct));

        var slot = await desk.NewSlot(capacity: 80);
        await ScalarAsync(db, "PRAGMA wal_checkpoint(TRUNCATE);", ct);
        var before = new FileInfo(app.DatabaseFile).Length;

        await Task.WhenAll(Enumerable.Range(0, 80).Select(_ => desk.TryIssue("walkin", slot.Id)));

        // The commits are in the log; nobody checkpoints on commit, so only the background can bring the new pages
        // into the file, and it does within a few of its ticks.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (new FileInfo(app.DatabaseFile).Length == before)
        {
            Assert.True(DateTime.UtcNow < deadline, "the database file never grew: the log was not folded into it");
            await Task.Delay(200, ct);
        }
    }

    private static async Task<string?> ScalarAsync(OpdDbContext db, string sql, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(ct));
    }
}

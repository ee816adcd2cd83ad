using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Platform;

public sealed class DiskSyncTests
{
    [Theory]
    [InlineData(null, "2")]
    [InlineData("Normal", "1")]
    [InlineData("Full", "2")]
    public async Task Synchronous_is_full_unless_the_setting_trades_it_for_normal(string? setting, string pragma)
    {
        await using var app = new OpdApp();
        if (setting is not null)
        {
            app.With("Opd:Synchronous", setting);
        }

        _ = app.CreateClient();
        await using var db = await app.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA synchronous;";

        Assert.Equal(pragma, Convert.ToString(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task An_unknown_synchronous_word_stops_the_app_at_start()
    {
        await using var app = new OpdApp().With("Opd:Synchronous", "Sometimes");

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Synchronous", error.ToString());
    }
}

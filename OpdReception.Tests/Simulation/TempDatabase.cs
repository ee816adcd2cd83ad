using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpdReception.Data;
using OpdReception.Services;

namespace OpdReception.Tests.Simulation;

/// <summary>A migrated SQLite file of its own in a temp folder, removed afterwards.</summary>
internal sealed class TempDatabase : IAsyncDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("opd-sim-test-");
    private readonly ServiceProvider _services;

    public TempDatabase()
    {
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder.FullName, "opd.db") }.ToString();
        var connection = ConnectionString;
        _services = new ServiceCollection()
            .AddOpdServices(new ConfigurationBuilder().Build())
            .AddDbContextFactory<OpdDbContext>(o => OpdDatabase.Configure(o, connection))
            .BuildServiceProvider();
        Factory = _services.GetRequiredService<IDbContextFactory<OpdDbContext>>();
        Options = _services.GetRequiredService<IOptionsMonitor<OpdOptions>>();
    }

    public string ConnectionString { get; }

    public IDbContextFactory<OpdDbContext> Factory { get; }

    public IOptionsMonitor<OpdOptions> Options { get; }

    public Task MigrateAsync() => OpdDatabase.MigrateAsync(Factory, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}

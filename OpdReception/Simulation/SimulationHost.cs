using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpdReception.Data;
using OpdReception.Security;
using OpdReception.Services;

namespace OpdReception.Simulation;

/// <summary>The app's real services on a fresh SQLite file in a temp folder, with the clock in the simulation's hand.</summary>
internal sealed class SimulationHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly AsyncServiceScope _scope;
    private readonly DirectoryInfo _folder;

    private SimulationHost(ServiceProvider provider, DirectoryInfo folder, string connectionString)
    {
        _provider = provider;
        _folder = folder;
        ConnectionString = connectionString;
        _scope = provider.CreateAsyncScope();
        var services = _scope.ServiceProvider;
        Desk = new OpdDesk(
            (ManualClock)services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<DoctorService>(),
            services.GetRequiredService<SlotService>(),
            services.GetRequiredService<TokenQueries>(),
            services.GetRequiredService<IssueToken>(),
            services.GetRequiredService<ChangeTokenStatus>(),
            services.GetRequiredService<CallNext>(),
            services.GetRequiredService<ReallocateSlot>(),
            services.GetRequiredService<SweepNoShows>(),
            services.GetRequiredService<CloseFinishedDays>(),
            services.GetRequiredService<IDbContextFactory<OpdDbContext>>());
    }

    public OpdDesk Desk { get; }

    /// <summary>The options the services run under, as the run's settings made them.</summary>
    public OpdOptions Options => _provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<OpdOptions>>().Value;

    /// <summary>The temp file's connection string, for what is written around the services (a benchmark's history).</summary>
    public string ConnectionString { get; }

    public static Task<SimulationHost> StartAsync(DateTime clockStart, CancellationToken ct) => StartAsync(clockStart, null, null, ct);

    /// <param name="database">More for the database options, such as an interceptor that records the SQL sent.</param>
    public static Task<SimulationHost> StartAsync(DateTime clockStart, Action<DbContextOptionsBuilder>? database, CancellationToken ct) =>
        StartAsync(clockStart, database, null, ct);

    /// <param name="maxOvertakes">Opd:MaxOvertakes for the run (the ageing of waiting walk-ins); off when null.</param>
    public static async Task<SimulationHost> StartAsync(DateTime clockStart, Action<DbContextOptionsBuilder>? database, int? maxOvertakes, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("opd-sim-");
        var connection = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(folder.FullName, "opd.db"),
            DefaultTimeout = 30,
        }.ToString();

        // The options' own defaults, except the background sweeper: the simulation sweeps on its own clock.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{OpdOptions.Section}:{nameof(OpdOptions.AutoNoShow)}"] = "false",
                [$"{OpdOptions.Section}:{nameof(OpdOptions.SeedDemoDay)}"] = "false",
                [$"{OpdOptions.Section}:{nameof(OpdOptions.MaxOvertakes)}"] = maxOvertakes?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            })
            .Build();
        var services = new ServiceCollection();
        services.AddOpdServices(configuration);
        // The admin's account actions end sessions; the simulation has no web host, but the services it builds need them.
        services.AddServerSessions(configuration);
        // The simulated day is played on its own wall clock; the hospital's clock reads it in the same zone.
        var clock = new ManualClock(clockStart);
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
        services.Replace(ServiceDescriptor.Singleton(new HospitalClock(clock, clock.LocalTimeZone)));
        services.AddDbContextFactory<OpdDbContext>(o =>
        {
            OpdDatabase.Configure(o, connection);
            database?.Invoke(o);
        });
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        try
        {
            await OpdDatabase.MigrateAsync(provider.GetRequiredService<IDbContextFactory<OpdDbContext>>(), ct);
            return new SimulationHost(provider, folder, connection);
        }
        catch
        {
            await provider.DisposeAsync();
            Delete(folder);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _provider.DisposeAsync();
        Delete(_folder);
    }

    private static void Delete(DirectoryInfo folder)
    {
        // Pooled connections keep the file open; let go of them before deleting.
        SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }
}

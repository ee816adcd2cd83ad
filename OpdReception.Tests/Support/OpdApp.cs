using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpdReception.Services;

namespace OpdReception.Tests.Support;

/// <summary>
/// The whole app in the test process, over its own SQLite file, on a clock the test moves. The hospital is in
/// Asia/Kolkata (UTC+05:30) unless a test says otherwise, while the test host runs in whatever zone it has, so every
/// API test checks that the rules read the hospital's clock, not the server's.
/// </summary>
public sealed class OpdApp : WebApplicationFactory<Program>
{
    public const string DefaultTimeZone = "Asia/Kolkata";

    /// <summary>A Monday well in the future, so no slot of the tests is over by accident.</summary>
    public static readonly DateOnly Day = new(2030, 1, 7);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "opd-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _settings = [];

    public ManualClock Clock { get; private set; } = StartClock(DefaultTimeZone);

    public string TimeZone { get; private set; } = DefaultTimeZone;

    /// <summary>Puts the hospital in another zone; before the app starts.</summary>
    public OpdApp InZone(string timeZone)
    {
        TimeZone = timeZone;
        Clock = StartClock(timeZone);
        return this;
    }

    private static ManualClock StartClock(string timeZone) =>
        new(Day.ToDateTime(new TimeOnly(8, 0)), TimeZoneInfo.FindSystemTimeZoneById(timeZone));

    public string DatabaseFile => Path.Combine(_folder, "opd.db");

    public OpdApp With(string key, string value)
    {
        _settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_folder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Opd", $"Data Source={DatabaseFile}");
        builder.UseSetting("Opd:AutoNoShow", "false");
        builder.UseSetting("Opd:SeedDemoDay", "false");
        builder.UseSetting("Opd:TimeZone", TimeZone);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    public void SetTime(int hour, int minute = 0) => Clock.Set(Day.ToDateTime(new TimeOnly(hour, minute)));

    public T Service<T>() where T : notnull => Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left to the temp folder's own cleanup.
        }
    }
}

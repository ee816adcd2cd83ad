using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpdReception.Security;
using OpdReception.Services;

namespace OpdReception.Tests.Support;

/// <summary>
/// The whole app in the test process, over its own SQLite file, on a clock the test moves. The hospital is in
/// Asia/Kolkata (UTC+05:30) unless a test says otherwise (<see cref="InZone"/>), whatever zone the host runs in, so every
/// API test checks that the rules read the hospital's clock, not the server's. <see cref="WebApplicationFactory{T}.CreateClient()"/>
/// gives a client signed in (bearer token) as an Admin, who may do everything the API tests do; <see cref="AnonymousClient"/>
/// and <see cref="ClientAsAsync"/> give the others.
/// </summary>
public sealed class OpdApp : WebApplicationFactory<Program>
{
    public const string DefaultTimeZone = "Asia/Kolkata";

    public const string Password = "Test-password-1";

    private readonly ConcurrentDictionary<string, Lazy<Task<TestUser>>> _users = new();

    /// <summary>A Monday well in the future, so no slot of the tests is over by accident.</summary>
    public static readonly DateOnly Day = new(2030, 1, 7);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "opd-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _settings = [];

    public ManualClock Clock { get; private set; } = StartClock(DefaultTimeZone);

    public string TimeZone { get; private set; } = DefaultTimeZone;

    /// <summary>Sign-in's own clock (cookies, tokens, sessions), moved only by tests that age a session.</summary>
    public SignInClock SignInClock { get; } = new();

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

    private bool _realPort;
    private string _environment = "Testing";

    /// <summary>Everything the app logged, when <see cref="CapturingLogs"/> was called.</summary>
    public CapturedLogs? Logs { get; private set; }

    /// <summary>Runs the app as Production (or another environment) instead of Testing; outside Development with a test key certificate.</summary>
    public OpdApp InEnvironment(string environment)
    {
        _environment = environment;
        return this;
    }

    /// <summary>Keeps every log line the app writes at <paramref name="level"/> and above, for tests that read the logs.</summary>
    public OpdApp CapturingLogs(string level = "Information")
    {
        Logs = new CapturedLogs();
        return With("Logging:LogLevel:Default", level).With("Logging:LogLevel:Microsoft.AspNetCore", level).With("Logging:LogLevel:Microsoft.EntityFrameworkCore", level);
    }

    /// <summary>The real server's address, once <see cref="Start"/> has run (browser tests).</summary>
    public Uri? Address { get; private set; }

    /// <summary>Serve over Kestrel on a free loopback port instead of the in-memory test server (browser tests).</summary>
    public OpdApp OnRealPort()
    {
        _realPort = true;
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        return this;
    }

    /// <summary>Starts the real server and returns its address.</summary>
    public Uri Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Address = new Uri(addresses.First());
        return Address;
    }

    private readonly List<Action<IServiceCollection>> _services = [];

    /// <summary>Changes the app's services before it starts (a test's own implementation of one of them).</summary>
    public OpdApp WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    public OpdApp With(string key, string value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Leaves <paramref name="key"/> unset, so the app's own default applies (where the tests otherwise set one).</summary>
    public OpdApp Without(string key)
    {
        _settings[key] = null;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Owner-only, as an operator keeps the database's folder, so the app has no reason to warn about it.
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(_folder);
        }
        else
        {
            Directory.CreateDirectory(_folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        builder.UseEnvironment(_environment);

        // The unpublished build's wwwroot and package assets (MudBlazor), as Development has them, for browser tests.
        builder.UseStaticWebAssets();
        builder.UseSetting("ConnectionStrings:Opd", $"Data Source={DatabaseFile}");
        builder.UseSetting("Opd:AutoNoShow", "false");
        builder.UseSetting("Opd:SeedDemoDay", "false");
        builder.UseSetting("Opd:TimeZone", TimeZone);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Opd:SignInAttemptsPerMinute", "100000");
        builder.UseSetting("Opd:RefreshesPerMinutePerClient", "100000");
        builder.UseSetting("Opd:IssuesPerMinutePerClient", "100000");
        // Tests sign admins in with a password alone unless they test the second factor (With("Opd:Security:AdminTwoFactor", "true")).
        builder.UseSetting("Opd:Security:AdminTwoFactor", "false");
        if (TestCertificate.Required(_environment) && !_settings.ContainsKey(TestCertificate.PathSetting))
        {
            builder.UseSetting(TestCertificate.PathSetting, TestCertificate.At(Path.Combine(_folder, "keys.pfx")));
            builder.UseSetting(TestCertificate.PasswordSetting, TestCertificate.Password);
        }
        // Every browser test comes from one loopback address and keeps its pages open: only the cap's own tests cap it.
        builder.UseSetting("Opd:MaxAnonymousScreensPerClient", "100000");

        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            if (Logs is not null)
            {
                services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
            }

            // Sign-in stays valid whatever hour a test sets the hospital's clock to.
            services.PostConfigureAll<BearerTokenOptions>(o => o.TimeProvider = SignInClock);
            services.PostConfigureAll<CookieAuthenticationOptions>(o => o.TimeProvider = SignInClock);
            // The minute's account check renews the sign-in on the same clock, or it would date the session from 2030.
            services.PostConfigure<SecurityStampValidatorOptions>(o => o.TimeProvider = SignInClock);
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1000);
            foreach (var configure in _services)
            {
                configure(services);
            }
        });
    }

    /// <summary>The default client: an Admin's bearer token on every request.</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        var admin = Task.Run(() => UserAsync(Roles.Admin)).GetAwaiter().GetResult();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", admin.Token);
    }

    /// <summary>A client with no credentials at all.</summary>
    public HttpClient AnonymousClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    /// <summary>A client signed in (bearer token) as a user holding <paramref name="role"/>; a Doctor is linked to <paramref name="doctorId"/>.</summary>
    public async Task<HttpClient> ClientAsAsync(string role, int? doctorId = null)
    {
        var user = await UserAsync(role, doctorId);
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
        return client;
    }

    /// <summary>One user per role (and doctor) per app, created and signed in once through the real sign-in endpoint.</summary>
    public Task<TestUser> UserAsync(string role, int? doctorId = null) =>
        _users.GetOrAdd($"{role}/{doctorId}", key => new Lazy<Task<TestUser>>(() => CreateUserAsync(role, doctorId))).Value;

    private async Task<TestUser> CreateUserAsync(string role, int? doctorId)
    {
        var email = $"{role.ToLowerInvariant()}{doctorId}@test.opd";
        string id;
        await using (var scope = Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<OpdAccounts>().CreateAsync(email, $"Test {role}{doctorId}", Password, [role], doctorId);
            id = result switch
            {
                AccountResult.Created created => created.User.Id,
                AccountResult.NotCreated refused => throw new InvalidOperationException(refused.Reason),
                _ => throw new InvalidOperationException(),
            };
        }

        using var client = _realPort ? new HttpClient { BaseAddress = Address } : Server.CreateClient();
        client.BaseAddress = _realPort ? Address : ClientOptions.BaseAddress;
        var response = await client.PostAsync("/api/auth/login", System.Net.Http.Json.JsonContent.Create(new { email, password = Password }));
        response.EnsureSuccessStatusCode();
        var token = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<TokenAnswer>(response.Content)
            ?? throw new InvalidOperationException("No token.");
        return new TestUser(id, email, token.AccessToken, token.RefreshToken);
    }

    private sealed record TokenAnswer(string AccessToken, string RefreshToken);

    public sealed record TestUser(string Id, string Email, string Token, string RefreshToken);

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

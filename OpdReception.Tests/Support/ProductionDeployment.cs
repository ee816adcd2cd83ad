using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Playwright;

namespace OpdReception.Tests.Support;

/// <summary>
/// The published app as Production behind a real nginx with TLS, the way docs/deploy.md sets it up; a class fixture.
/// The hospital's zone is chosen so that it is midday there whenever the test runs, and a 09:00–17:00 slot is open now.
/// </summary>
public sealed class ProductionDeployment : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    public ProductionServer Server { get; private set; } = null!;

    public Nginx Nginx { get; private set; } = null!;

    /// <summary>Hours east of UTC that put the hospital's clock between 12:00 and 13:00.</summary>
    public static int Offset { get; } = 12 - DateTime.UtcNow.Hour;

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(Offset));

    private static string Zone => Offset switch { > 0 => $"Etc/GMT-{Offset}", < 0 => $"Etc/GMT+{-Offset}", _ => "Etc/GMT" };

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Path.GetDirectoryName(_folder.File("opd.db"))!;
        Server = await ProductionServer.StartAsync(folder, ct, new Dictionary<string, string> { ["Opd__TimeZone"] = Zone });
        Nginx = await Nginx.StartAsync(Server.Port, ct);
        await Chromium.BrowserAsync();
    }

    /// <summary>A fresh browser context on https://localhost:&lt;nginx&gt;, accepting the test's self-signed certificate.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var browser = await Chromium.BrowserAsync();
        var context = await browser.NewContextAsync(new() { BaseURL = Nginx.Https.ToString().TrimEnd('/'), IgnoreHTTPSErrors = true });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs the first admin in through the sign-in page, as the hospital's IT person would on day one.</summary>
    public async Task<IPage> SignInAsync(IPage? page = null)
    {
        page ??= await NewPageAsync();
        await page.GotoAsync("/signin");
        await BrowserApp.SignInOnPageAsync(page, ProductionServer.AdminEmail, ProductionServer.AdminPassword);
        return page;
    }

    /// <summary>A program's client through nginx, signed in as the first admin with a bearer token.</summary>
    public async Task<HttpClient> ApiAsync()
    {
        var client = Nginx.Client(ProductionServer.HospitalHost);
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = ProductionServer.AdminEmail, password = ProductionServer.AdminPassword });
        response.EnsureSuccessStatusCode();
        var token = (await response.ReadJson()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (Nginx is not null)
        {
            await Nginx.DisposeAsync();
        }

        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        _folder.Dispose();
    }
}

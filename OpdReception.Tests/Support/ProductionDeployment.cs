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

    /// <summary>The first admin's authenticator key, once enrolled: Production requires admins' second factor.</summary>
    private string? _authenticatorKey;

    /// <summary>
    /// Signs the first admin in through the sign-in page, as the hospital's IT person would on day one: the first
    /// time, the app leads them to set up their second factor; afterwards it asks for the authenticator's code.
    /// </summary>
    public async Task<IPage> SignInAsync(IPage? page = null)
    {
        await EnrolAsync();
        page ??= await NewPageAsync();
        await page.GotoAsync("/signin");
        await BrowserApp.WaitForInteractiveAsync(page);
        await page.GetByLabel("Email").FillAsync(ProductionServer.AdminEmail);
        await page.GetByLabel("Password").FillAsync(ProductionServer.AdminPassword);
        await page.GetByTestId("signin").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/signin/two-factor");
        await BrowserApp.WaitForInteractiveAsync(page);
        await page.GetByLabel("6-digit code").FillAsync(Totp.Code(_authenticatorKey!));
        await page.GetByTestId("two-factor-signin").ClickAsync();
        await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/signin", StringComparison.Ordinal));
        await BrowserApp.WaitForInteractiveAsync(page);
        return page;
    }

    /// <summary>A program's client through nginx, signed in as the first admin with a bearer token and the authenticator's code.</summary>
    public async Task<HttpClient> ApiAsync()
    {
        await EnrolAsync();
        var client = Nginx.Client(ProductionServer.HospitalHost);
        var response = await client.PostAsJsonAsync("/api/auth/login",
            new { email = ProductionServer.AdminEmail, password = ProductionServer.AdminPassword, twoFactorCode = Totp.Code(_authenticatorKey!) });
        response.EnsureSuccessStatusCode();
        var token = (await response.ReadJson()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The admin's first sign-in: the password, then the enrolment page's key into the test's authenticator.</summary>
    private async Task EnrolAsync()
    {
        if (_authenticatorKey is not null)
        {
            return;
        }

        var page = await NewPageAsync();
        await page.GotoAsync("/signin");
        await BrowserApp.SignInOnPageAsync(page, ProductionServer.AdminEmail, ProductionServer.AdminPassword);
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/two-factor");
        await BrowserApp.WaitForInteractiveAsync(page);
        var key = (await page.GetByTestId("two-factor-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        await page.GetByLabel("6-digit code").FillAsync(Totp.Code(key));
        await page.GetByTestId("enrol").ClickAsync();
        await page.GetByTestId("two-factor-continue").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath != "/account/two-factor");
        await page.Context.CloseAsync();
        _authenticatorKey = key;
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

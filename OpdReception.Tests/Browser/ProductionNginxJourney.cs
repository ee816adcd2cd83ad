using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using OpdReception.Security;
using OpdReception.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace OpdReception.Tests.Browser;

/// <summary>The published app run as Production behind nginx with TLS, exactly as deploy/ and docs/deploy.md set it up.</summary>
public sealed class ProductionNginxJourney(ProductionDeployment deployment) : IClassFixture<ProductionDeployment>
{
    /// <summary>A whole stack (browser, nginx, a Release app) on a shared machine: waits are bounded generously, never measured.</summary>
    private static readonly LocatorAssertionsToBeVisibleOptions Patient = new() { Timeout = 30_000 };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Through_nginx_the_admin_signs_in_issues_a_token_and_the_open_board_shows_it_over_the_proxied_websocket()
    {
        var desk = new Desk(await deployment.ApiAsync());
        var doctor = await desk.Doctor(name: "Dr. Meera Proxy");
        await desk.Slot(doctor.Id, "09:00", "17:00", date: ProductionDeployment.Today);

        var board = await deployment.SignInAsync();
        var sockets = new List<string>();
        board.WebSocket += (_, socket) => sockets.Add(socket.Url);
        await board.GotoAsync($"/reception/board/{doctor.Id}");
        await BrowserApp.WaitForInteractiveAsync(board);

        var deskPage = await board.Context.NewPageAsync();
        await deskPage.GotoAsync($"/reception?doctor={doctor.Id}");
        await BrowserApp.WaitForInteractiveAsync(deskPage);
        await deskPage.GetByTestId("source").GetByText("Walk-in", new() { Exact = true }).ClickAsync();
        await deskPage.GetByTestId("patient-name").FillAsync("Nila Proxied");
        await deskPage.GetByTestId("patient-name").PressAsync("Enter");
        await Expect(deskPage.GetByTestId("issued-number")).ToBeVisibleAsync(Patient);
        var number = (await deskPage.GetByTestId("issued-number").InnerTextAsync()).Trim();

        // The board was not reloaded: the row came down its circuit, a WebSocket through nginx.
        await Expect(board.Locator($"[data-testid=queue] tr[data-token={number}]")).ToBeVisibleAsync(Patient);
        Assert.Contains(sockets, url => url.StartsWith($"wss://localhost:{deployment.Nginx.HttpsPort}/_blazor", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/signin")]
    [InlineData("/api/doctors")]
    [InlineData("/no-such-page")]
    public async Task Answers_through_nginx_carry_hsts_and_the_security_headers(string path)
    {
        using var client = deployment.Nginx.Client(ProductionServer.HospitalHost);

        var response = await client.GetAsync(path, Ct);

        Assert.StartsWith("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_http_to_nginx_is_sent_to_https()
    {
        using var client = deployment.Nginx.Client(ProductionServer.HospitalHost, https: false);

        var response = await client.GetAsync("/signin", Ct);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal($"https://{ProductionServer.HospitalHost}/signin", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task The_api_reference_is_not_served_to_anonymous_callers()
    {
        using var client = deployment.Nginx.Client(ProductionServer.HospitalHost);

        var document = await client.GetAsync("/openapi/v1.json", Ct);
        var reference = await client.GetAsync("/docs/index.html", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, document.StatusCode);
        Assert.Equal(HttpStatusCode.Found, reference.StatusCode);
        Assert.StartsWith("/signin", reference.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reception@opd.local")]
    [InlineData("admin@opd.local")]
    [InlineData("portal@opd.local")]
    public async Task No_demo_account_exists(string email)
    {
        using var client = deployment.Nginx.Client(ProductionServer.HospitalHost);

        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password = DemoAccount.DemoPassword }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        using var admin = await deployment.ApiAsync();
        var doctors = await admin.GetStringAsync("/api/doctors", Ct);
        Assert.DoesNotContain("Anita Rao", doctors, StringComparison.Ordinal);
    }
}

using System.Net;
using System.Net.Http.Json;
using OpdReception.Security;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Security;

/// <summary>The app as it runs in a hospital: Production settings, HTTPS only, headers on every answer.</summary>
public sealed class ProductionDefaultsTests : IAsyncLifetime
{
    private const string Host = "opd.hospital.example";

    private readonly OpdApp _app = new OpdApp().InEnvironment("Production").With("AllowedHosts", Host).With("https_port", "443");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Client(string scheme = "https", string host = Host, bool signedIn = false)
    {
        var client = _app.CreateClient(new() { BaseAddress = new Uri($"{scheme}://{host}"), AllowAutoRedirect = false });
        if (!signedIn)
        {
            client.DefaultRequestHeaders.Authorization = null;
        }

        return client;
    }

    public ValueTask InitializeAsync()
    {
        _app.ClientOptions.BaseAddress = new Uri($"https://{Host}");
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [InlineData("/signin")]
    [InlineData("/api/doctors")]
    [InlineData("/no-such-page")]
    [InlineData("/")]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        var response = await Client().GetAsync(path, Ct);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.StartsWith("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_http_is_sent_to_https_and_unknown_hosts_are_refused()
    {
        var http = await Client(scheme: "http").GetAsync("/signin", Ct);
        var stranger = await Client(host: "attacker.example").GetAsync("/signin", Ct);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, http.StatusCode);
        Assert.Equal("https", http.Headers.Location!.Scheme);
        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);
    }

    [Fact]
    public async Task An_unknown_page_gets_the_apps_own_not_found_page()
    {
        var response = await Client().GetAsync("/no-such-page", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("does not exist", html, StringComparison.Ordinal);
        // In the app's own layout: its app bar with the hospital's name.
        Assert.Contains("data-testid=\"app-brand\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sign_in_cookie_is_secure_http_only_and_strict()
    {
        var user = await _app.UserAsync(Roles.Receptionist);

        var response = await Client().PostAsJsonAsync("/account/signin", new { email = user.Email, password = OpdApp.Password }, Ct);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("opd.auth=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("secure", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("samesite=strict", cookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_reference_is_for_signed_in_admins_only()
    {
        var receptionist = Client();
        receptionist.DefaultRequestHeaders.Authorization = new("Bearer", (await _app.UserAsync(Roles.Receptionist)).Token);

        Assert.Equal(HttpStatusCode.Unauthorized, (await Client().GetAsync("/openapi/v1.json", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Found, (await Client().GetAsync("/docs/index.html", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await receptionist.GetAsync("/openapi/v1.json", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client(signedIn: true).GetAsync("/openapi/v1.json", Ct)).StatusCode);
    }

    [Fact]
    public async Task An_error_answer_shows_no_detail_of_the_server()
    {
        var response = await Client(signedIn: true).PostAsync("/api/doctors", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"), Ct);

        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
    }
}

using System.Net;
using System.Text.RegularExpressions;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OpdReception.Security;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Browser;

/// <summary>
/// The attack as it was made: a page served from another port of the same host, opened in a signed-in receptionist's
/// browser. It is the same site, so the strict cookie goes with its WebSocket; only the hub's Origin check stops it.
/// </summary>
public sealed class CrossOriginHubJourney(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Hub_refuses_a_page_from_another_origin()
    {
        var receptionist = await browser.SignInAsync(Roles.Receptionist);
        await using var attacker = await AttackerSiteAsync(browser.Address);

        var page = await receptionist.Context.NewPageAsync();
        await page.GotoAsync(attacker.Address);

        // The page reports what the hub did with its socket: answered the SignalR handshake, or refused it.
        await Assertions.Expect(page.Locator("#result")).Not.ToHaveTextAsync("waiting");
        Assert.Equal("refused", await page.Locator("#result").TextContentAsync());

        // The receptionist's own screen, same origin, stays live.
        await receptionist.ReloadAsync();
        await BrowserApp.WaitForInteractiveAsync(receptionist);
        await Assertions.Expect(receptionist.GetByTestId("signed-in-as")).ToContainTextAsync("Test Receptionist");
    }

    [Fact]
    public async Task A_page_from_another_origin_cannot_drive_a_board_with_the_receptionists_cookie()
    {
        var desk = new Desk(browser.App.CreateClient());
        browser.App.SetTime(8);
        var doctor = await desk.Doctor(name: "Dr. Cross Origin");
        var slot = await desk.Slot(doctor.Id, "09:00", "10:00");
        await desk.Issue("walkin", slot.Id, name: "Farida Confidential");
        browser.App.SetTime(9);
        var receptionist = await browser.SignInAsync(Roles.Receptionist);
        // The attacker copies the app's public sign-in page (its screen markers included) and starts it from their own
        // origin, pointed at the app's hub; the board's address is their own page's path.
        var signIn = await browser.App.AnonymousClient().GetStringAsync("/signin", Ct);
        await using var attacker = await AttackerSiteAsync(Regex.Replace(Regex.Replace(signIn,
            "<script src=\"(_framework/blazor\\.web[^\"]*)\"></script>",
            m => $$"""<script src="{{browser.Address}}{{m.Groups[1].Value}}" autostart="false"></script><script>Blazor.start({ circuit: { configureSignalR: b => b.withUrl('{{browser.Address}}_blazor', { skipNegotiation: true, transport: 1 }) } });</script>"""),
            "(src|href)=\"_content/", $"$1=\"{browser.Address}_content/"));

        var page = await receptionist.Context.NewPageAsync();
        var socket = await page.RunAndWaitForWebSocketAsync(() => page.GotoAsync($"{attacker.Address}/reception/board/{doctor.Id}"));
        var closed = new TaskCompletionSource();
        socket.Close += (_, _) => closed.TrySetResult();
        if (socket.IsClosed)
        {
            closed.TrySetResult();
        }

        // Before the Origin check the hub took this socket, signed in by the receptionist's cookie, and streamed the
        // board into the attacker's page (the patient's name among it) until the circuit broke on a missing script.
        Assert.StartsWith($"ws://{browser.Address.Authority}/_blazor", socket.Url, StringComparison.Ordinal);
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.DoesNotContain("Farida Confidential", await page.InnerTextAsync("body"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:1", HttpStatusCode.Forbidden)]
    [InlineData("http://evil.example", HttpStatusCode.Forbidden)]
    [InlineData("null", HttpStatusCode.Forbidden)]
    [InlineData("https://opd.hospital.example", HttpStatusCode.OK)]
    [InlineData("", HttpStatusCode.OK)]
    public async Task The_hub_negotiates_only_with_its_own_origin_and_the_listed_ones(string origin, HttpStatusCode expected)
    {
        await using var app = new OpdApp().With("Opd:AllowedOrigins:0", "https://opd.hospital.example");
        var client = app.AnonymousClient();

        Assert.Equal(expected, (await NegotiateAsync(client, origin)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await NegotiateAsync(client, $"{client.BaseAddress!.Scheme}://{client.BaseAddress.Authority}")).StatusCode);
    }

    private static Task<HttpResponseMessage> NegotiateAsync(HttpClient client, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1") { Content = JsonContent.Create(new { }) };
        if (origin.Length > 0)
        {
            request.Headers.Add("Origin", origin);
        }

        return client.SendAsync(request, Ct);
    }

    /// <summary>A site on another port serving one page that opens the app's hub with the visitor's cookie, as the attacker's did.</summary>
    private static Task<Site> AttackerSiteAsync(Uri app)
    {
        var hub = $"ws://{app.Authority}/_blazor";
        var html = $$"""
            <!doctype html><html><head><title>Not the OPD</title></head><body>
            <p id="result">waiting</p>
            <script>
            const result = document.getElementById('result');
            let opened = false;
            const socket = new WebSocket('{{hub}}');
            socket.onopen = () => { opened = true; socket.send('{"protocol":"blazorpack","version":1}\u001e'); };
            socket.onmessage = () => { result.textContent = 'answered'; };
            socket.onclose = () => { if (!opened) { result.textContent = 'refused'; } };
            </script></body></html>
            """;
        return AttackerSiteAsync(html);
    }

    private static async Task<Site> AttackerSiteAsync(string html)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var site = builder.Build();
        site.MapGet("/_blazor/initializers", () => Results.Json(Array.Empty<string>()));
        site.MapFallback(() => Results.Content(html, "text/html"));
        await site.StartAsync(Ct);
        var address = site.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Site(site, address);
    }

    private sealed record Site(WebApplication App, string Address) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }
}

using System.Net;
using System.Net.Http.Json;
using OpdReception.Domain;
using OpdReception.Security;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Security;

/// <summary>A hostile page can make a signed-in browser send its cookie; it cannot make it send a same-origin JSON request.</summary>
public sealed class CrossSiteTests(OpdApp app) : IClassFixture<OpdApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpClient> CookieClientAsync()
    {
        var user = await app.UserAsync(Roles.Admin);
        var browser = app.CreateClient(new() { HandleCookies = true });
        browser.DefaultRequestHeaders.Authorization = null;
        var signedIn = await browser.PostAsJsonAsync("/account/signin", new { email = user.Email, password = OpdApp.Password }, Ct);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        return browser;
    }

    [Fact]
    public async Task A_cross_site_form_post_with_the_sign_in_cookie_is_refused_and_changes_nothing()
    {
        var desk = new Desk(app.CreateClient());
        var slot = await desk.NewSlot();
        var token = await desk.Issue("walkin", slot.Id);
        var browser = await CookieClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/auth/me", Ct)).StatusCode);

        using var form = new HttpRequestMessage(HttpMethod.Post, $"/api/slots/{slot.Id}/call-next")
        {
            Content = new FormUrlEncodedContent([new("x", "1")]),
            Headers = { { "Origin", "https://evil.example" }, { "Sec-Fetch-Site", "cross-site" } },
        };
        var crossSite = await browser.SendAsync(form, Ct);
        using var plainForm = new HttpRequestMessage(HttpMethod.Post, $"/api/tokens/{token.Id}/check-in") { Content = new FormUrlEncodedContent([]) };
        var noOrigin = await browser.SendAsync(plainForm, Ct);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (crossSite.StatusCode, noOrigin.StatusCode));
        Assert.Equal("application/problem+json", crossSite.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TokenStatus.Waiting, (await desk.Token(token.Id)).Status);
    }

    [Fact]
    public async Task The_apps_own_same_origin_json_request_with_the_cookie_goes_through()
    {
        var desk = new Desk(app.CreateClient());
        var slot = await desk.NewSlot();
        var token = await desk.Issue("walkin", slot.Id);
        var browser = await CookieClientAsync();

        using var json = new HttpRequestMessage(HttpMethod.Post, $"/api/slots/{slot.Id}/call-next")
        {
            Content = JsonContent.Create(new { }),
            Headers = { { "Origin", browser.BaseAddress!.GetLeftPart(UriPartial.Authority) }, { "Sec-Fetch-Site", "same-origin" } },
        };
        var called = await browser.SendAsync(json, Ct);

        Assert.Equal(HttpStatusCode.OK, called.StatusCode);
        Assert.Equal(TokenStatus.InConsultation, (await desk.Token(token.Id)).Status);
    }
}

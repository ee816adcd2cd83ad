using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using OpdReception.Domain;
using OpdReception.Security;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>The hospital's colour and logo over a real SQLite file: validated, recorded, served to every screen.</summary>
public sealed class AppearanceApiTests(OpdApp app) : IClassFixture<OpdApp>
{
    private readonly HttpClient _admin = app.CreateClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // A real 1×1 PNG.
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private static ByteArrayContent Image(byte[] bytes, string type = "image/png") =>
        new(bytes) { Headers = { ContentType = new MediaTypeHeaderValue(type) } };

    [Fact]
    public async Task A_dark_colour_is_saved_recorded_and_written_into_every_pages_theme()
    {
        var saved = await _admin.PutAsJsonAsync("/api/admin/appearance", new { primaryColour = "#1B5E20" }, Json.Options, Ct);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("#1b5e20", (await saved.Read<AppearanceView>()).PrimaryColour);
        var page = await app.AnonymousClient().GetStringAsync("/signin", Ct);
        Assert.Contains("--mud-palette-primary: rgba(27,94,32,1)", page);
        var history = await (await _admin.GetAsync("/api/admin/history?area=Setting", Ct)).Read<List<AdminChangeView>>();
        Assert.Contains(history, h => h.Subject == "Primary colour" && h.Details.EndsWith("→ #1b5e20", StringComparison.Ordinal));

        (await _admin.PutAsJsonAsync("/api/admin/appearance", new { primaryColour = AppearanceRules.DefaultColour }, Json.Options, Ct)).EnsureSuccessStatusCode();
    }

    [Theory]
    [InlineData("""{"primaryColour":"#ffeb3b"}""", "too light")]
    [InlineData("""{"primaryColour":"red"}""", "six hex digits")]
    [InlineData("""{"primaryColour":null}""", "six hex digits")]
    [InlineData("""{}""", "six hex digits")]
    public async Task A_light_or_malformed_colour_is_refused_naming_the_field_and_changes_nothing(string body, string why)
    {
        var before = await (await _admin.GetAsync("/api/admin/appearance", Ct)).Read<AppearanceView>();

        var refused = await _admin.PutAsync("/api/admin/appearance", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.ReadJson();
        Assert.Contains(why, problem.GetProperty("errors").GetProperty("primaryColour")[0].GetString());
        Assert.Equal(before, await (await _admin.GetAsync("/api/admin/appearance", Ct)).Read<AppearanceView>());
    }

    [Fact]
    public async Task An_uploaded_png_is_served_to_anyone_with_its_type_under_a_versioned_address_and_can_be_removed()
    {
        var saved = await _admin.PutAsync("/api/admin/logo", Image(Png), Ct);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var url = (await saved.Read<AppearanceView>()).LogoUrl!;
        Assert.StartsWith("/branding/logo?v=", url);
        var served = await app.AnonymousClient().GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(Png, await served.Content.ReadAsByteArrayAsync(Ct));
        Assert.Contains(url, await app.AnonymousClient().GetStringAsync("/display", Ct));

        var removed = await _admin.DeleteAsync("/api/admin/logo", Ct);

        Assert.Null((await removed.Read<AppearanceView>()).LogoUrl);
        Assert.Equal(HttpStatusCode.NotFound, (await app.AnonymousClient().GetAsync("/branding/logo", Ct)).StatusCode);
    }

    [Fact]
    public async Task An_svg_or_an_oversized_image_is_refused_naming_the_field_and_the_logo_in_use_stays()
    {
        var kept = (await (await _admin.PutAsync("/api/admin/logo", Image(Png), Ct)).Read<AppearanceView>()).LogoUrl;

        var svg = await _admin.PutAsync("/api/admin/logo", Image("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"u8.ToArray(), "image/svg+xml"), Ct);
        var large = await _admin.PutAsync("/api/admin/logo", Image([.. Png, .. new byte[AppearanceRules.MaxLogoBytes]]), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, svg.StatusCode);
        Assert.Contains("PNG, JPEG or WebP", (await svg.ReadJson()).GetProperty("errors").GetProperty("logo")[0].GetString());
        Assert.True(large.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, $"{large.StatusCode}");
        Assert.Equal(kept, (await (await _admin.GetAsync("/api/admin/appearance", Ct)).Read<AppearanceView>()).LogoUrl);
        await _admin.DeleteAsync("/api/admin/logo", Ct);
    }

    [Fact]
    public async Task Only_an_admin_changes_the_look()
    {
        var desk = await app.ClientAsAsync(Roles.Receptionist);

        Assert.Equal(HttpStatusCode.Forbidden, (await desk.PutAsync("/api/admin/logo", Image(Png), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await desk.PutAsJsonAsync("/api/admin/appearance", new { primaryColour = "#000000" }, Json.Options, Ct)).StatusCode);
    }
}

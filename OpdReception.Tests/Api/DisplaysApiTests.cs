using System.Net;
using System.Net.Http.Json;
using System.Text;
using OpdReception.Domain;
using OpdReception.Security;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>The named waiting-room screens over a real SQLite file: what each speaks, set by an admin, recorded, read by the display.</summary>
public sealed class DisplaysApiTests(OpdApp app) : IClassFixture<OpdApp>
{
    private readonly HttpClient _admin = app.CreateClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<HttpResponseMessage> PutAsync(string name, string body) =>
        _admin.PutAsync($"/api/admin/displays/{name}", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

    [Fact]
    public async Task A_named_screen_is_saved_with_its_languages_listed_recorded_and_read_by_its_display()
    {
        var saved = await _admin.PutAsJsonAsync("/api/admin/displays/Hall-A", new { speech = "hi, en,ta" }, Json.Options, Ct);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var screen = await saved.Read<DisplayScreenView>();
        Assert.Equal(("hall-a", "hi,en,ta", "Hindi, English and Tamil", "/display?screen=hall-a"), (screen.Name, screen.Speech, screen.SpeechWords, screen.Address));
        var list = await (await _admin.GetAsync("/api/admin/displays", Ct)).Read<DisplaysView>();
        Assert.Contains(list.Screens, s => s.Name == "hall-a" && s.Speech == "hi,en,ta");
        Assert.Equal(("en", "English"), (list.DefaultSpeech, list.DefaultWords));
        Assert.Equal(["en", "hi", "ta"], list.Languages.Select(l => l.Code));
        var history = await (await _admin.GetAsync("/api/admin/history?area=Display", Ct)).Read<List<AdminChangeView>>();
        Assert.Contains(history, h => h.Subject == "hall-a" && h.Details == "added; speaks Hindi, English and Tamil");

        var display = await app.Service<DisplayScreenService>().PlanAsync("HALL-A", null, Ct);
        Assert.Equal(["hi", "en", "ta"], display.Plan.Languages.Select(l => l.Code));
        Assert.Equal(SpeechSource.Screen, display.Plan.Source);
        Assert.True(display.Known);
    }

    [Fact]
    public async Task Changing_a_screens_speech_records_from_and_to_and_an_unchanged_save_records_nothing()
    {
        (await PutAsync("ward-2", """{"speech":"en"}""")).EnsureSuccessStatusCode();

        (await PutAsync("ward-2", """{"speech":"off"}""")).EnsureSuccessStatusCode();
        (await PutAsync("ward-2", """{"speech":"OFF"}""")).EnsureSuccessStatusCode();

        var history = (await (await _admin.GetAsync("/api/admin/history?area=Display", Ct)).Read<List<AdminChangeView>>()).Where(h => h.Subject == "ward-2").ToList();
        Assert.Equal(["speech English → Off (chime only)", "added; speaks English"], history.Select(h => h.Details));
        var plan = (await app.Service<DisplayScreenService>().PlanAsync("ward-2", null, Ct)).Plan;
        Assert.False(plan.Speaks);
        Assert.Equal(SpeechSource.Screen, plan.Source);
    }

    [Fact]
    public async Task The_address_overrides_the_screen_and_an_unknown_screen_speaks_the_default()
    {
        (await PutAsync("lobby", """{"speech":"ta"}""")).EnsureSuccessStatusCode();
        var screens = app.Service<DisplayScreenService>();

        var overridden = await screens.PlanAsync("lobby", "off", Ct);
        var unknown = await screens.PlanAsync("nowhere", null, Ct);

        Assert.Equal((false, SpeechSource.Address), (overridden.Plan.Speaks, overridden.Plan.Source));
        Assert.Equal(["en"], unknown.Plan.Languages.Select(l => l.Code));
        Assert.False(unknown.Known);
        Assert.Contains("no screen \"nowhere\" is set up", unknown.SourceWords, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hall%20a", """{"speech":"en"}""", "name")]
    [InlineData("hall-b", """{"speech":"fr"}""", "speech")]
    [InlineData("hall-b", """{"speech":"on"}""", "speech")]
    [InlineData("hall-b", """{"speech":null}""", "speech")]
    [InlineData("hall-b", """{}""", "speech")]
    public async Task A_bad_name_or_speech_is_refused_as_problem_details_naming_the_field_and_nothing_is_saved(string name, string body, string field)
    {
        var refused = await PutAsync(name, body);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True((await refused.ReadJson()).GetProperty("errors").TryGetProperty(field, out _), await refused.Content.ReadAsStringAsync(Ct));
        var list = await (await _admin.GetAsync("/api/admin/displays", Ct)).Read<DisplaysView>();
        Assert.DoesNotContain(list.Screens, s => s.Name is "hall a" or "hall-b");
    }

    [Fact]
    public async Task Removing_a_screen_records_it_and_its_tv_speaks_the_default_again_and_a_second_removal_is_not_found()
    {
        (await PutAsync("gone-tv", """{"speech":"hi"}""")).EnsureSuccessStatusCode();

        var removed = await _admin.DeleteAsync("/api/admin/displays/GONE-TV", Ct);
        var again = await _admin.DeleteAsync("/api/admin/displays/gone-tv", Ct);

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.DoesNotContain((await removed.Read<DisplaysView>()).Screens, s => s.Name == "gone-tv");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Contains("no screen named \"gone-tv\"", (await again.ReadJson()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var plan = await app.Service<DisplayScreenService>().PlanAsync("gone-tv", null, Ct);
        Assert.Equal((SpeechSource.Hospital, false), (plan.Plan.Source, plan.Known));
        var history = await (await _admin.GetAsync("/api/admin/history?area=Display", Ct)).Read<List<AdminChangeView>>();
        Assert.Contains(history, h => h.Subject == "gone-tv" && h.Details.StartsWith("removed", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Roles.Receptionist)]
    [InlineData(Roles.Doctor)]
    public async Task Only_an_admin_names_screens(string role)
    {
        var staff = await app.ClientAsAsync(role);

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/api/admin/displays", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PutAsJsonAsync("/api/admin/displays/x1", new { speech = "en" }, Json.Options, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().GetAsync("/api/admin/displays", Ct)).StatusCode);
    }
}

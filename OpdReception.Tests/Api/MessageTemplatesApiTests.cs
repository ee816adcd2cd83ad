using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>GET/PUT /api/admin/message-templates over a real SQLite file: the wording patients get, per event and language.</summary>
public sealed class MessageTemplatesApiTests(OpdApp app) : IClassFixture<OpdApp>
{
    private const string Url = "/api/admin/message-templates";
    private readonly Desk _desk = new(app.CreateClient());

    private HttpClient Admin => _desk.Client;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_message_is_listed_in_English_Hindi_and_Tamil_with_its_default_and_its_values()
    {
        var all = await (await Admin.GetAsync(Url, Ct)).Read<List<MessageTemplateView>>();

        Assert.Equal(Enum.GetValues<MessageKind>().Length * 3, all.Count);
        var leave = all.Single(t => t.Event == MessageKind.CancelledDoctorAway && t.Language == "hi");
        Assert.Equal(PatientMessageEvent.Cancelled, leave.SentAs);
        Assert.Equal(MessageTemplates.Default(MessageKind.CancelledDoctorAway, "hi"), leave.DefaultText);
        Assert.Contains("deskPhone", leave.Placeholders);
        Assert.Contains("reason", leave.Placeholders);
        Assert.DoesNotContain("reason", all.Single(t => t.Event == MessageKind.Called && t.Language == "en").Placeholders);
    }

    [Theory]
    [InlineData("""{"event":"Called","language":"en","text":"Token {lable}"}""", "text", "{lable} is not a value this message has")]
    [InlineData("""{"event":"Called","language":"en","text":""}""", "text", "Write the message")]
    [InlineData("""{"event":"Called","language":"fr","text":"Token {label}"}""", "language", "Language must be en (English), hi (Hindi) or ta (Tamil).")]
    [InlineData("""{"event":"Called","language":"en","text":"Token {label}\u202E won nioj"}""", "text", "reverse or reorder the text direction")]
    [InlineData("""{"event":"Called","language":"en","text":"Token \u2067{label}\u2069 now"}""", "text", "reverse or reorder the text direction")]
    [InlineData("""{"event":"Called","language":"en","text":"Token \u200E{label} now"}""", "text", "direction marks")]
    [InlineData("""{"language":"en","text":"Token {label}"}""", "event", "Say which message")]
    [InlineData("""{"event":"Called","language":"en","text":"Token {label}","dltTemplateId":"12-34"}""", "dltTemplateId", "letters and digits only")]
    public async Task A_wrong_template_is_refused_as_problem_details_naming_the_field_and_nothing_is_saved(string body, string field, string words)
    {
        var response = await Admin.PutAsync(Url, new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.ReadJson()).GetProperty("errors");
        Assert.Contains(words, errors.GetProperty(field)[0].GetString());
        await using var db = await app.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(Ct);
        Assert.False(await db.NotificationTemplates.AnyAsync(t => t.Text == "Token {lable}", Ct));
    }

    [Fact]
    public async Task A_saved_wording_and_DLT_id_are_used_for_the_next_message_recorded_and_reset_to_the_default()
    {
        var saved = await Admin.PutAsJsonAsync(Url,
            new { @event = "Called", language = "en", text = "{hospital}: {label}, see {doctor} in {room} now.", dltTemplateId = "1207161234567890123" }, Json.Options, Ct);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var view = await saved.Read<MessageTemplateView>();
        Assert.False(view.IsDefault);
        Assert.Equal("1207161234567890123", view.DltTemplateId);

        var doctor = await _desk.Doctor("Template Cardiology");
        var slot = await _desk.Slot(doctor.Id);
        var token = await _desk.Issue("walkin", slot.Id, phone: "+91 98222 00001");
        Assert.Equal(HttpStatusCode.OK, (await _desk.SetStatus(token.Id, "InConsultation")).StatusCode);
        await using (var db = await app.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(Ct))
        {
            var called = await db.OutboxMessages.SingleAsync(m => m.TokenId == token.Id && m.Event == PatientMessageEvent.Called, Ct);
            Assert.Equal($"City Hospital OPD: {token.TokenNumber}, see {doctor.Name} in Room 101 now.", called.Text);
            Assert.Equal("1207161234567890123", called.TemplateId);
        }

        var history = await (await Admin.GetAsync("/api/admin/history?area=Message template", Ct)).Read<List<AdminChangeView>>();
        Assert.Contains(history, h => h.Subject == "Called in · English" && h.Details.Contains("{room} now.") && h.Details.Contains("DLT template id 1207161234567890123"));

        var reset = await (await Admin.PutAsJsonAsync(Url, new { @event = "Called", language = "en", reset = true }, Json.Options, Ct)).Read<MessageTemplateView>();
        Assert.True(reset.IsDefault);
        Assert.Null(reset.DltTemplateId);
        Assert.Equal(MessageTemplates.Default(MessageKind.Called, "en"), reset.Text);
        history = await (await Admin.GetAsync("/api/admin/history?area=Message template", Ct)).Read<List<AdminChangeView>>();
        Assert.Equal("Reset to the default wording", history[0].Details);
    }

    [Theory]
    [InlineData("Hindi", "hi")]
    [InlineData(" TAMIL ", "ta")]
    [InlineData("English", "en")]
    public async Task A_language_is_taken_by_its_name_as_issuing_takes_it(string typed, string code)
    {
        var text = $"{{hospital}}: token {{label}} is near ({typed.Trim()}).";
        var saved = await Admin.PutAsJsonAsync(Url, new { @event = "TurnNear", language = typed, text }, Json.Options, Ct);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var view = await saved.Read<MessageTemplateView>();
        Assert.Equal((code, text), (view.Language, view.Text));
        var listed = (await (await Admin.GetAsync(Url, Ct)).Read<List<MessageTemplateView>>()).Single(t => t.Event == MessageKind.TurnNear && t.Language == code);
        Assert.Equal(text, listed.Text);
        await Admin.PutAsJsonAsync(Url, new { @event = "TurnNear", language = code, reset = true }, Json.Options, Ct);
    }

    [Fact]
    public async Task Only_an_admin_reads_or_changes_the_templates()
    {
        var desk = await app.ClientAsAsync("Receptionist");

        Assert.Equal(HttpStatusCode.Forbidden, (await desk.GetAsync(Url, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().GetAsync(Url, Ct)).StatusCode);
    }
}

using Microsoft.Extensions.Options;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Platform;

/// <summary>Opd:Notifications is checked when the app starts: a wrong value stops it, naming the setting.</summary>
public sealed class NotificationSettingsTests
{
    [Theory]
    [InlineData("Opd:Notifications:DefaultLanguage", "fr", "DefaultLanguage")]
    [InlineData("Opd:Notifications:TurnNearMinutes", "0", "TurnNearMinutes")]
    [InlineData("Opd:Notifications:TurnNearPositions", "-1", "TurnNearPositions")]
    [InlineData("Opd:Notifications:DelayNoticeMinutes", "0", "DelayNoticeMinutes")]
    [InlineData("Opd:Notifications:PatientPageBaseUrl", "opd.hospital.example", "PatientPageBaseUrl")]
    [InlineData("Opd:Notifications:PatientPageBaseUrl", "ftp://opd.hospital.example", "PatientPageBaseUrl")]
    [InlineData("Opd:Notifications:DeskPhone", "call us", "DeskPhone")]
    public async Task A_wrong_notification_setting_stops_the_app_at_start_naming_it(string key, string value, string named)
    {
        await using var app = new OpdApp().With(key, value);

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains(named, error.Message);
    }

    [Theory]
    [InlineData("hi", "hi")]
    [InlineData("Tamil", "ta")]
    [InlineData(" EN ", "en")]
    public async Task The_default_language_may_be_named_by_code_or_name(string setting, string code)
    {
        await using var app = new OpdApp().With("Opd:Notifications:DefaultLanguage", setting);
        app.CreateClient();

        Assert.Equal(code, app.Service<PatientOutbox>().Settings.DefaultLanguageCode);
    }

    [Fact]
    public async Task An_unknown_default_language_stops_the_app_saying_which_languages_there_are()
    {
        await using var app = new OpdApp().With("Opd:Notifications:DefaultLanguage", "fr");

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains("Opd:Notifications:DefaultLanguage ('fr') must be en (English), hi (Hindi) or ta (Tamil)", error.Message);
    }

    [Theory]
    [InlineData("ta", "ta")]
    [InlineData("Hindi", "hi")]
    public async Task The_desk_and_the_patient_page_read_the_one_default_language_as_its_code(string setting, string code)
    {
        await using var app = new OpdApp().With("Opd:Notifications:DefaultLanguage", setting);
        app.CreateClient();

        Assert.Equal(code, app.Service<IOptions<NotificationOptions>>().Value.DefaultLanguageCode);
        Assert.Equal(code, app.Service<IOptionsMonitor<NotificationOptions>>().CurrentValue.DefaultLanguageCode);
    }

    [Fact]
    public async Task Without_a_patient_page_address_the_link_is_built_on_the_first_allowed_origin()
    {
        await using var app = new OpdApp().With("Opd:AllowedOrigins:0", "https://opd.hospital.example");
        app.CreateClient();

        var outbox = app.Service<PatientOutbox>();

        Assert.Equal("https://opd.hospital.example/t/abc", outbox.Settings.Link(app.Service<IOptionsMonitor<OpdOptions>>().CurrentValue, "abc"));
    }
}

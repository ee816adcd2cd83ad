using Microsoft.Extensions.Options;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Services;

/// <summary>The hospital's default message language: read by the desk from Opd:Notifications, checked at start.</summary>
public sealed class DeskLanguageOptionsTests
{
    [Fact]
    public async Task An_unknown_default_language_stops_the_app_at_start_naming_the_setting()
    {
        await using var app = new OpdApp().With("Opd:Notifications:DefaultLanguage", "fr");

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Opd:Notifications:DefaultLanguage ('fr') must be en (English), hi (Hindi) or ta (Tamil)", error.ToString());
    }

    [Theory]
    [InlineData("ta", "ta")]
    [InlineData("Hindi", "hi")]
    public async Task The_desk_reads_the_hospitals_default_language_as_its_code(string setting, string code)
    {
        await using var app = new OpdApp().With("Opd:Notifications:DefaultLanguage", setting);
        app.CreateClient();

        Assert.Equal(code, app.Service<IOptions<DeskLanguageOptions>>().Value.Code);
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpdReception.Services.Abdm;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Abdm;

/// <summary>Scan &amp; Share settings are checked when the app starts, and stay off unless a gateway is set.</summary>
public sealed class AbdmSettingsStartTests
{
    [Fact]
    public async Task A_gateway_without_its_credentials_stops_the_app_saying_what_to_set()
    {
        await using var app = new OpdApp().With("Opd:Abdm:GatewayUrl", "https://dev.abdm.gov.in/");

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains("Opd:Abdm:ClientId and ClientSecret are needed", error.Message);
        Assert.Contains("Opd:Abdm:HipId", error.Message);
    }

    [Fact]
    public async Task Without_a_gateway_the_app_starts_with_scan_and_share_off()
    {
        await using var app = new OpdApp();
        using var client = app.CreateClient();

        var options = app.Services.GetRequiredService<IOptions<AbdmOptions>>().Value;

        Assert.False(options.Enabled);
        Assert.Equal(("sbx", 30), (options.CmId, options.TokenExpiryMinutes));
    }
}

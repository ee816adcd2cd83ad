using Microsoft.Extensions.Options;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Messages;

/// <summary>Delivery settings that cannot work stop the app at start, saying what to set.</summary>
public sealed class DeliverySettingsTests
{
    [Theory]
    [InlineData("Opd:Notifications:Webhook:Url", "http://127.0.0.1:9/sms", "Opd:Notifications:Webhook:Secret must be set")]
    [InlineData("Opd:Notifications:Webhook:Url", "gateway.example/sms", "must be an absolute http or https address")]
    [InlineData("Opd:Notifications:Smtp:Host", "127.0.0.1", "Opd:Notifications:Smtp:From ('') must be an email address")]
    [InlineData("Opd:Notifications:Webhook:PerMinute", "0", "Opd:Notifications:Webhook: The field PerMinute must be between 1 and 100000.")]
    public async Task A_setting_that_cannot_work_stops_the_app_saying_what_to_set(string key, string value, string says)
    {
        await using var app = new OpdApp().With(key, value);

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains(says, error.Message);
    }
}

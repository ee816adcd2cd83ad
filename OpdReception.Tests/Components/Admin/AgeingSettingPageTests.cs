using Bunit;
using Microsoft.Extensions.Options;
using OpdReception.Components.Pages.Admin;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Components.Admin;

/// <summary>Its own app: saving ageing here must not change the order other tests' queues are read in.</summary>
public sealed class AgeingSettingPageTests(OpdApp app) : AdminContext(app)
{
    private const string Field = "input[data-testid=setting-MaxOvertakes]";

    [Fact]
    public async Task The_settings_page_turns_ageing_on_with_a_limit_and_off_with_an_empty_field()
    {
        var page = RenderAsAdmin<Settings>();
        page.WaitForElement("[data-testid=save-settings]");
        Assert.Contains("default off", page.Find(Field).Closest(".mud-input-control")!.TextContent);

        page.Find(Field).Change("8");
        page.Find("[data-testid=save-settings]").Click();
        page.WaitForAssertion(() => Assert.Contains("default off · saved", page.Find(Field).Closest(".mud-input-control")!.TextContent));
        Assert.Equal(8, (await Service<SettingsService>().GetAsync()).Effective.MaxOvertakes);
        Assert.Equal(8, App.Service<IOptionsMonitor<OpdOptions>>().CurrentValue.Weights.MaxOvertakes);
        Assert.Contains((await Service<SettingsService>().HistoryAsync("Setting")), c => c.Details == "off → 8");

        page.Find(Field).Change("");
        page.Find("[data-testid=save-settings]").Click();
        page.WaitForAssertion(() => Assert.Null(App.Service<IOptionsMonitor<OpdOptions>>().CurrentValue.MaxOvertakes));
        Assert.Contains((await Service<SettingsService>().HistoryAsync("Setting")), c => c.Details == "8 → off");
    }

    [Fact]
    public async Task The_settings_page_refuses_a_limit_of_zero_beside_its_field_and_saves_nothing()
    {
        var before = (await Service<SettingsService>().GetAsync()).Effective;
        var page = RenderAsAdmin<Settings>();
        page.WaitForElement("[data-testid=save-settings]");

        page.Find(Field).Change("0");
        page.Find("[data-testid=save-settings]").Click();

        page.WaitForAssertion(() => Assert.Contains("must be between 1 and 1000, or empty for off.", page.Find(Field).Closest(".mud-input-control")!.TextContent));
        Assert.Equal(before, (await Service<SettingsService>().GetAsync()).Effective);
    }
}

using OpdReception.Domain;
using OpdReception.Services;

namespace OpdReception.Tests.Domain;

/// <summary>Opd:MaxOvertakes on the settings page: a number of later arrivals, or off.</summary>
public sealed class AgeingSettingTests
{
    private static readonly SettingValues Defaults = new(1000, 500, 300, 200, 100, 6, 10, 15, 10, 2, 30, 60, "City Hospital OPD");

    [Theory]
    [InlineData(null, 1, "off", "1")]
    [InlineData(null, 1000, "off", "1000")]
    [InlineData(8, null, "8", "off")]
    [InlineData(8, 3, "8", "3")]
    public void A_changed_limit_is_one_line_of_history_and_off_is_written_off(int? from, int? to, string fromText, string toText)
    {
        var decision = Assert.IsType<SettingsAccepted>(SettingsRules.Check(Defaults with { MaxOvertakes = from }, Defaults with { MaxOvertakes = to }));

        var line = Assert.Single(decision.Changes);
        Assert.Equal(("MaxOvertakes", fromText, toText), (line.Key, line.From, line.To));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1001)]
    public void A_limit_out_of_bounds_is_refused_beside_its_field(int limit)
    {
        var refused = Assert.IsType<SettingsRefused>(SettingsRules.Check(Defaults, Defaults with { MaxOvertakes = limit }));

        Assert.Equal(["Walk-in overtaken at most (later arrivals) must be between 1 and 1000, or empty for off."], refused.Errors["MaxOvertakes"]);
    }

    [Theory]
    [InlineData("8", 8)]
    [InlineData("off", null)]
    public void A_saved_limit_or_off_overrides_appsettings_and_reaches_the_queue_with_the_weights(string saved, int? effective)
    {
        var options = new OpdOptions { MaxOvertakes = 3 };

        SettingsStore.Apply(options, "MaxOvertakes", saved);

        Assert.Equal(effective, options.MaxOvertakes);
        Assert.Equal(effective, options.Weights.MaxOvertakes);
        Assert.Equal(effective, SettingsStore.ValuesOf(options).MaxOvertakes);
    }
}

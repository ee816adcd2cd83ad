using MudBlazor;

namespace OpdReception.Components.Layout;

/// <summary>
/// A calm look for long days at a counter: the hospital's own colour (a setting, teal by default) on a soft grey-blue
/// ground, with darker status colours, so white text on a chip or button keeps WCAG AA contrast (4.5:1); MudBlazor's
/// default success green, info blue, pink and red fall short of it.
/// </summary>
public static class OpdTheme
{
    private static volatile MudTheme? _last;

    /// <summary>The theme for the hospital's colour; the same instance while the colour stays the same.</summary>
    public static MudTheme For(string primary)
    {
        if (_last is { } last && last.PaletteLight.Primary.ToString(MudBlazor.Utilities.MudColorOutputFormats.Hex) == primary)
        {
            return last;
        }

        return _last = new MudTheme
        {
            PaletteLight = new PaletteLight
            {
                Primary = primary,
                Secondary = "#455a64",
                Tertiary = "#5d4037",
                Info = "#1565c0",
                Success = "#2e7d32",
                Warning = "#a84f00",
                Error = "#c62828",
                AppbarBackground = primary,
                Background = "#f4f6f8",
                Surface = "#ffffff",
                TextPrimary = "#1f2a33",
                TextSecondary = "#4a5863",
                ActionDefault = "#4a5863",
                LinesDefault = "#d5dbe0",
                TableLines = "#e3e7eb",
                Divider = "#d5dbe0",
            },
            LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px" },
        };
    }

    public static MudTheme Light => For(Domain.AppearanceRules.DefaultColour);
}

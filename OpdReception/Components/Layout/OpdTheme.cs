using MudBlazor;

namespace OpdReception.Components.Layout;

/// <summary>
/// MudBlazor's palette with its light colours darkened until text in them reads at 4.5:1 or better on white (WCAG AA):
/// the default green, amber, blue and pink fail axe's contrast check on buttons, chips and alerts.
/// </summary>
public static class OpdTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Secondary = "#ad1457",
            Success = "#2e7d32",
            Warning = "#8a5300",
            Info = "#1565c0",
            Error = "#c62828",
        },
    };
}

using MudBlazor;

namespace OpdReception.Components.Layout;

/// <summary>
/// MudBlazor's palette with darker status colours, so white text on a chip or button keeps WCAG AA contrast (4.5:1);
/// the default success green, info blue, pink and red fall short of it.
/// </summary>
public static class OpdTheme
{
    public static readonly MudTheme Light = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#4527a0",
            Secondary = "#ad1457",
            Info = "#1565c0",
            Success = "#2e7d32",
            Warning = "#a84f00",
            Error = "#c62828",
        },
    };
}

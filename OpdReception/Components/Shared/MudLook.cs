using MudBlazor;

namespace OpdReception.Components.Shared;

/// <summary>
/// MudBlazor's look on plain elements, for what a board repeats per row and per slot. Every MudButton or MudChip is
/// a component the server keeps, with two render trees, for as long as the screen is open (a few KB each, measured with
/// dotnet-gcdump); a plain element with the same classes is a few frames of its parent's tree.
/// </summary>
public static class MudLook
{
    public static string Button(Variant variant, Color color, Size size)
    {
        var look = Name(variant);
        return $"mud-button-root mud-button mud-button-{look} mud-button-{look}-{Name(color)} mud-button-{look}-size-{Name(size)} mud-ripple";
    }

    public static string Chip(Color color) => $"mud-chip mud-chip-filled mud-chip-size-small mud-chip-color-{Name(color)}";

    private static string Name(Enum value) => value.ToString().ToLowerInvariant();
}

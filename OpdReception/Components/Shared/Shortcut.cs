namespace OpdReception.Components.Shared;

/// <summary>
/// A desk shortcut: the keys that trigger it (e.g. "N", "Alt+N"), what it does, and the handler. <paramref name="Focus"/>
/// is the CSS selector of a field the key puts the cursor in: the browser focuses it at once, so the keys typed next
/// land there rather than on the page while the server catches up.
/// </summary>
public sealed record Shortcut(IReadOnlyList<string> Bindings, string Label, Func<Task> Run, string? Focus = null)
{
    public string Keys => string.Join(" or ", Bindings);
}

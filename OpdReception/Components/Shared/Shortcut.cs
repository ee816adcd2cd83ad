namespace OpdReception.Components.Shared;

/// <summary>A desk shortcut: the keys that trigger it (e.g. "N", "Alt+N"), what it does, and the handler.</summary>
public sealed record Shortcut(IReadOnlyList<string> Bindings, string Label, Func<Task> Run)
{
    public string Keys => string.Join(" or ", Bindings);
}

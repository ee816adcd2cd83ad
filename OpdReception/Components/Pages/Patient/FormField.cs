namespace OpdReception.Components.Pages.Patient;

/// <summary>The antiforgery token a plain form carries back (its field's name and value).</summary>
public sealed record FormField(string Name, string Value);

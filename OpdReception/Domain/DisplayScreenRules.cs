namespace OpdReception.Domain;

public abstract record ScreenDecision;

/// <param name="Name">The name as stored and put in the display's address (lower case).</param>
/// <param name="Speech">"off" or the language codes, "en,hi,ta".</param>
public sealed record ScreenAccepted(string Name, string Speech) : ScreenDecision;

public sealed record ScreenRefused(IReadOnlyDictionary<string, string[]> Errors) : ScreenDecision;

/// <summary>
/// A named display: a TV opened at /display?screen=NAME, whose speech an admin sets. The name goes into an address
/// typed on a TV's remote, so it is short and plain.
/// </summary>
public static class DisplayScreenRules
{
    public const int MaxName = 30;

    public static string Address(string name) => $"/display?screen={name}";

    /// <summary>"Hall A" would need escaping in an address: letters, digits and dashes only, case ignored.</summary>
    public static string? NameProblem(string? name)
    {
        var text = name?.Trim() ?? "";
        if (text.Length == 0 || text.Length > MaxName)
        {
            return $"The screen's name is required, at most {MaxName} characters.";
        }

        return text.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && char.IsAsciiLetterOrDigit(text[0])
            ? null
            : "The screen's name may hold only letters, digits and dashes, starting with a letter or digit, such as hall-a: it goes into the display's address.";
    }

    /// <summary>
    /// A screen speaks the languages its admin ticked, or nothing. "on" is not stored: a screen's own setting says
    /// which languages, so what it speaks does not change when the hospital's default does.
    /// </summary>
    public static ScreenDecision Check(string? name, string? speech)
    {
        var errors = new Dictionary<string, string[]>();
        if (NameProblem(name) is { } nameProblem)
        {
            errors["name"] = [nameProblem];
        }

        string? stored = null;
        switch (DisplaySpeech.Parse(speech))
        {
            case SpeechRefused refused:
                errors["speech"] = [refused.Reason];
                break;
            case SpeechOn:
                errors["speech"] = ["Say which languages the screen speaks, such as en,hi,ta, or off."];
                break;
            case var setting:
                stored = DisplaySpeech.Text(setting);
                break;
        }

        return errors.Count > 0 ? new ScreenRefused(errors) : new ScreenAccepted(name!.Trim().ToLowerInvariant(), stored!);
    }
}

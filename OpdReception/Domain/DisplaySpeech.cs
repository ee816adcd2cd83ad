namespace OpdReception.Domain;

/// <param name="Code">As written in a display's address and settings: "en", "hi", "ta".</param>
/// <param name="Tag">The BCP 47 tag the browser's voices are matched against.</param>
public sealed record SpokenLanguage(string Code, string Name, string Tag);

/// <summary>What a display's speech setting says: off, a list of languages, "on" (the next setting's languages), or not understood.</summary>
public abstract record SpeechSetting;

public sealed record SpeechOff : SpeechSetting;

public sealed record SpeechIn(IReadOnlyList<SpokenLanguage> Languages) : SpeechSetting;

public sealed record SpeechOn : SpeechSetting;

public sealed record SpeechRefused(string Reason) : SpeechSetting;

/// <summary>Where a display's speech came from, in the words the display's settings page shows.</summary>
public enum SpeechSource { Address, Screen, Hospital }

/// <summary>What one display says on a call: nothing (chime only) when <see cref="Languages"/> is empty.</summary>
/// <param name="Problem">A setting that was not understood and was passed over, said on the settings page.</param>
public sealed record SpeechPlan(IReadOnlyList<SpokenLanguage> Languages, SpeechSource Source, string? Problem = null)
{
    public bool Speaks => Languages.Count > 0;
}

/// <summary>One sentence to say, in the language whose voice should say it.</summary>
public sealed record Utterance(string Code, string Tag, string Text);

/// <summary>
/// The waiting-room display's spoken calls: which languages a display speaks (its address over its named screen over
/// the hospital's default) and the sentence said in each. Pure: the caller reads the settings.
/// </summary>
public static class DisplaySpeech
{
    public static readonly SpokenLanguage English = new("en", "English", "en-IN");
    public static readonly SpokenLanguage Hindi = new("hi", "Hindi", "hi-IN");
    public static readonly SpokenLanguage Tamil = new("ta", "Tamil", "ta-IN");

    public static readonly IReadOnlyList<SpokenLanguage> Languages = [English, Hindi, Tamil];

    /// <summary>The sentence per language when the hospital sets none: the label and room are read out as on the slip.</summary>
    public static readonly IReadOnlyDictionary<string, string> DefaultTemplates = new Dictionary<string, string>
    {
        ["en"] = "Token {token}, Room {room}",
        ["hi"] = "टोकन {token}, कमरा नंबर {room}",
        ["ta"] = "டோக்கன் {token}, அறை எண் {room}",
    };

    public const int MaxTemplate = 120;
    public const int MaxSettingText = 40;

    /// <summary>"off", "on", or codes separated by commas ("en,hi,ta"); spaces and case do not matter, a repeat counts once.</summary>
    public static SpeechSetting Parse(string? text)
    {
        var words = (text ?? "").Trim().ToLowerInvariant();
        if (words.Length == 0)
        {
            return new SpeechRefused("Say off, on, or the languages to speak, such as en,hi,ta.");
        }

        if (words.Length > MaxSettingText)
        {
            return new SpeechRefused($"At most {MaxSettingText} characters: off, on, or languages such as en,hi,ta.");
        }

        switch (words)
        {
            case "off" or "0" or "false" or "none":
                return new SpeechOff();
            case "on" or "1" or "true":
                return new SpeechOn();
        }

        var chosen = new List<SpokenLanguage>();
        foreach (var code in words.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (Languages.FirstOrDefault(l => l.Code == code || l.Tag.Equals(code, StringComparison.OrdinalIgnoreCase)) is not { } language)
            {
                return new SpeechRefused($"\"{TextRules.ForLog(code, 20)}\" is not a language the display speaks; use {string.Join(", ", Languages.Select(l => $"{l.Code} ({l.Name})"))}, or off.");
            }

            if (!chosen.Contains(language))
            {
                chosen.Add(language);
            }
        }

        return chosen.Count == 0 ? new SpeechRefused("Say off, on, or the languages to speak, such as en,hi,ta.") : new SpeechIn(chosen);
    }

    /// <summary>The setting as stored and shown in an address: "off" or "en,hi"; "on" stays "on".</summary>
    public static string Text(SpeechSetting setting) => setting switch
    {
        SpeechOff => "off",
        SpeechOn => "on",
        SpeechIn speaks => string.Join(',', speaks.Languages.Select(l => l.Code)),
        SpeechRefused => throw new ArgumentException("A refused setting has no text.", nameof(setting)),
        _ => throw new ArgumentOutOfRangeException(nameof(setting)),
    };

    /// <summary>"English, Hindi and Tamil", or "Off (chime only)".</summary>
    public static string Words(IReadOnlyList<SpokenLanguage> languages) => languages.Count switch
    {
        0 => "Off (chime only)",
        1 => languages[0].Name,
        _ => $"{string.Join(", ", languages.Take(languages.Count - 1).Select(l => l.Name))} and {languages[^1].Name}",
    };

    /// <summary>
    /// The display's languages: its address (?speech=) over its named screen's admin setting over the hospital's default.
    /// "on" takes the next setting's languages (English when that is off too); a setting not understood is passed over
    /// and named, never silently taken as off.
    /// </summary>
    public static SpeechPlan Resolve(string? address, string? screen, string hospital)
    {
        var levels = new (SpeechSource Source, string? Text)[] { (SpeechSource.Address, address), (SpeechSource.Screen, screen), (SpeechSource.Hospital, hospital) };
        string? problem = null;
        for (var i = 0; i < levels.Length; i++)
        {
            var (source, text) = levels[i];
            if (text is null)
            {
                continue;
            }

            switch (Parse(text))
            {
                case SpeechOff:
                    return new SpeechPlan([], source, problem);
                case SpeechIn speaks:
                    return new SpeechPlan(speaks.Languages, source, problem);
                case SpeechOn:
                    var below = levels.Skip(i + 1).Select(l => l.Text is null ? null : Parse(l.Text)).OfType<SpeechIn>().FirstOrDefault();
                    return new SpeechPlan(below?.Languages ?? [English], source, problem);
                case SpeechRefused refused:
                    problem ??= $"The {Where(source)} setting \"{TextRules.ForLog(text, 20)}\" was not understood: {refused.Reason}";
                    break;
            }
        }

        return new SpeechPlan([English], SpeechSource.Hospital, problem);
    }

    private static string Where(SpeechSource source) => source switch
    {
        SpeechSource.Address => "address's ?speech=",
        SpeechSource.Screen => "screen's",
        _ => "hospital's",
    };

    /// <summary>"A014" is said "A 0 1 4", as people read it off a slip, in every language.</summary>
    public static string Spelled(string label) => string.Join(' ', label.Trim().ToCharArray());

    /// <summary>The call in each of the plan's languages, in its order: {token} spelled out, {room} the room (or the doctor, without one).</summary>
    public static IReadOnlyList<Utterance> Sentences(SpeechPlan plan, IReadOnlyDictionary<string, string> templates, string label, string room) =>
        plan.Languages
            .Select(l => new Utterance(l.Code, l.Tag, (templates.GetValueOrDefault(l.Code) ?? DefaultTemplates[l.Code])
                .Replace("{token}", Spelled(label), StringComparison.Ordinal)
                .Replace("{room}", room.Trim(), StringComparison.Ordinal)))
            .ToList();

    /// <summary>What is wrong with a language's sentence template, or null when it can be spoken.</summary>
    public static string? TemplateProblem(string code, string? template)
    {
        if (Languages.All(l => l.Code != code))
        {
            return $"\"{TextRules.ForLog(code, 20)}\" is not a language the display speaks ({string.Join(", ", Languages.Select(l => l.Code))}).";
        }

        if (string.IsNullOrWhiteSpace(template) || template.Length > MaxTemplate)
        {
            return $"The {code} sentence is required, at most {MaxTemplate} characters.";
        }

        if (!template.Contains("{token}", StringComparison.Ordinal) || !template.Contains("{room}", StringComparison.Ordinal))
        {
            return $"The {code} sentence must say {{token}} and {{room}}, such as \"{DefaultTemplates[code]}\".";
        }

        return TextRules.Problem(template) is { } problem ? $"The {code} sentence {problem}." : null;
    }
}

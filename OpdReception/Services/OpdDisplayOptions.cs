using Microsoft.Extensions.Options;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>The waiting-room displays' spoken calls, section "Opd:Display".</summary>
public sealed class OpdDisplayOptions
{
    public const string Section = "Opd:Display";

    /// <summary>
    /// What a display speaks when neither its address (?speech=) nor its named screen (Admin · Displays) says:
    /// "off", or language codes in the order spoken, "en,hi,ta".
    /// </summary>
    public string SpeechLanguages { get; set; } = "en";

    /// <summary>
    /// The sentence said on a call, per language code: {token} is the label spelled out, {room} the room. A language
    /// left out keeps its default (<see cref="DisplaySpeech.DefaultTemplates"/>).
    /// </summary>
    public Dictionary<string, string> Announcements { get; set; } = new(DisplaySpeech.DefaultTemplates);
}

/// <summary>A display that would say nothing, or something garbled, is found at start rather than on the first call.</summary>
public sealed class OpdDisplayOptionsValidator : IValidateOptions<OpdDisplayOptions>
{
    public ValidateOptionsResult Validate(string? name, OpdDisplayOptions options)
    {
        var problems = new List<string>();
        switch (DisplaySpeech.Parse(options.SpeechLanguages))
        {
            case SpeechRefused refused:
                problems.Add($"Opd:Display:SpeechLanguages ('{options.SpeechLanguages}'): {refused.Reason}");
                break;
            case SpeechOn:
                problems.Add($"Opd:Display:SpeechLanguages must name the languages (such as en,hi,ta) or say off; 'on' means the hospital's default, and this is it.");
                break;
        }

        foreach (var (code, template) in options.Announcements)
        {
            if (DisplaySpeech.TemplateProblem(code, template) is { } problem)
            {
                problems.Add($"Opd:Display:Announcements:{code}: {problem}");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

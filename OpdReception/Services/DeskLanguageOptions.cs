using Microsoft.Extensions.Options;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>
/// The desk's one setting of Opd:Notifications: the language a new patient's messages start in. Bound on its own,
/// so the desk needs nothing else of the notification settings.
/// </summary>
public sealed class DeskLanguageOptions
{
    public const string Section = "Opd:Notifications";

    /// <summary>en, hi or ta: what the desk's language choice shows until the receptionist picks another.</summary>
    public string DefaultLanguage { get; set; } = MessageLanguages.English;

    public string Code => MessageLanguages.Code(DefaultLanguage) ?? MessageLanguages.English;
}

public sealed class DeskLanguageOptionsValidator : IValidateOptions<DeskLanguageOptions>
{
    public ValidateOptionsResult Validate(string? name, DeskLanguageOptions options) =>
        MessageLanguages.Code(options.DefaultLanguage) is null
            ? ValidateOptionsResult.Fail($"Opd:Notifications:DefaultLanguage ('{options.DefaultLanguage}') must be {MessageLanguages.Described}.")
            : ValidateOptionsResult.Success;
}

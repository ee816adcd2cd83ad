using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>
/// Which messages patients get and what they say, section "Opd:Notifications". Delivery (the webhook and SMTP) has
/// its own settings class on the same section.
/// </summary>
public sealed class NotificationOptions
{
    public const string Section = "Opd:Notifications";

    /// <summary>"Your turn is near" goes once the patient is expected within these minutes…</summary>
    [Range(1, 240)] public int TurnNearMinutes { get; set; } = 15;

    /// <summary>…or has at most this many patients ahead, once their slot has begun.</summary>
    [Range(1, 50)] public int TurnNearPositions { get; set; } = 3;

    /// <summary>"Running late" goes once the doctor's delays have moved the patient's time by this much since last told.</summary>
    [Range(1, 600)] public int DelayNoticeMinutes { get; set; } = 15;

    /// <summary>
    /// The hospital's one default language: of messages to patients the desk chose none for, of the desk's language
    /// choice before the receptionist picks, and of the patient page. "en", "hi" or "ta" (or its name, "Hindi").
    /// </summary>
    [Required] public string DefaultLanguage { get; set; } = MessageLanguages.English;

    public string DefaultLanguageCode => MessageLanguages.Code(DefaultLanguage) ?? MessageLanguages.English;

    /// <summary>The desk's phone, in the leave message's "please call the desk on …".</summary>
    [StringLength(30)] public string DeskPhone { get; set; } = "";

    /// <summary>
    /// The address patients open their page at, such as https://opd.hospital.example: the issue message's link is
    /// this with /t/{code}. Empty: the first of Opd:AllowedOrigins; with none either, the link is the path alone.
    /// </summary>
    [StringLength(200)] public string PatientPageBaseUrl { get; set; } = "";

    /// <summary>How often the turn-near check runs as time passes (it also runs with every call and finish).</summary>
    [Range(5, 3600)] public int TurnNearSweepSeconds { get; set; } = 60;

    /// <summary>The base the link is built on: <see cref="PatientPageBaseUrl"/>, else the first allowed origin, else none.</summary>
    public string LinkBase(OpdOptions opd) =>
        (string.IsNullOrWhiteSpace(PatientPageBaseUrl) ? opd.AllowedOrigins.FirstOrDefault() ?? "" : PatientPageBaseUrl.Trim()).TrimEnd('/');

    public string Link(OpdOptions opd, string code) => $"{LinkBase(opd)}/t/{code}";
}

public sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        if (MessageLanguages.Code(options.DefaultLanguage) is null)
        {
            return ValidateOptionsResult.Fail(
                $"Opd:Notifications:DefaultLanguage ('{options.DefaultLanguage}') must be {MessageLanguages.Described}.");
        }

        if (!string.IsNullOrWhiteSpace(options.PatientPageBaseUrl)
            && !(Uri.TryCreate(options.PatientPageBaseUrl.Trim(), UriKind.Absolute, out var url) && url.Scheme is "https" or "http" && url.Query.Length == 0))
        {
            return ValidateOptionsResult.Fail(
                $"Opd:Notifications:PatientPageBaseUrl ('{options.PatientPageBaseUrl}') must be an absolute http(s) address without a query, such as https://opd.hospital.example.");
        }

        if (options.DeskPhone.Any(c => !(char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')')))
        {
            return ValidateOptionsResult.Fail($"Opd:Notifications:DeskPhone ('{options.DeskPhone}') must be a phone number: digits, spaces, + - ( ).");
        }

        return ValidateOptionsResult.Success;
    }
}

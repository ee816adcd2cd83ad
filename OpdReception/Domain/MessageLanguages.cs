namespace OpdReception.Domain;

/// <summary>
/// The languages messages, templates, the desk and the patient page speak: English, Hindi and Tamil, kept on the
/// record by code. The one list of them; a language added here needs its templates and page words too.
/// </summary>
public static class MessageLanguages
{
    public const string English = "en";
    public const string Hindi = "hi";
    public const string Tamil = "ta";

    public static IReadOnlyList<string> All { get; } = [English, Hindi, Tamil];

    /// <summary>How a person reads the allowed values in a refusal.</summary>
    public const string Described = "en (English), hi (Hindi) or ta (Tamil)";

    public static bool IsKnown(string? language) => language is not null && All.Contains(language);

    /// <summary>The code of a language as a caller or a setting may name it ("ta", "TA", "Tamil"); null when it is none of ours.</summary>
    public static string? Code(string? typed) => typed?.Trim().ToUpperInvariant() switch
    {
        "EN" or "ENGLISH" => English,
        "HI" or "HINDI" => Hindi,
        "TA" or "TAMIL" => Tamil,
        _ => null,
    };

    /// <summary>The patient's own language when the desk chose one, else the hospital's default.</summary>
    public static string For(string? patientLanguage, string defaultLanguage) => IsKnown(patientLanguage) ? patientLanguage! : defaultLanguage;

    /// <summary>The language in its own script, as the desk's choice and the record show it: a patient points at their own.</summary>
    public static string Name(string? code) => code switch
    {
        Hindi => "हिन्दी",
        Tamil => "தமிழ்",
        _ => "English",
    };

    /// <summary>How the admin page names a language: in its own script, with the English name beside it.</summary>
    public static string NameWithEnglish(string language) => language switch
    {
        Hindi => "हिन्दी (Hindi)",
        Tamil => "தமிழ் (Tamil)",
        _ => "English",
    };

    /// <summary>Dates are written the way each language's readers write them, "7 Jan", "7 जन॰", "7 ஜன.".</summary>
    public static System.Globalization.CultureInfo Culture(string language) => System.Globalization.CultureInfo.GetCultureInfo(language switch
    {
        Hindi => "hi-IN",
        Tamil => "ta-IN",
        _ => "en-IN",
    });

    /// <summary>"Room 101" in the patient's language, or "the doctor's room" when the doctor has none on record.</summary>
    public static string Room(string language, string? room) => (language, string.IsNullOrWhiteSpace(room)) switch
    {
        (Hindi, false) => $"कमरा {room}",
        (Hindi, true) => "डॉक्टर के कमरे",
        (Tamil, false) => $"அறை {room}",
        (Tamil, true) => "மருத்துவர் அறை",
        (_, false) => $"Room {room}",
        _ => "the doctor's room",
    };
}

using System.Globalization;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>What a patient reads after "I have arrived" or at the kiosk, in English, Hindi or Tamil.</summary>
public static class SelfCheckInWords
{
    public static readonly IReadOnlyList<string> Languages = ["en", "hi", "ta"];

    /// <summary>The kiosk's answer when no token has that label with that phone.</summary>
    public const string NotFound = nameof(NotFound);

    /// <summary>The name of a decision, as the kiosk's script and the page's address carry it.</summary>
    public static string Outcome(SelfCheckInDecision decision) => decision.GetType().Name;

    public static string For(SelfCheckInDecision decision, string? language) => decision switch
    {
        TooEarly early => Say(nameof(TooEarly), language, early.OpensAt.ToString("HH:mm", CultureInfo.InvariantCulture)),
        OtherDay other => Say(nameof(OtherDay), language, other.SlotDate.ToString("d MMM", CultureInfo.InvariantCulture)),
        _ => Say(Outcome(decision), language),
    };

    /// <summary>The words of an outcome by its name; {0} is the time or the date it needs.</summary>
    public static string Say(string outcome, string? language, string detail = "")
    {
        var words = Table.GetValueOrDefault(outcome) ?? Table[nameof(SeeTheDesk)];
        var text = language switch { "hi" => words.Hi, "ta" => words.Ta, _ => words.En };
        return string.Format(CultureInfo.InvariantCulture, text, detail);
    }

    public static IEnumerable<string> Outcomes => Table.Keys.Where(k => k is not (IHaveArrived or Sending));

    /// <summary>The kiosk's answer when the typed phone or token number cannot be read (too short, not a token number).</summary>
    public const string CheckTyped = nameof(CheckTyped);

    /// <summary>The patient page's button.</summary>
    public const string IHaveArrived = nameof(IHaveArrived);

    public const string Sending = nameof(Sending);

    private sealed record Words(string En, string Hi, string Ta);

    private static readonly Dictionary<string, Words> Table = new()
    {
        [nameof(CheckedIn)] = new(
            "You are checked in. Please wait to be called.",
            "आपका चेक-इन हो गया है। कृपया बुलाए जाने तक प्रतीक्षा करें।",
            "உங்கள் வருகை பதிவாகிவிட்டது. அழைக்கப்படும் வரை காத்திருக்கவும்."),
        [nameof(AlreadyHere)] = new(
            "You are already checked in. Please wait to be called.",
            "आपका चेक-इन पहले ही हो चुका है। कृपया बुलाए जाने तक प्रतीक्षा करें।",
            "உங்கள் வருகை ஏற்கனவே பதிவாகியுள்ளது. அழைக்கப்படும் வரை காத்திருக்கவும்."),
        [nameof(TooEarly)] = new(
            "It is too early to check in. Please check in from {0}.",
            "चेक-इन के लिए अभी जल्दी है। कृपया {0} से चेक-इन करें।",
            "வருகை பதிவுக்கு இன்னும் நேரம் உள்ளது. {0} முதல் பதிவு செய்யவும்."),
        [nameof(TooLate)] = new(
            "Your time slot is over. Please see the reception desk.",
            "आपका समय निकल चुका है। कृपया रिसेप्शन डेस्क पर जाएँ।",
            "உங்கள் நேரம் முடிந்துவிட்டது. வரவேற்பு மேசையை அணுகவும்."),
        [nameof(OtherDay)] = new(
            "This token is for {0}, not today. Please see the reception desk.",
            "यह टोकन {0} का है, आज का नहीं। कृपया रिसेप्शन डेस्क पर जाएँ।",
            "இந்த டோக்கன் {0} அன்றுக்கானது, இன்றைக்கு அல்ல. வரவேற்பு மேசையை அணுகவும்."),
        [nameof(WrongCode)] = new(
            "Please scan the QR code at the OPD entrance first.",
            "कृपया पहले ओपीडी प्रवेश द्वार पर लगा QR कोड स्कैन करें।",
            "முதலில் OPD நுழைவாயிலில் உள்ள QR குறியீட்டை ஸ்கேன் செய்யவும்."),
        [nameof(NotBooked)] = new(
            "This token has no visit left to check in for. Please see the reception desk.",
            "इस टोकन पर चेक-इन के लिए कोई मुलाकात बाकी नहीं है। कृपया रिसेप्शन डेस्क पर जाएँ।",
            "இந்த டோக்கனுக்கு பதிவு செய்ய வருகை எதுவும் இல்லை. வரவேற்பு மேசையை அணுகவும்."),
        [nameof(SeeTheDesk)] = new(
            "We cannot check you in here. Please see the reception desk.",
            "हम आपका चेक-इन यहाँ नहीं कर सकते। कृपया रिसेप्शन डेस्क पर जाएँ।",
            "இங்கே உங்கள் வருகையைப் பதிவு செய்ய இயலவில்லை. வரவேற்பு மேசையை அணுகவும்."),
        [CheckTyped] = new(
            "Please check the phone number and the token number on your slip (such as T014), or see the reception desk.",
            "कृपया फ़ोन नंबर और अपनी पर्ची का टोकन नंबर (जैसे T014) जाँचें, या रिसेप्शन डेस्क पर जाएँ।",
            "தொலைபேசி எண்ணையும் உங்கள் சீட்டில் உள்ள டோக்கன் எண்ணையும் (எ.கா. T014) சரிபார்க்கவும், அல்லது வரவேற்பு மேசையை அணுகவும்."),
        [IHaveArrived] = new("I have arrived", "मैं पहुँच गया हूँ", "நான் வந்துவிட்டேன்"),
        [Sending] = new("Checking in…", "चेक-इन हो रहा है…", "பதிவு செய்கிறது…"),
        [NotFound] = new(
            "We could not find this token with this phone number. Please check them, or see the reception desk.",
            "इस फ़ोन नंबर के साथ यह टोकन नहीं मिला। कृपया जाँचें, या रिसेप्शन डेस्क पर जाएँ।",
            "இந்த தொலைபேசி எண்ணுடன் இந்த டோக்கன் கிடைக்கவில்லை. சரிபார்க்கவும், அல்லது வரவேற்பு மேசையை அணுகவும்."),
    };
}

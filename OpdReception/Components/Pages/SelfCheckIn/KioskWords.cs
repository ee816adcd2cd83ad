using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace OpdReception.Components.Pages.SelfCheckIn;

/// <summary>The words of the entrance landing page and the kiosk, in English, Hindi and Tamil: one table for a translator.</summary>
public static class KioskWords
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    private static readonly Dictionary<string, (string En, string Hi, string Ta)> Table = new()
    {
        ["Welcome"] = ("Welcome", "स्वागत है", "வரவேற்கிறோம்"),
        ["ScanSlip"] = ("Now scan the QR code on your token slip with your phone camera, and tap “I have arrived” on your token page.",
            "अब अपनी टोकन पर्ची का QR कोड फ़ोन कैमरे से स्कैन करें, और अपने टोकन पेज पर “मैं पहुँच गया हूँ” दबाएँ।",
            "இப்போது உங்கள் டோக்கன் சீட்டில் உள்ள QR குறியீட்டை கைபேசி கேமராவால் ஸ்கேன் செய்து, டோக்கன் பக்கத்தில் “நான் வந்துவிட்டேன்” என்பதைத் தட்டவும்."),
        ["NotToday"] = ("This entrance code is not today's. Please scan the QR code at the OPD entrance again.",
            "यह प्रवेश कोड आज का नहीं है। कृपया ओपीडी प्रवेश द्वार का QR कोड फिर से स्कैन करें।",
            "இந்த நுழைவுக் குறியீடு இன்றையது அல்ல. OPD நுழைவாயிலில் உள்ள QR குறியீட்டை மீண்டும் ஸ்கேன் செய்யவும்."),
        ["Title"] = ("Check in for your token", "अपने टोकन के लिए चेक-इन करें", "உங்கள் டோக்கனுக்கு வருகையைப் பதிவு செய்யவும்"),
        ["ScanHint"] = ("Hold the QR code on your slip up to the camera", "अपनी पर्ची का QR कोड कैमरे के सामने रखें", "உங்கள் சீட்டின் QR குறியீட்டை கேமராவின் முன் காட்டவும்"),
        ["OrType"] = ("Or type your phone number and token number", "या अपना फ़ोन नंबर और टोकन नंबर लिखें", "அல்லது உங்கள் தொலைபேசி எண்ணையும் டோக்கன் எண்ணையும் உள்ளிடவும்"),
        ["Phone"] = ("Your phone number", "आपका फ़ोन नंबर", "உங்கள் தொலைபேசி எண்"),
        ["Label"] = ("Token number on your slip (such as T014)", "पर्ची पर टोकन नंबर (जैसे T014)", "சீட்டில் உள்ள டோக்கன் எண் (எ.கா. T014)"),
        ["Submit"] = ("Check in", "चेक-इन करें", "வருகையைப் பதிவு செய்"),
        ["Busy"] = ("Checking…", "जाँच हो रही है…", "சரிபார்க்கிறது…"),
        ["Again"] = ("This screen clears in a few seconds.", "यह स्क्रीन कुछ सेकंड में साफ़ हो जाएगी।", "இந்தத் திரை சில வினாடிகளில் அழியும்."),
        ["Offline"] = ("No connection. Please try again, or see the reception desk.", "कनेक्शन नहीं है। कृपया फिर से कोशिश करें, या रिसेप्शन डेस्क पर जाएँ।",
            "இணைப்பு இல்லை. மீண்டும் முயற்சிக்கவும், அல்லது வரவேற்பு மேசையை அணுகவும்."),
        ["TooMany"] = ("Too many tries. Please wait a minute, or see the reception desk.", "बहुत सारे प्रयास। कृपया एक मिनट रुकें, या रिसेप्शन डेस्क पर जाएँ।",
            "அதிக முயற்சிகள். ஒரு நிமிடம் காத்திருக்கவும், அல்லது வரவேற்பு மேசையை அணுகவும்."),
        ["TryAgain"] = ("Try again", "फिर से कोशिश करें", "மீண்டும் முயற்சிக்கவும்"),
        ["Refused"] = ("We cannot check you in here. Please see the reception desk.", "हम आपका चेक-इन यहाँ नहीं कर सकते। कृपया रिसेप्शन डेस्क पर जाएँ।",
            "இங்கே உங்கள் வருகையைப் பதிவு செய்ய இயலவில்லை. வரவேற்பு மேசையை அணுகவும்."),
        ["NotSetUp"] = ("This kiosk is not set up. Please see the reception desk.", "यह कियोस्क चालू नहीं है। कृपया रिसेप्शन डेस्क पर जाएँ।",
            "இந்தக் கியோஸ்க் அமைக்கப்படவில்லை. வரவேற்பு மேசையை அணுகவும்."),
        ["EntranceScan"] = ("Scan with your phone camera to check in", "चेक-इन के लिए अपने फ़ोन कैमरे से स्कैन करें", "வருகையைப் பதிவு செய்ய உங்கள் கைபேசி கேமராவால் ஸ்கேன் செய்யவும்"),
        ["Next"] = ("You are next.", "अगली बारी आपकी है।", "அடுத்தது நீங்கள்."),
        ["OneBefore"] = ("1 patient before you.", "आपसे पहले 1 मरीज़ है।", "உங்களுக்கு முன் 1 நோயாளி உள்ளார்."),
        ["ManyBefore"] = ("{0} patients before you.", "आपसे पहले {0} मरीज़ हैं।", "உங்களுக்கு முன் {0} நோயாளிகள் உள்ளனர்."),
        ["Expected"] = ("Expected {0}.", "अनुमानित समय {0}।", "எதிர்பார்க்கப்படும் நேரம் {0}."),
        ["Room"] = ("Room {0}", "कमरा {0}", "அறை {0}"),
    };

    public static string Say(string language, string key, params object?[] args)
    {
        return string.Format(CultureInfo.InvariantCulture, Raw(language, Table[key]), args);
    }

    /// <summary>Every word in every language, for the kiosk's script to swap (it words nothing itself).</summary>
    public static string AllJson() => JsonSerializer.Serialize(
        Services.SelfCheckInWords.Languages.ToDictionary(l => l, l => Table.ToDictionary(w => w.Key, w => Raw(l, w.Value))), Json);

    private static string Raw(string language, (string En, string Hi, string Ta) words) =>
        language switch { "hi" => words.Hi, "ta" => words.Ta, _ => words.En };

    /// <summary>The patient's place and estimate, never their name.</summary>
    public static string Place(string language, int? position, DateTime? estimate, string? room, DateTime? from = null, DateTime? to = null)
    {
        var parts = new List<string>();
        if (room is not null)
        {
            parts.Add(Say(language, "Room", room));
        }

        if (position is { } p)
        {
            parts.Add(p switch { 1 => Say(language, "Next"), 2 => Say(language, "OneBefore"), _ => Say(language, "ManyBefore", p - 1) });
        }

        if (estimate is { } eta)
        {
            parts.Add(Say(language, "Expected", Domain.TimeRangeWords.About(language, eta, from, to)));
        }

        return string.Join(" · ", parts);
    }
}

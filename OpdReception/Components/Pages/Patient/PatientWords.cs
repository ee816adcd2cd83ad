using System.Globalization;
using System.Text.RegularExpressions;
using OpdReception.Domain;

namespace OpdReception.Components.Pages.Patient;

public enum Word
{
    YourToken, Title, Room, Slot, GoInNow, GoInNowNoRoom, ForDay, YouAreNext, OneBefore, ManyBefore, NoPlace, Expected, CheckIn,
    Seen, Absent, Cancelled, LateNote, RunningLate, OnBreak, Updated, Live, Offline, NotAvailable, NotAvailableDetail,
    Messages, MessagesOn, MessagesOff, StopMessages, ResumeMessages, Sending, FeedbackQuestion, Score1, Score2, Score3,
    Score4, Score5, Comment, Send, FeedbackThanks, NotSeenYet, AlreadyAnswered, NoScore, CommentTooLong,
}

/// <summary>
/// Every word the patient's page says, in English, Hindi and Tamil: one table, so a translator reads it in one place.
/// Doctors' names, rooms and token numbers are shown as the hospital wrote them.
/// </summary>
public static partial class PatientWords
{
    private static readonly Dictionary<Word, (string En, string Hi, string Ta)> Table = new()
    {
        [Word.YourToken] = ("Your token", "आपका टोकन", "உங்கள் டோக்கன்"),
        [Word.Title] = ("Token {0}", "टोकन {0}", "டோக்கன் {0}"),
        [Word.Room] = ("Room {0}", "कमरा {0}", "அறை {0}"),
        [Word.Slot] = ("slot {0}", "समय {0}", "நேரம் {0}"),
        [Word.GoInNow] = ("Please go in now — Room {0}", "कृपया अभी अंदर जाएँ — कमरा {0}", "தயவுசெய்து இப்போது உள்ளே செல்லுங்கள் — அறை {0}"),
        [Word.GoInNowNoRoom] = ("Please go in now", "कृपया अभी अंदर जाएँ", "தயவுசெய்து இப்போது உள்ளே செல்லுங்கள்"),
        [Word.ForDay] = ("Your token is for {0}. Your place in the queue shows on the day.", "आपका टोकन {0} के लिए है। कतार में आपकी जगह उसी दिन दिखेगी।",
            "உங்கள் டோக்கன் {0} அன்றுக்கானது. வரிசையில் உங்கள் இடம் அன்று காட்டப்படும்."),
        [Word.YouAreNext] = ("You are next.", "अगली बारी आपकी है।", "அடுத்தது நீங்கள்."),
        [Word.OneBefore] = ("1 patient before you.", "आपसे पहले 1 मरीज़ है।", "உங்களுக்கு முன் 1 நோயாளி உள்ளார்."),
        [Word.ManyBefore] = ("{0} patients before you.", "आपसे पहले {0} मरीज़ हैं।", "உங்களுக்கு முன் {0} நோயாளிகள் உள்ளனர்."),
        [Word.NoPlace] = ("Waiting for a new slot: please see the reception desk.", "नए समय की प्रतीक्षा: कृपया रिसेप्शन पर मिलें।",
            "புதிய நேரத்திற்காகக் காத்திருக்கிறது: தயவுசெய்து வரவேற்பு மேசையை அணுகவும்."),
        [Word.Expected] = ("Expected", "अनुमानित समय", "எதிர்பார்க்கப்படும் நேரம்"),
        [Word.CheckIn] = ("Please check in at the reception desk when you arrive.", "पहुँचने पर कृपया रिसेप्शन पर अपनी हाज़िरी लगवाएँ।",
            "வந்தவுடன் வரவேற்பு மேசையில் உங்கள் வருகையைப் பதிவு செய்யுங்கள்."),
        [Word.Seen] = ("Seen. Thank you.", "आपका परामर्श हो गया। धन्यवाद।", "உங்கள் ஆலோசனை முடிந்தது. நன்றி."),
        [Word.Absent] = ("You were called and not found. Please see the reception desk.", "आपको बुलाया गया पर आप नहीं मिले। कृपया रिसेप्शन पर मिलें।",
            "உங்களை அழைத்தோம், நீங்கள் இல்லை. தயவுசெய்து வரவேற்பு மேசையை அணுகவும்."),
        [Word.Cancelled] = ("This token was cancelled. Please see the reception desk.", "यह टोकन रद्द कर दिया गया है। कृपया रिसेप्शन पर मिलें।",
            "இந்த டோக்கன் ரத்து செய்யப்பட்டது. தயவுசெய்து வரவேற்பு மேசையை அணுகவும்."),
        [Word.LateNote] = ("{0}: {1}. Your time above already includes it.", "{0}: {1}। ऊपर दिया गया समय इसे जोड़कर है।",
            "{0}: {1}. மேலே உள்ள நேரம் இதைச் சேர்த்தே கணக்கிடப்பட்டது."),
        [Word.RunningLate] = ("running {0} min late", "{0} मिनट देर से चल रहे हैं", "{0} நிமிடம் தாமதமாக உள்ளார்"),
        [Word.OnBreak] = ("on a break, back at {0}", "विराम पर हैं, {0} बजे लौटेंगे", "இடைவேளையில் உள்ளார், {0} மணிக்குத் திரும்புவார்"),
        [Word.Updated] = ("Updated {0}", "{0} पर अद्यतन", "{0} மணிக்குப் புதுப்பிக்கப்பட்டது"),
        [Word.Live] = ("Updates by itself", "अपने आप अद्यतन होता है", "தானாகப் புதுப்பிக்கப்படும்"),
        [Word.Offline] = ("No connection. Showing what we last knew; it will catch up by itself.", "कनेक्शन नहीं है। अंतिम जानकारी दिखाई जा रही है; यह अपने आप अद्यतन होगा।",
            "இணைப்பு இல்லை. கடைசியாகத் தெரிந்தது காட்டப்படுகிறது; இது தானாகப் புதுப்பிக்கப்படும்."),
        [Word.NotAvailable] = ("This token page is not available", "यह टोकन पेज उपलब्ध नहीं है", "இந்த டோக்கன் பக்கம் கிடைக்கவில்லை"),
        [Word.NotAvailableDetail] = ("It works on the day of the token only. Please ask at the reception desk.", "यह केवल टोकन के दिन काम करता है। कृपया रिसेप्शन पर पूछें।",
            "இது டோக்கன் உள்ள நாளில் மட்டுமே செயல்படும். தயவுசெய்து வரவேற்பு மேசையில் கேளுங்கள்."),
        [Word.Messages] = ("Messages", "संदेश", "செய்திகள்"),
        [Word.MessagesOn] = ("We send you messages about your turn.", "हम आपकी बारी के बारे में आपको संदेश भेजते हैं।", "உங்கள் முறை பற்றி உங்களுக்குச் செய்திகள் அனுப்புகிறோம்."),
        [Word.MessagesOff] = ("You asked for no messages. This page still shows your turn.", "आपने संदेश बंद करवाए हैं। यह पेज आपकी बारी दिखाता रहेगा।",
            "செய்திகள் வேண்டாம் என்று கேட்டுள்ளீர்கள். இந்தப் பக்கம் உங்கள் முறையைக் காட்டும்."),
        [Word.StopMessages] = ("Stop messages", "संदेश बंद करें", "செய்திகளை நிறுத்து"),
        [Word.ResumeMessages] = ("Send me messages again", "मुझे फिर से संदेश भेजें", "மீண்டும் எனக்குச் செய்திகள் அனுப்பு"),
        [Word.Sending] = ("Sending…", "भेजा जा रहा है…", "அனுப்பப்படுகிறது…"),
        [Word.FeedbackQuestion] = ("How was your visit?", "आपका अनुभव कैसा रहा?", "உங்கள் வருகை எப்படி இருந்தது?"),
        [Word.Score1] = ("1 · Very poor", "1 · बहुत खराब", "1 · மிக மோசம்"),
        [Word.Score2] = ("2 · Poor", "2 · खराब", "2 · மோசம்"),
        [Word.Score3] = ("3 · Fair", "3 · ठीक-ठाक", "3 · பரவாயில்லை"),
        [Word.Score4] = ("4 · Good", "4 · अच्छा", "4 · நன்று"),
        [Word.Score5] = ("5 · Very good", "5 · बहुत अच्छा", "5 · மிக நன்று"),
        [Word.Comment] = ("Anything to tell us? (optional)", "कुछ कहना चाहेंगे? (वैकल्पिक)", "ஏதேனும் சொல்ல விரும்புகிறீர்களா? (விருப்பம் இருந்தால்)"),
        [Word.Send] = ("Send", "भेजें", "அனுப்பு"),
        [Word.FeedbackThanks] = ("Thank you for your answer: {0} of 5.", "आपके उत्तर के लिए धन्यवाद: 5 में से {0}।", "உங்கள் பதிலுக்கு நன்றி: 5க்கு {0}."),
        [Word.NotSeenYet] = ("You can answer after your consultation.", "आप परामर्श के बाद उत्तर दे सकते हैं।", "ஆலோசனைக்குப் பிறகு பதில் அளிக்கலாம்."),
        [Word.AlreadyAnswered] = ("You have already answered for this visit. Thank you.", "आप इस मुलाक़ात के लिए पहले ही उत्तर दे चुके हैं। धन्यवाद।",
            "இந்த வருகைக்கு நீங்கள் ஏற்கனவே பதில் அளித்துவிட்டீர்கள். நன்றி."),
        [Word.NoScore] = ("Please choose a number from 1 to 5.", "कृपया 1 से 5 में से एक अंक चुनें।", "தயவுசெய்து 1 முதல் 5 வரை ஒரு எண்ணைத் தேர்வு செய்யுங்கள்."),
        [Word.CommentTooLong] = ("Please keep the comment under 500 characters.", "कृपया टिप्पणी 500 अक्षरों से कम रखें।", "கருத்தை 500 எழுத்துகளுக்குள் வைத்திருங்கள்."),
    };

    public static string Say(string language, Word word, params object?[] args)
    {
        var (en, hi, ta) = Table[word];
        var text = language switch { "hi" => hi, "ta" => ta, _ => en };
        return args.Length == 0 ? text : string.Format(CultureInfo.InvariantCulture, text, args);
    }

    public static string Position(string language, int? position) => position switch
    {
        null => Say(language, Word.NoPlace),
        1 => Say(language, Word.YouAreNext),
        2 => Say(language, Word.OneBefore),
        var n => Say(language, Word.ManyBefore, n - 1),
    };

    public static Word Refusal(FeedbackRefusal reason) => reason switch
    {
        FeedbackRefusal.NotSeenYet => Word.NotSeenYet,
        FeedbackRefusal.AlreadyAnswered => Word.AlreadyAnswered,
        FeedbackRefusal.NoScore => Word.NoScore,
        FeedbackRefusal.CommentTooLong => Word.CommentTooLong,
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    /// <summary>
    /// The doctor's notice as the console wrote it ("Running 25 min late", "On a break, back at 11:15"), in the
    /// patient's words; a notice the desk wrote in its own words is shown as written.
    /// </summary>
    public static string Notice(string language, string notice)
    {
        if (Late().Match(notice) is { Success: true } late)
        {
            return Say(language, Word.RunningLate, late.Groups[1].Value);
        }

        if (Break().Match(notice) is { Success: true } back)
        {
            return Say(language, Word.OnBreak, back.Groups[1].Value);
        }

        return language == "en" ? notice.ToLowerInvariant() : notice;
    }

    [GeneratedRegex(@"^Running (\d+) min late$")]
    private static partial Regex Late();

    [GeneratedRegex(@"^On a break, back at (\d\d:\d\d)$")]
    private static partial Regex Break();
}

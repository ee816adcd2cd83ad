namespace OpdReception.Domain;

/// <summary>
/// Which template a message is written from. One per event, except that a cancellation for a doctor's leave has its
/// own wording ("please call the desk"): under India's DLT rules a gateway needs one registered template per wording.
/// </summary>
public enum MessageKind { TokenIssued, TurnNear, Delayed, Moved, Cancelled, CancelledDoctorAway, Called }

public static class MessageTemplates
{
    /// <summary>The event a kind of message is sent as (the webhook's "event").</summary>
    public static PatientMessageEvent Event(MessageKind kind) => kind switch
    {
        MessageKind.TokenIssued => PatientMessageEvent.TokenIssued,
        MessageKind.TurnNear => PatientMessageEvent.TurnNear,
        MessageKind.Delayed => PatientMessageEvent.Delayed,
        MessageKind.Moved => PatientMessageEvent.Moved,
        MessageKind.Cancelled or MessageKind.CancelledDoctorAway => PatientMessageEvent.Cancelled,
        _ => PatientMessageEvent.Called,
    };

    /// <summary>How the admin page names a kind.</summary>
    public static string Title(MessageKind kind) => kind switch
    {
        MessageKind.TokenIssued => "Token issued",
        MessageKind.TurnNear => "Turn is near",
        MessageKind.Delayed => "Doctor running late",
        MessageKind.Moved => "Moved to another slot",
        MessageKind.Cancelled => "Cancelled",
        MessageKind.CancelledDoctorAway => "Cancelled: doctor on leave",
        _ => "Called in",
    };

    /// <summary>The placeholders every message may use.</summary>
    private static readonly string[] Common = ["label", "doctor", "room", "date", "time", "hospital", "link", "deskPhone"];

    /// <summary>What a template of this kind may say: a name outside it has no value when the message is written.</summary>
    public static IReadOnlyList<string> Placeholders(MessageKind kind) => kind switch
    {
        MessageKind.Cancelled or MessageKind.CancelledDoctorAway => [.. Common, "reason"],
        MessageKind.Delayed => [.. Common, "range", "minutes"],
        MessageKind.TurnNear or MessageKind.Moved => [.. Common, "range"],
        _ => Common,
    };

    /// <summary>What each placeholder stands for, on the admin page.</summary>
    public static string Meaning(string placeholder) => placeholder switch
    {
        "label" => "the token as printed, A014",
        "doctor" => "the doctor's name",
        "room" => "\"Room 101\" in the patient's language",
        "date" => "the day of the visit, 7 Jan",
        "time" => "the slot's start (issued), else the expected time",
        "range" => "the expected time with its range, \"about 11:20 (11:10–11:35)\" in the patient's language",
        "hospital" => "the hospital's name",
        "link" => "the patient's own page",
        "deskPhone" => "the desk's phone",
        "reason" => "why, in plain words",
        "minutes" => "how many minutes later than last told",
        _ => placeholder,
    };

    /// <summary>The texts a hospital starts with; an admin's saved text replaces one, "reset" brings it back.</summary>
    public static string Default(MessageKind kind, string language) => Defaults[(kind, MessageLanguages.IsKnown(language) ? language : MessageLanguages.English)];

    private static readonly Dictionary<(MessageKind, string), string> Defaults = new()
    {
        [(MessageKind.TokenIssued, "en")] = "{hospital}: token {label} with {doctor}, {date}, session from {time}. Follow your turn: {link}",
        [(MessageKind.TokenIssued, "hi")] = "{hospital}: {doctor} के साथ आपका टोकन {label}, {date}, सत्र {time} से। अपनी बारी यहाँ देखें: {link}",
        [(MessageKind.TokenIssued, "ta")] = "{hospital}: {doctor} அவர்களிடம் உங்கள் டோக்கன் {label}, {date}, {time} முதல். உங்கள் முறையை இங்கே பாருங்கள்: {link}",

        [(MessageKind.TurnNear, "en")] = "{hospital}: your turn is near. Token {label}, {doctor}, expected {range}. Please be near {room}.",
        [(MessageKind.TurnNear, "hi")] = "{hospital}: आपकी बारी नज़दीक है। टोकन {label}, {doctor}, {range} बजे। कृपया {room} के पास रहें।",
        [(MessageKind.TurnNear, "ta")] = "{hospital}: உங்கள் முறை நெருங்குகிறது. டோக்கன் {label}, {doctor}, {range} மணிக்கு. தயவுசெய்து {room} அருகில் இருங்கள்.",

        [(MessageKind.Delayed, "en")] = "{hospital}: {doctor} is running late. Token {label} is now expected {range}, {minutes} min later than before. Sorry for the wait.",
        [(MessageKind.Delayed, "hi")] = "{hospital}: {doctor} को देर हो रही है। टोकन {label} अब {range} बजे, पहले से {minutes} मिनट बाद। इंतज़ार के लिए खेद है।",
        [(MessageKind.Delayed, "ta")] = "{hospital}: {doctor} தாமதமாக உள்ளார். டோக்கன் {label} இப்போது {range} மணிக்கு, முன்பைவிட {minutes} நிமிடம் தாமதம். காத்திருப்புக்கு வருந்துகிறோம்.",

        [(MessageKind.Moved, "en")] = "{hospital}: your visit has moved. New token {label} with {doctor}, {date}, expected {range}. Follow your turn: {link}",
        [(MessageKind.Moved, "hi")] = "{hospital}: आपकी मुलाक़ात बदल गई है। नया टोकन {label}, {doctor}, {date}, {range} बजे। अपनी बारी यहाँ देखें: {link}",
        [(MessageKind.Moved, "ta")] = "{hospital}: உங்கள் சந்திப்பு மாற்றப்பட்டது. புதிய டோக்கன் {label}, {doctor}, {date}, {range} மணிக்கு. உங்கள் முறையை இங்கே பாருங்கள்: {link}",

        [(MessageKind.Cancelled, "en")] = "{hospital}: token {label} with {doctor} on {date} is cancelled: {reason}.",
        [(MessageKind.Cancelled, "hi")] = "{hospital}: {doctor} के साथ {date} का टोकन {label} रद्द कर दिया गया है: {reason}।",
        [(MessageKind.Cancelled, "ta")] = "{hospital}: {date} அன்று {doctor} அவர்களிடம் டோக்கன் {label} ரத்து செய்யப்பட்டது: {reason}.",

        [(MessageKind.CancelledDoctorAway, "en")] = "{hospital}: {doctor} is on leave, so token {label} on {date} is cancelled. Please call the desk on {deskPhone} for a new time.",
        [(MessageKind.CancelledDoctorAway, "hi")] = "{hospital}: {doctor} छुट्टी पर हैं, इसलिए {date} का टोकन {label} रद्द है। नए समय के लिए कृपया डेस्क को {deskPhone} पर फ़ोन करें।",
        [(MessageKind.CancelledDoctorAway, "ta")] = "{hospital}: {doctor} விடுப்பில் உள்ளார், எனவே {date} டோக்கன் {label} ரத்து. புதிய நேரத்திற்கு {deskPhone} என்ற எண்ணில் வரவேற்பை அழைக்கவும்.",

        [(MessageKind.Called, "en")] = "{hospital}: token {label}, please go to {room} now.",
        [(MessageKind.Called, "hi")] = "{hospital}: टोकन {label}, कृपया अभी {room} में जाएँ।",
        [(MessageKind.Called, "ta")] = "{hospital}: டோக்கன் {label}, தயவுசெய்து இப்போதே {room}க்கு செல்லுங்கள்.",
    };
}

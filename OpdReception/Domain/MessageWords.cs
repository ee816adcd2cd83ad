namespace OpdReception.Domain;

/// <summary>Patient messages in a receptionist's and an admin's words, never the enum names.</summary>
public static class MessageWords
{
    public static string Event(PatientMessageEvent e) => e switch
    {
        PatientMessageEvent.TokenIssued => "Token issued",
        PatientMessageEvent.TurnNear => "Turn is near",
        PatientMessageEvent.Delayed => "Running late",
        PatientMessageEvent.Moved => "Token moved",
        PatientMessageEvent.Cancelled => "Token cancelled",
        PatientMessageEvent.Called => "Called in",
        _ => e.ToString(),
    };

    /// <summary>An email's subject words, in the message's own language: a Hindi reader gets a Hindi subject.</summary>
    public static string Subject(PatientMessageEvent e, string language) => (e, language) switch
    {
        (PatientMessageEvent.TokenIssued, MessageLanguages.Hindi) => "टोकन जारी हुआ",
        (PatientMessageEvent.TurnNear, MessageLanguages.Hindi) => "आपकी बारी नज़दीक है",
        (PatientMessageEvent.Delayed, MessageLanguages.Hindi) => "डॉक्टर को देर हो रही है",
        (PatientMessageEvent.Moved, MessageLanguages.Hindi) => "मुलाक़ात बदल गई",
        (PatientMessageEvent.Cancelled, MessageLanguages.Hindi) => "टोकन रद्द",
        (PatientMessageEvent.Called, MessageLanguages.Hindi) => "अभी अंदर आइए",
        (PatientMessageEvent.TokenIssued, MessageLanguages.Tamil) => "டோக்கன் வழங்கப்பட்டது",
        (PatientMessageEvent.TurnNear, MessageLanguages.Tamil) => "உங்கள் முறை நெருங்குகிறது",
        (PatientMessageEvent.Delayed, MessageLanguages.Tamil) => "மருத்துவர் தாமதம்",
        (PatientMessageEvent.Moved, MessageLanguages.Tamil) => "சந்திப்பு மாற்றப்பட்டது",
        (PatientMessageEvent.Cancelled, MessageLanguages.Tamil) => "டோக்கன் ரத்து",
        (PatientMessageEvent.Called, MessageLanguages.Tamil) => "இப்போது உள்ளே வாருங்கள்",
        _ => Event(e),
    };

    public static string Channel(MessageChannel c) => c switch
    {
        MessageChannel.Webhook => "SMS / WhatsApp",
        MessageChannel.Email => "Email",
        _ => c.ToString(),
    };

    /// <param name="notSetUp">Why its channel cannot send at all (no URL or mail server set), if so.</param>
    public static string State(MessageState state, string? lastError, string? notSetUp = null) => state switch
    {
        MessageState.Queued when notSetUp is not null => $"Message waiting to be sent: {notSetUp}",
        MessageState.Queued when lastError is not null => $"Message waiting to be sent again (last try: {lastError})",
        MessageState.Queued => "Message waiting to be sent",
        MessageState.Sending => "Message being sent",
        MessageState.Sent => "Message sent",
        MessageState.Delivered => "Message delivered to the patient",
        MessageState.Failed => $"Message failed: {lastError ?? "no reason was given"}",
        MessageState.Skipped => lastError ?? "Message not sent: the patient asked for no messages",
        _ => state.ToString(),
    };

    /// <summary>An email name shorter than this is hidden whole: showing two of its letters would show most of it.</summary>
    private const int ShortestNameShown = 6;

    /// <summary>A phone shown with all but its last 4 digits hidden; an email with its name hidden, always.</summary>
    public static string Masked(string recipient)
    {
        var text = recipient.Trim();
        var at = text.IndexOf('@');
        if (at > 0)
        {
            // An email keeps its domain, which says nothing about the patient, and the last two characters of a name
            // long enough that most of it stays hidden; a short name ("hb") would otherwise be shown whole.
            var name = text[..at];
            return name.Length >= ShortestNameShown
                ? $"{new string('•', name.Length - 2)}{name[^2..]}{text[at..]}"
                : $"••••{text[at..]}";
        }

        var digits = text.Count(char.IsDigit);
        return digits <= 4 ? text : $"••••••{new string(text.Where(char.IsDigit).ToArray())[^4..]}";
    }
}

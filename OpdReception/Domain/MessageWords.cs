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
        MessageState.Skipped => "Message not sent: the patient asked for no messages",
        _ => state.ToString(),
    };

    /// <summary>A phone or email shown with all but its last 4 characters hidden.</summary>
    public static string Masked(string recipient)
    {
        var text = recipient.Trim();
        var at = text.IndexOf('@');
        if (at > 0)
        {
            // An email keeps its domain, which says nothing about the patient, and the last characters before it.
            var name = text[..at];
            return $"{new string('•', Math.Max(0, name.Length - 2))}{name[Math.Max(0, name.Length - 2)..]}{text[at..]}";
        }

        var digits = text.Count(char.IsDigit);
        return digits <= 4 ? text : $"••••••{new string(text.Where(char.IsDigit).ToArray())[^4..]}";
    }
}

namespace OpdReception.Domain;

/// <summary>A change to a token that a patient may hear about.</summary>
public abstract record MessageCause;

public sealed record TokenWasIssued : MessageCause;

/// <summary>Called in, by call next, a chosen token, or a recall.</summary>
public sealed record TokenWasCalled : MessageCause;

public sealed record TokenWasCancelled(CancelCause Why) : MessageCause;

/// <param name="Expected">The new estimate in the slot the token moved to.</param>
/// <param name="From">The early end of the range told with the estimate ("11:10–11:35"); null while none is known.</param>
/// <param name="To">The range's late end.</param>
public sealed record TokenWasMoved(DateTime? Expected, DateTime? From = null, DateTime? To = null) : MessageCause;

/// <param name="MinutesLater">How much later than the patient was last told.</param>
public sealed record TokenWasDelayed(DateTime Expected, int MinutesLater, DateTime? From = null, DateTime? To = null) : MessageCause;

public sealed record TurnIsNear(DateTime? Expected, DateTime? From = null, DateTime? To = null) : MessageCause;

/// <summary>Why a token was cancelled, as the patient is told it.</summary>
public abstract record CancelCause;

public sealed record PatientAsked : CancelCause;

/// <param name="Reason">The desk's own words, as typed in the cancel dialog.</param>
public sealed record DeskCancelled(string? Reason) : CancelCause;

/// <summary>The token's slot was cancelled and no other slot took it.</summary>
public sealed record SlotCancelled : CancelCause;

/// <summary>The doctor's leave cancelled the slot and no other slot took the patient.</summary>
public sealed record DoctorOnLeave : CancelCause;

/// <summary>The same patient came as an emergency: their booking gave way to the token they now hold.</summary>
public sealed record ReplacedByEmergency : CancelCause;

/// <summary>The end-of-day sweep closed the day at night with the patient unseen.</summary>
public sealed record OpdClosed : CancelCause;

/// <summary>How a patient can be reached, as the record stands at the change.</summary>
public sealed record ContactFacts(string? Phone, string? Email, string? Language, bool OptedOut);

public abstract record MessageDecision;

public sealed record NoMessage(string Why) : MessageDecision;

/// <summary>One row per channel; all Skipped when the patient opted out, and then a line in the token's history says so.</summary>
public sealed record MessagesDue(MessageKind Kind, string Language, IReadOnlyList<MessageTo> To, bool OptedOut) : MessageDecision;

public sealed record MessageTo(MessageChannel Channel, string Recipient, MessageState State);

/// <summary>What a message says besides its template: the token, doctor and visit as they stand after the change.</summary>
public sealed record MessageFacts(
    string Label, string Doctor, string? Room, DateOnly Date, TimeOnly SlotStart, string Link, string Hospital, string DeskPhone);

/// <summary>Which messages a change causes, to whom, in which language, and with which words in the template's places.</summary>
public static class MessageRules
{
    public const string SkippedAction = "MessageSkipped";

    public static MessageDecision Decide(MessageCause cause, ContactFacts contact, string defaultLanguage)
    {
        if (KindOf(cause) is not { } kind)
        {
            return new NoMessage(cause is TokenWasCancelled { Why: ReplacedByEmergency }
                ? "The patient holds the emergency token that replaced this booking."
                : "The day closed unseen at night; the desk's morning list covers it.");
        }

        var state = contact.OptedOut ? MessageState.Skipped : MessageState.Queued;
        var to = new List<MessageTo>();
        if (!string.IsNullOrWhiteSpace(contact.Phone))
        {
            to.Add(new MessageTo(MessageChannel.Webhook, contact.Phone.Trim(), state));
        }

        if (!string.IsNullOrWhiteSpace(contact.Email))
        {
            to.Add(new MessageTo(MessageChannel.Email, contact.Email.Trim(), state));
        }

        return to.Count == 0
            ? new NoMessage("No phone or email on record.")
            : new MessagesDue(kind, MessageLanguages.For(contact.Language, defaultLanguage), to, contact.OptedOut);
    }

    /// <summary>
    /// What a status change tells the patient: called in, or cancelled and why. Checking in, completing and no-shows
    /// tell nothing (the patient is at the desk, in the room, or gone).
    /// </summary>
    public static MessageCause? ForStatusChange(TokenStatus from, TokenStatus to, CancelCause why) => (from, to) switch
    {
        (TokenStatus.Booked or TokenStatus.Waiting, TokenStatus.InConsultation) => new TokenWasCalled(),
        (not TokenStatus.Cancelled, TokenStatus.Cancelled) => new TokenWasCancelled(why),
        _ => null,
    };

    public static MessageKind? KindOf(MessageCause cause) => cause switch
    {
        TokenWasIssued => MessageKind.TokenIssued,
        TokenWasCalled => MessageKind.Called,
        TokenWasMoved => MessageKind.Moved,
        TokenWasDelayed => MessageKind.Delayed,
        TurnIsNear => MessageKind.TurnNear,
        TokenWasCancelled { Why: DoctorOnLeave } => MessageKind.CancelledDoctorAway,
        TokenWasCancelled { Why: ReplacedByEmergency or OpdClosed } => null,
        TokenWasCancelled => MessageKind.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(cause), cause, "Unknown cause."),
    };

    /// <summary>The value of every placeholder, in the patient's language.</summary>
    public static IReadOnlyDictionary<string, string> Values(MessageCause cause, MessageFacts facts, string language)
    {
        var culture = MessageLanguages.Culture(language);
        var (time, from, to) = cause switch
        {
            TokenWasMoved { Expected: { } at } moved => (at, moved.From, moved.To),
            TokenWasDelayed delayed => (delayed.Expected, delayed.From, delayed.To),
            TurnIsNear { Expected: { } at } near => (at, near.From, near.To),
            _ => (facts.Date.ToDateTime(facts.SlotStart), (DateTime?)null, (DateTime?)null),
        };
        var values = new Dictionary<string, string>
        {
            ["label"] = facts.Label,
            ["doctor"] = facts.Doctor,
            ["room"] = MessageLanguages.Room(language, facts.Room),
            ["date"] = facts.Date.ToString("d MMM", culture),
            ["time"] = time.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            ["hospital"] = facts.Hospital,
            ["link"] = facts.Link,
            ["deskPhone"] = facts.DeskPhone,
        };
        if (cause is TokenWasMoved or TokenWasDelayed or TurnIsNear)
        {
            values["range"] = TimeRangeWords.About(language, time, from, to);
        }

        if (cause is TokenWasDelayed { MinutesLater: var minutes })
        {
            values["minutes"] = minutes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (cause is TokenWasCancelled { Why: var why })
        {
            values["reason"] = Reason(why, language);
        }

        return values;
    }

    /// <summary>Why, in plain words: the desk's own words when it typed them, else the cause in the patient's language.</summary>
    public static string Reason(CancelCause why, string language) => (why, language) switch
    {
        (DeskCancelled { Reason: { } typed }, _) when !string.IsNullOrWhiteSpace(typed) => typed.Trim(),
        (PatientAsked, MessageLanguages.Hindi) => "आपके अनुरोध पर",
        (PatientAsked, MessageLanguages.Tamil) => "உங்கள் கோரிக்கையின்படி",
        (PatientAsked, _) => "as you asked",
        (SlotCancelled, MessageLanguages.Hindi) => "डॉक्टर का सत्र रद्द हो गया",
        (SlotCancelled, MessageLanguages.Tamil) => "மருத்துவரின் அமர்வு ரத்து செய்யப்பட்டது",
        (SlotCancelled, _) => "the doctor's session was cancelled",
        (DoctorOnLeave, MessageLanguages.Hindi) => "डॉक्टर छुट्टी पर हैं",
        (DoctorOnLeave, MessageLanguages.Tamil) => "மருத்துவர் விடுப்பில் உள்ளார்",
        (DoctorOnLeave, _) => "the doctor is on leave",
        (_, MessageLanguages.Hindi) => "रिसेप्शन डेस्क द्वारा",
        (_, MessageLanguages.Tamil) => "வரவேற்பு மேசையால்",
        _ => "by the reception desk",
    };

    /// <summary>The token history's line for a message not sent because the patient asked for none.</summary>
    public static string SkippedNote(MessageKind kind) =>
        $"Message not sent ({MessageTemplates.Title(kind).ToLowerInvariant()}): the patient asked for no messages";
}

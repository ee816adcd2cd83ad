using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using OpdReception.Domain;
using OpdReception.Services;

namespace OpdReception.Components.Pages.Patient;

/// <summary>
/// What the patient's page shows, in the patient's words: the server renders it into the page and sends the same
/// fields as the page's live state (<see cref="Json"/>), so the page's script only swaps texts and never words its own.
/// </summary>
/// <param name="State">The state's name for the page's colours: booked, waiting, called, seen, absent or cancelled.</param>
/// <param name="Fields">Each text of the page by its key; null hides it (an estimate once called, a notice once over).</param>
/// <param name="Shape">Which forms the page holds: when it changes (the visit completed, messages stopped elsewhere) the page is loaded again.</param>
public sealed record PatientPageView(string Language, string State, IReadOnlyDictionary<string, string?> Fields, string Shape, PatientTokenPage Token)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // Hindi and Tamil as themselves, a third of the bytes of \u escapes; HTML-sensitive characters stay escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public string? this[string key] => Fields.GetValueOrDefault(key);

    public string Say(Word word, params object?[] args) => PatientWords.Say(Language, word, args);

    public bool AsksFeedback => Token.Status == TokenStatus.Completed && Token.FeedbackScore is null;

    public string Json() => JsonSerializer.Serialize(new { state = State, shape = Shape, f = Fields }, Options);

    public static PatientPageView From(PatientTokenPage token)
    {
        var lang = token.Language;
        var state = PatientPageRules.StateOf(token.Status, token.Date, DateOnly.FromDateTime(token.Now));
        string Say(Word word, params object?[] args) => PatientWords.Say(lang, word, args);
        var culture = CultureInfo.GetCultureInfo(lang switch { "hi" => "hi-IN", "ta" => "ta-IN", _ => "en-IN" });
        var pending = state is PatientPageState.Booked or PatientPageState.Waiting;
        var headline = state switch
        {
            PatientPageState.Ahead => Say(Word.ForDay, token.Date.ToString("dddd d MMMM", culture)),
            PatientPageState.Called => token.Room is { } room ? Say(Word.GoInNow, room) : Say(Word.GoInNowNoRoom),
            PatientPageState.Booked or PatientPageState.Waiting => PatientWords.Position(lang, token.Position),
            PatientPageState.Seen => Say(Word.Seen),
            PatientPageState.Absent => Say(Word.Absent),
            _ => Say(Word.Cancelled),
        };
        var fields = new Dictionary<string, string?>
        {
            ["title"] = Say(Word.Title, token.TokenNumber),
            ["number"] = token.TokenNumber,
            ["doctor"] = token.Room is { } r ? $"{token.DoctorName} · {Say(Word.Room, r)}" : token.DoctorName,
            ["when"] = $"{token.Date.ToString("dddd d MMMM", culture)} · {Say(Word.Slot, token.SlotStart.ToString("HH:mm", CultureInfo.InvariantCulture))}",
            ["headline"] = headline,
            ["estimate"] = pending && token.EstimatedTime is { } eta ? TimeRangeWords.About(lang, eta, token.EstimatedFrom, token.EstimatedTo) : null,
            ["checkin"] = state is PatientPageState.Booked or PatientPageState.Ahead ? Say(Word.CheckIn) : null,
            ["notice"] = pending && token.Notice is { } notice ? Say(Word.LateNote, token.DoctorName, PatientWords.Notice(lang, notice)) : null,
            ["updated"] = Say(Word.Updated, token.Now.ToString("HH:mm", CultureInfo.InvariantCulture)),
        };
        var feedback = token.Status != TokenStatus.Completed ? "none" : token.FeedbackScore is null ? "ask" : "answered";
        return new PatientPageView(lang, state.ToString().ToLowerInvariant(), fields, $"{feedback}.{(token.MessagesOptOut ? "off" : "on")}.{(token.Status is TokenStatus.Booked or TokenStatus.NoShow ? "due" : "here")}", token);
    }
}

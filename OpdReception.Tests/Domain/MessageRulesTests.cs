using OpdReception.Domain;

namespace OpdReception.Tests.Domain;

public sealed class MessageRulesTests
{
    private static readonly DateTime Ten = new(2030, 1, 7, 10, 0, 0);

    private static MessageCause Cause(string name) => name switch
    {
        "issued" => new TokenWasIssued(),
        "called" => new TokenWasCalled(),
        "moved" => new TokenWasMoved(Ten),
        "delayed" => new TokenWasDelayed(Ten, 20),
        "near" => new TurnIsNear(Ten),
        "cancel-patient" => new TokenWasCancelled(new PatientAsked()),
        "cancel-desk" => new TokenWasCancelled(new DeskCancelled("Patient left")),
        "cancel-slot" => new TokenWasCancelled(new SlotCancelled()),
        "cancel-leave" => new TokenWasCancelled(new DoctorOnLeave()),
        "cancel-emergency" => new TokenWasCancelled(new ReplacedByEmergency()),
        "cancel-closed" => new TokenWasCancelled(new OpdClosed()),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [InlineData("issued", MessageKind.TokenIssued)]
    [InlineData("called", MessageKind.Called)]
    [InlineData("moved", MessageKind.Moved)]
    [InlineData("delayed", MessageKind.Delayed)]
    [InlineData("near", MessageKind.TurnNear)]
    [InlineData("cancel-patient", MessageKind.Cancelled)]
    [InlineData("cancel-desk", MessageKind.Cancelled)]
    [InlineData("cancel-slot", MessageKind.Cancelled)]
    [InlineData("cancel-leave", MessageKind.CancelledDoctorAway)]
    [InlineData("cancel-emergency", null)]
    [InlineData("cancel-closed", null)]
    public void Each_change_is_told_in_its_own_kind_of_message_or_not_at_all(string cause, MessageKind? kind)
    {
        var decision = MessageRules.Decide(Cause(cause), new ContactFacts("+91 98765 43210", null, null, false), "en");

        if (kind is null)
        {
            Assert.IsType<NoMessage>(decision);
        }
        else
        {
            Assert.Equal(kind, Assert.IsType<MessagesDue>(decision).Kind);
        }
    }

    [Theory]
    // phone, email, optedOut → channels (W webhook, E email), state
    [InlineData("+91 98765 43210", null, false, "W", MessageState.Queued)]
    [InlineData(null, "asha@example.in", false, "E", MessageState.Queued)]
    [InlineData("+91 98765 43210", "asha@example.in", false, "WE", MessageState.Queued)]
    [InlineData("+91 98765 43210", "asha@example.in", true, "WE", MessageState.Skipped)]
    [InlineData("+91 98765 43210", null, true, "W", MessageState.Skipped)]
    [InlineData(" ", "", false, "", MessageState.Queued)]
    [InlineData(null, null, true, "", MessageState.Queued)]
    public void One_row_per_channel_the_patient_can_get_all_skipped_when_they_opted_out(
        string? phone, string? email, bool optedOut, string channels, MessageState state)
    {
        var decision = MessageRules.Decide(new TokenWasCalled(), new ContactFacts(phone, email, null, optedOut), "en");

        if (channels.Length == 0)
        {
            Assert.Equal("No phone or email on record.", Assert.IsType<NoMessage>(decision).Why);
            return;
        }

        var due = Assert.IsType<MessagesDue>(decision);
        Assert.Equal(channels, string.Concat(due.To.Select(t => t.Channel == MessageChannel.Webhook ? "W" : "E")));
        Assert.All(due.To, t => Assert.Equal(state, t.State));
        Assert.Equal(optedOut, due.OptedOut);
        Assert.All(due.To, t => Assert.Equal(t.Channel == MessageChannel.Webhook ? phone!.Trim() : email!.Trim(), t.Recipient));
    }

    [Theory]
    [InlineData(null, "en", "en")]
    [InlineData(null, "ta", "ta")]
    [InlineData("hi", "en", "hi")]
    [InlineData("ta", "hi", "ta")]
    [InlineData("fr", "hi", "hi")]
    [InlineData("", "en", "en")]
    public void The_patient_s_language_or_else_the_hospital_s_default(string? patient, string fallback, string expected)
    {
        var due = Assert.IsType<MessagesDue>(MessageRules.Decide(new TokenWasIssued(), new ContactFacts("98765 43210", null, patient, false), fallback));
        Assert.Equal(expected, due.Language);
    }

    public static TheoryData<TokenStatus, TokenStatus, string?> StatusChanges()
    {
        var data = new TheoryData<TokenStatus, TokenStatus, string?>();
        foreach (var from in Enum.GetValues<TokenStatus>())
        {
            foreach (var to in Enum.GetValues<TokenStatus>())
            {
                var expected = (from, to) switch
                {
                    (TokenStatus.Booked or TokenStatus.Waiting, TokenStatus.InConsultation) => nameof(TokenWasCalled),
                    (not TokenStatus.Cancelled, TokenStatus.Cancelled) => nameof(TokenWasCancelled),
                    _ => null,
                };
                data.Add(from, to, expected);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(StatusChanges))]
    public void Only_a_call_and_a_cancellation_of_all_status_changes_tell_the_patient(TokenStatus from, TokenStatus to, string? cause)
    {
        Assert.Equal(cause, MessageRules.ForStatusChange(from, to, new DeskCancelled("x"))?.GetType().Name);
    }

    [Theory]
    [InlineData("desk", "en", "Booked by mistake")]
    [InlineData("desk", "hi", "Booked by mistake")]
    [InlineData("desk-blank", "en", "by the reception desk")]
    [InlineData("desk-blank", "ta", "வரவேற்பு மேசையால்")]
    [InlineData("patient", "en", "as you asked")]
    [InlineData("patient", "hi", "आपके अनुरोध पर")]
    [InlineData("patient", "ta", "உங்கள் கோரிக்கையின்படி")]
    [InlineData("slot", "en", "the doctor's session was cancelled")]
    [InlineData("slot", "hi", "डॉक्टर का सत्र रद्द हो गया")]
    [InlineData("leave", "ta", "மருத்துவர் விடுப்பில் உள்ளார்")]
    public void The_reason_is_said_in_plain_words_the_desk_s_own_when_it_typed_them(string why, string language, string words)
    {
        CancelCause cause = why switch
        {
            "desk" => new DeskCancelled(" Booked by mistake "),
            "desk-blank" => new DeskCancelled(null),
            "patient" => new PatientAsked(),
            "slot" => new SlotCancelled(),
            _ => new DoctorOnLeave(),
        };
        Assert.Equal(words, MessageRules.Reason(cause, language));
    }

    private static readonly MessageFacts Facts = new("A014", "Dr. Meena Rao", "101", new DateOnly(2030, 1, 7), new TimeOnly(9, 0),
        "https://opd.example/t/abc", "City Hospital", "044 2345 6789");

    [Theory]
    [InlineData("issued", "09:00")]
    [InlineData("called", "09:00")]
    [InlineData("moved", "10:00")]
    [InlineData("delayed", "10:00")]
    [InlineData("near", "10:00")]
    public void The_time_is_the_slot_s_start_when_issued_and_the_new_estimate_when_it_moved(string cause, string time)
    {
        Assert.Equal(time, MessageRules.Values(Cause(cause), Facts, "en")["time"]);
    }

    [Theory]
    [InlineData("en", "101", "Room 101", "7 Jan")]
    [InlineData("hi", "101", "कमरा 101", "7 जन॰")]
    [InlineData("ta", "101", "அறை 101", "7 ஜன.")]
    [InlineData("en", null, "the doctor's room", "7 Jan")]
    [InlineData("hi", null, "डॉक्टर के कमरे", "7 जन॰")]
    public void Room_and_date_are_in_the_patient_s_language(string language, string? room, string roomWords, string date)
    {
        var values = MessageRules.Values(new TokenWasCalled(), Facts with { Room = room }, language);

        Assert.Equal(roomWords, values["room"]);
        Assert.Equal(date, values["date"]);
    }

    [Fact]
    public void Rendered_defaults_in_Hindi_and_Tamil_read_as_whole_sentences_with_every_value_filled()
    {
        foreach (var kind in Enum.GetValues<MessageKind>())
        {
            foreach (var language in MessageLanguages.All)
            {
                var cause = kind switch
                {
                    MessageKind.TokenIssued => Cause("issued"),
                    MessageKind.TurnNear => Cause("near"),
                    MessageKind.Delayed => Cause("delayed"),
                    MessageKind.Moved => Cause("moved"),
                    MessageKind.Cancelled => Cause("cancel-slot"),
                    MessageKind.CancelledDoctorAway => Cause("cancel-leave"),
                    _ => Cause("called"),
                };
                var text = MessageText.Render(MessageTemplates.Default(kind, language), MessageRules.Values(cause, Facts, language));
                Assert.DoesNotContain("{", text);
                Assert.Contains("A014", text);
            }
        }

        var called = MessageText.Render(MessageTemplates.Default(MessageKind.Called, "hi"), MessageRules.Values(new TokenWasCalled(), Facts, "hi"));
        Assert.Equal("City Hospital: टोकन A014, कृपया अभी कमरा 101 में जाएँ।", called);
        var leave = MessageText.Render(MessageTemplates.Default(MessageKind.CancelledDoctorAway, "ta"), MessageRules.Values(Cause("cancel-leave"), Facts, "ta"));
        Assert.Contains("044 2345 6789", leave);
    }

    private static readonly DateTime TenTen = Ten.AddMinutes(-10), TenTwentyFive = Ten.AddMinutes(25);

    [Theory]
    [InlineData(MessageKind.TurnNear, "en", "City Hospital: your turn is near. Token A014, Dr. Meena Rao, expected about 10:00 (09:50–10:25). Please be near Room 101.")]
    [InlineData(MessageKind.TurnNear, "hi", "City Hospital: आपकी बारी नज़दीक है। टोकन A014, Dr. Meena Rao, लगभग 10:00 (09:50–10:25) बजे। कृपया कमरा 101 के पास रहें।")]
    [InlineData(MessageKind.TurnNear, "ta", "City Hospital: உங்கள் முறை நெருங்குகிறது. டோக்கன் A014, Dr. Meena Rao, சுமார் 10:00 (09:50–10:25) மணிக்கு. தயவுசெய்து அறை 101 அருகில் இருங்கள்.")]
    [InlineData(MessageKind.Delayed, "en", "City Hospital: Dr. Meena Rao is running late. Token A014 is now expected about 10:00 (09:50–10:25), 20 min later than before. Sorry for the wait.")]
    [InlineData(MessageKind.Delayed, "hi", "City Hospital: Dr. Meena Rao को देर हो रही है। टोकन A014 अब लगभग 10:00 (09:50–10:25) बजे, पहले से 20 मिनट बाद। इंतज़ार के लिए खेद है।")]
    [InlineData(MessageKind.Delayed, "ta", "City Hospital: Dr. Meena Rao தாமதமாக உள்ளார். டோக்கன் A014 இப்போது சுமார் 10:00 (09:50–10:25) மணிக்கு, முன்பைவிட 20 நிமிடம் தாமதம். காத்திருப்புக்கு வருந்துகிறோம்.")]
    [InlineData(MessageKind.Moved, "en", "City Hospital: your visit has moved. New token A014 with Dr. Meena Rao, 7 Jan, expected about 10:00 (09:50–10:25). Follow your turn: https://opd.example/t/abc")]
    [InlineData(MessageKind.Moved, "hi", "City Hospital: आपकी मुलाक़ात बदल गई है। नया टोकन A014, Dr. Meena Rao, 7 जन॰, लगभग 10:00 (09:50–10:25) बजे। अपनी बारी यहाँ देखें: https://opd.example/t/abc")]
    [InlineData(MessageKind.Moved, "ta", "City Hospital: உங்கள் சந்திப்பு மாற்றப்பட்டது. புதிய டோக்கன் A014, Dr. Meena Rao, 7 ஜன., சுமார் 10:00 (09:50–10:25) மணிக்கு. உங்கள் முறையை இங்கே பாருங்கள்: https://opd.example/t/abc")]
    public void Messages_that_tell_a_time_tell_its_range_in_the_patient_s_language(MessageKind kind, string language, string expected)
    {
        MessageCause cause = kind switch
        {
            MessageKind.TurnNear => new TurnIsNear(Ten, TenTen, TenTwentyFive),
            MessageKind.Delayed => new TokenWasDelayed(Ten, 20, TenTen, TenTwentyFive),
            _ => new TokenWasMoved(Ten, TenTen, TenTwentyFive),
        };

        Assert.Equal(expected, MessageText.Render(MessageTemplates.Default(kind, language), MessageRules.Values(cause, Facts, language)));
    }

    [Theory]
    [InlineData("en", "about 10:00")]
    [InlineData("hi", "लगभग 10:00")]
    [InlineData("ta", "சுமார் 10:00")]
    public void Without_a_range_the_message_tells_the_time_alone(string language, string range)
    {
        Assert.Equal(range, MessageRules.Values(new TurnIsNear(Ten), Facts, language)["range"]);
        Assert.Equal(range, MessageRules.Values(new TokenWasMoved(Ten), Facts, language)["range"]);
    }

    [Fact]
    public void An_admin_s_wording_saved_with_the_time_alone_still_reads_the_time()
    {
        var values = MessageRules.Values(new TurnIsNear(Ten, TenTen, TenTwentyFive), Facts, "en");

        Assert.Equal("Token A014 around 10:00.", MessageText.Render("Token {label} around {time}.", values));
        Assert.IsType<WordingAccepted>(MessageText.Check(MessageKind.TurnNear, "Token {label} around {time}.", null));
        Assert.IsType<WordingAccepted>(MessageText.Check(MessageKind.Moved, "Token {label}, {range}.", null));
        Assert.IsType<WordingRefused>(MessageText.Check(MessageKind.Called, "Token {label}, {range}.", null));
    }
}

using System.Text;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Messages;

/// <summary>
/// A patient's messages end to end: the desk or the doctor changes something, the change writes the message, the
/// running dispatcher takes it to a real gateway (or mail server), signed, in the patient's language, byte for byte.
/// </summary>
public sealed class MessageJourneyTests(MessageJourneyApp journey) : IClassFixture<MessageJourneyApp>
{
    private const string Hospital = "City Hospital OPD";
    private readonly OpdApp _app = journey.App;
    private readonly Actor _by = new("Test desk");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(DoctorView Doctor, SlotView Slot)> DayAsync(string specialization, string start = "09:00", string end = "10:00")
    {
        var doctor = await journey.Desk.Doctor(specialization);
        return (doctor, await journey.Desk.Slot(doctor.Id, start, end, capacity: 10));
    }

    /// <summary>The gateway's view of one message: signed over the raw body, the exact members, the row's stable id and text.</summary>
    private async Task<string> ArrivedAsSentAsync(int tokenId, PatientMessageEvent kind, string language = "en")
    {
        var received = await journey.ArrivedAsync(tokenId, kind);
        var row = Assert.Single(await journey.RowsAsync(tokenId), m => m.Event == kind && m.Channel == MessageChannel.Webhook);
        var body = received.Json;

        Assert.Equal(MessageJourneyApp.Sign(received.Body), received.Signature);
        Assert.Equal(MessageJourneyApp.BodyMembers, body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(row.MessageId, body.GetProperty("id").GetString());
        Assert.Equal((row.TokenNumber, row.Recipient, language), (body.GetProperty("tokenNumber").GetString(), body.GetProperty("phone").GetString(), body.GetProperty("language").GetString()));
        var text = body.GetProperty("text").GetString()!;
        Assert.Equal(row.Text, text);
        // Indic text travels as its UTF-8 bytes, not as \u escapes a gateway might forward literally.
        Assert.True(received.Body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0, "The text's UTF-8 bytes are in the body as they are.");
        return text;
    }

    [Fact]
    public async Task Issued_delayed_and_called_reach_the_gateway_signed_with_the_page_link_the_new_time_and_the_room()
    {
        _app.SetTime(8);
        var (doctor, slot) = await DayAsync("Journey Cardiology");
        var token = await journey.IssueAsync(slot.Id, "Journey One", "+91 98222 00001");
        var code = (await journey.TokenAsync(token.Id)).Code;

        var issued = await ArrivedAsSentAsync(token.Id, PatientMessageEvent.TokenIssued);
        Assert.Equal($"{Hospital}: token {token.TokenNumber} with {doctor.Name}, 7 Jan, session from 09:00. Follow your turn: {MessageJourneyApp.BaseUrl}/t/{code}", issued);

        Assert.True((await _app.Service<SlotService>().DelayAsync(slot.Id, 20, Ct)).IsOk);
        var delayed = await ArrivedAsSentAsync(token.Id, PatientMessageEvent.Delayed);
        Assert.Equal($"{Hospital}: {doctor.Name} is running late. Token {token.TokenNumber} is now expected about 09:20, 20 min later than before. Sorry for the wait.", delayed);

        _app.SetTime(9, 20);
        Assert.True((await _app.Service<CallNext>().CallNextAsync(slot.Id, _by, Ct)).IsOk);
        var called = await ArrivedAsSentAsync(token.Id, PatientMessageEvent.Called);
        Assert.Equal($"{Hospital}: token {token.TokenNumber}, please go to Room 101 now.", called);
    }

    [Fact]
    public async Task A_move_tells_the_new_doctor_time_and_label_and_a_cancel_its_reason_in_words()
    {
        _app.SetTime(8);
        var (doctor, slot) = await DayAsync("Journey Move");
        var (other, target) = await DayAsync("Journey Move", "11:00", "12:00");
        var moving = await journey.IssueAsync(slot.Id, "Journey Mover", "+91 98222 00011");
        var going = await journey.IssueAsync(slot.Id, "Journey Goer", "+91 98222 00012");

        var moved = await _app.Service<MoveToken>().MoveAsync(moving.Id, target.Id, _by, Ct);
        Assert.True((await _app.Service<ChangeTokenStatus>().CancelAsync(going.Id, "Patient went home", _by, Ct)).IsOk);

        Assert.True(moved.IsOk);
        var code = (await journey.TokenAsync(moving.Id)).Code;
        Assert.Equal($"{Hospital}: your visit has moved. New token {moved.Value!.TokenNumber} with {other.Name}, 7 Jan, expected about 11:00. " +
            $"Follow your turn: {MessageJourneyApp.BaseUrl}/t/{code}", await ArrivedAsSentAsync(moving.Id, PatientMessageEvent.Moved));
        Assert.Equal(moved.Value.TokenNumber, (await journey.ArrivedAsync(moving.Id, PatientMessageEvent.Moved)).Json.GetProperty("tokenNumber").GetString());
        Assert.Equal($"{Hospital}: token {going.TokenNumber} with {doctor.Name} on 7 Jan is cancelled: Patient went home.",
            await ArrivedAsSentAsync(going.Id, PatientMessageEvent.Cancelled));
    }

    [Fact]
    public async Task A_doctor_s_leave_cancels_with_the_desk_s_phone_to_call()
    {
        _app.SetTime(8);
        var (away, slot) = await DayAsync("Journey Leave");
        var token = await journey.IssueAsync(slot.Id, "Journey Leave Patient", "+91 98222 00021");

        Assert.True((await _app.Service<TakeLeave>().ConfirmAsync(new LeaveRequest(away.Id, OpdApp.Day, OpdApp.Day, "Conference"), _by, Ct)).IsOk);

        Assert.Equal($"{Hospital}: {away.Name} is on leave, so token {token.TokenNumber} on 7 Jan is cancelled. Please call the desk on {MessageJourneyApp.DeskPhone} for a new time.",
            await ArrivedAsSentAsync(token.Id, PatientMessageEvent.Cancelled));
    }

    [Fact]
    public async Task Turn_near_reaches_each_patient_once_as_the_queue_moves()
    {
        _app.SetTime(9);
        var (doctor, slot) = await DayAsync("Journey Near");
        var tokens = new List<TokenView>();
        for (var i = 0; i < 3; i++)
        {
            tokens.Add(await journey.IssueAsync(slot.Id, $"Journey Near {i}", $"+91 98222 0003{i}"));
        }

        Assert.True((await _app.Service<CallNext>().CallNextAsync(slot.Id, _by, Ct)).IsOk);
        foreach (var token in tokens.Skip(1))
        {
            Assert.Contains("your turn is near", await ArrivedAsSentAsync(token.Id, PatientMessageEvent.TurnNear));
        }

        Assert.True((await _app.Service<ConsoleService>().CompleteAsync(doctor.Id, tokens[0].Id, _by, Ct)).IsOk);
        Assert.True((await _app.Service<CallNext>().CallNextAsync(slot.Id, _by, Ct)).IsOk);
        await _app.Service<TurnNearSweep>().SweepAsync(Ct);
        await journey.ArrivedAsync(tokens[1].Id, PatientMessageEvent.Called);

        Assert.All(tokens.Skip(1), t => Assert.Single(journey.ArrivedFor(t.Id), r => r.Json.GetProperty("event").GetString() == "TurnNear"));
        Assert.DoesNotContain(journey.ArrivedFor(tokens[0].Id), r => r.Json.GetProperty("event").GetString() == "TurnNear");
    }

    [Theory]
    [InlineData("hi", "टोकन {0}, कृपया अभी कमरा 101 में जाएँ।", "के साथ आपका टोकन {0}")]
    [InlineData("Tamil", "டோக்கன் {0}, தயவுசெய்து இப்போதே அறை 101க்கு செல்லுங்கள்.", "அவர்களிடம் உங்கள் டோக்கன் {0}")]
    public async Task A_patient_given_Hindi_or_Tamil_at_the_desk_gets_every_message_in_it_byte_for_byte(string chosen, string calledWords, string issuedWords)
    {
        _app.SetTime(9);
        var (_, slot) = await DayAsync($"Journey {chosen}");
        var token = await journey.IssueAsync(slot.Id, $"Journey {chosen} Patient", "+91 98222 00041", language: chosen);
        var code = MessageLanguages.Code(chosen)!;

        var issued = await ArrivedAsSentAsync(token.Id, PatientMessageEvent.TokenIssued, code);
        Assert.Contains(string.Format(issuedWords, token.TokenNumber), issued);
        Assert.EndsWith($"{MessageJourneyApp.BaseUrl}/t/{(await journey.TokenAsync(token.Id)).Code}", issued);

        Assert.True((await _app.Service<CallNext>().CallNextAsync(slot.Id, _by, Ct)).IsOk);
        Assert.Equal($"{Hospital}: {string.Format(calledWords, token.TokenNumber)}", await ArrivedAsSentAsync(token.Id, PatientMessageEvent.Called, code));
    }
}

using System.Net;
using System.Net.Http.Json;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Messages;

/// <summary>
/// A patient's language, email and "no messages" changed at the desk rule the next message that goes. Its own app:
/// the test mail server takes one session, and this test needs its own.
/// </summary>
public sealed class DeskChoiceJourneyTests(MessageJourneyApp journey) : IClassFixture<MessageJourneyApp>
{
    private readonly OpdApp _app = journey.App;
    private readonly Actor _by = new("Test desk");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<SlotView> SlotAsync(string specialization) =>
        await journey.Desk.Slot((await journey.Desk.Doctor(specialization)).Id, "09:00", "10:00", capacity: 10);

    [Fact]
    public async Task Language_email_and_no_messages_changed_at_the_desk_rule_the_next_message()
    {
        _app.SetTime(8);
        var slot = await SlotAsync("Choice Desk");
        var token = await journey.IssueAsync(slot.Id, "Desk Choice", "+91 98333 00021");
        Assert.Equal("en", (await journey.ArrivedAsync(token.Id, PatientMessageEvent.TokenIssued)).Json.GetProperty("language").GetString());

        var edited = await journey.Desk.Client.PutAsJsonAsync($"/api/patients/{token.PatientId}",
            new { name = "Desk Choice", phone = "+91 98333 00021", language = "ta", email = "desk.choice@example.org", messagesOptOut = false }, Json.Options, Ct);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.True((await _app.Service<SlotService>().DelayAsync(slot.Id, 20, Ct)).IsOk);

        var delayed = await journey.ArrivedAsync(token.Id, PatientMessageEvent.Delayed);
        Assert.Equal("ta", delayed.Json.GetProperty("language").GetString());
        Assert.Contains($"டோக்கன் {token.TokenNumber} இப்போது சுமார் 09:20 மணிக்கு, முன்பைவிட 20 நிமிடம் தாமதம்", delayed.Json.GetProperty("text").GetString());
        Assert.Equal(delayed.Json.GetProperty("text").GetString(), (await journey.MailToAsync("desk.choice@example.org")).TextBody?.Trim());

        var silenced = await journey.Desk.Client.PutAsJsonAsync($"/api/patients/{token.PatientId}",
            new { name = "Desk Choice", phone = "+91 98333 00021", language = "ta", email = "desk.choice@example.org", messagesOptOut = true }, Json.Options, Ct);
        Assert.Equal(HttpStatusCode.OK, silenced.StatusCode);
        Assert.True((await _app.Service<ChangeTokenStatus>().CancelAsync(token.Id, "Patient went home", _by, Ct)).IsOk);

        var cancelled = (await journey.RowsAsync(token.Id)).Where(m => m.Event == PatientMessageEvent.Cancelled).ToList();
        Assert.Equal(2, cancelled.Count);
        Assert.All(cancelled, m => Assert.Equal(MessageState.Skipped, m.State));
        Assert.Equal(["Message not sent (cancelled): the patient asked for no messages"], await journey.SkippedLinesAsync(token.Id));
    }
}

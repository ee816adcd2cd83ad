using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Messages;

/// <summary>
/// What the patient chose reaches the wire: no messages means nothing arrives and the history says why; an email
/// brings the message to a real mail server; a change at the desk or on the patient's own page rules the next message.
/// </summary>
public sealed partial class MessageChoiceJourneyTests(MessageJourneyApp journey) : IClassFixture<MessageJourneyApp>
{
    private const string Hospital = "City Hospital OPD";
    private readonly OpdApp _app = journey.App;
    private readonly Actor _by = new("Test desk");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<SlotView> SlotAsync(string specialization) =>
        await journey.Desk.Slot((await journey.Desk.Doctor(specialization)).Id, "09:00", "10:00", capacity: 10);

    [Fact]
    public async Task A_patient_who_wants_no_messages_gets_nothing_at_the_gateway_and_the_token_history_says_why()
    {
        _app.SetTime(8);
        var slot = await SlotAsync("Choice Quiet");
        var quiet = await journey.IssueAsync(slot.Id, "Quiet Choice", "+91 98333 00001", messagesOptOut: true);
        var after = await journey.IssueAsync(slot.Id, "Loud Choice", "+91 98333 00002");

        // The later patient's message has arrived, so the dispatcher has had its turn at the earlier one.
        await journey.ArrivedAsync(after.Id, PatientMessageEvent.TokenIssued);

        Assert.Empty(journey.ArrivedFor(quiet.Id));
        var row = Assert.Single(await journey.RowsAsync(quiet.Id));
        Assert.Equal((PatientMessageEvent.TokenIssued, MessageState.Skipped), (row.Event, row.State));
        Assert.Equal(["Message not sent (token issued): the patient asked for no messages"], await journey.SkippedLinesAsync(quiet.Id));
    }

    [Fact]
    public async Task A_patient_with_an_email_gets_the_message_at_the_mail_server_as_well_as_the_gateway()
    {
        _app.SetTime(8);
        var slot = await SlotAsync("Choice Email");
        var token = await journey.IssueAsync(slot.Id, "Email Choice", "+91 98333 00011", email: "email.choice@example.org");

        var mail = await journey.MailToAsync("email.choice@example.org");
        var sms = await journey.ArrivedAsync(token.Id, PatientMessageEvent.TokenIssued);

        var row = Assert.Single(await journey.RowsAsync(token.Id), m => m.Channel == MessageChannel.Email);
        Assert.Equal(row.MessageId, mail.Headers["X-Opd-Message-Id"]);
        Assert.Equal(row.Text, mail.TextBody?.Trim());
        Assert.Equal(sms.Json.GetProperty("text").GetString(), row.Text);
        Assert.NotEqual(sms.Id, row.MessageId);
        Assert.StartsWith($"{Hospital}: token {token.TokenNumber}", row.Text);
    }

    [Fact]
    public async Task Stop_messages_on_the_patient_page_makes_the_next_message_skipped_with_its_history_line()
    {
        _app.SetTime(9);
        var slot = await SlotAsync("Choice Page");
        var token = await journey.IssueAsync(slot.Id, "Page Choice", "+91 98333 00031");
        var other = await journey.IssueAsync(slot.Id, "Page Other", "+91 98333 00032");
        await journey.ArrivedAsync(token.Id, PatientMessageEvent.TokenIssued);
        var code = (await journey.TokenAsync(token.Id)).Code;
        using var phone = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        phone.DefaultRequestHeaders.Authorization = null;

        var stop = await PostFormAsync(phone, code, "messages", ("wantsMessages", "false"));
        Assert.Equal(HttpStatusCode.SeeOther, stop.StatusCode);
        Assert.True((await _app.Service<CallNext>().CallNextAsync(slot.Id, _by, Ct)).IsOk);

        // The next patient's "turn is near" from the same call has arrived: the call's own message had its chance.
        await journey.ArrivedAsync(other.Id, PatientMessageEvent.TurnNear);
        var called = Assert.Single(await journey.RowsAsync(token.Id), m => m.Event == PatientMessageEvent.Called);
        Assert.Equal(MessageState.Skipped, called.State);
        Assert.DoesNotContain(journey.ArrivedFor(token.Id), r => r.Json.GetProperty("event").GetString() == "Called");
        Assert.Equal(["Message not sent (called in): the patient asked for no messages"], await journey.SkippedLinesAsync(token.Id));
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient phone, string code, string form, params (string Name, string Value)[] fields)
    {
        var page = await (await phone.GetAsync($"/t/{code}", Ct)).Content.ReadAsStringAsync(Ct);
        var token = Antiforgery().Match(page);
        Assert.True(token.Success, "The page carries no antiforgery token.");
        var body = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new(token.Groups[1].Value, WebUtility.HtmlDecode(token.Groups[2].Value)));
        return await phone.PostAsync($"/t/{code}/{form}", new FormUrlEncodedContent(body), Ct);
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}

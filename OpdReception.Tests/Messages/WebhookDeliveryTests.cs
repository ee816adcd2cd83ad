using System.Net;
using System.Security.Cryptography;
using System.Text;
using OpdReception.Domain;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Messages;

/// <summary>Messages reach a real local HTTP gateway: signed, with their stable id, the exact body, Indic text intact, retried until taken.</summary>
public sealed class WebhookDeliveryTests(MessagingApp messaging) : IClassFixture<MessagingApp>
{
    private static readonly string[] BodyMembers = ["id", "event", "tokenId", "tokenNumber", "phone", "language", "text", "templateId", "createdAt"];

    private static string Sign(byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(MessagingApp.Secret), body));

    private async Task<WebhookReceiver.Received[]> ReceivedAsync(string id, int count) =>
        (await messaging.Gateway.WaitForAsync(all => all.Count(r => r.Id == id) >= count, TimeSpan.FromSeconds(20))).Where(r => r.Id == id).ToArray();

    [Fact]
    public async Task A_committed_message_reaches_the_gateway_at_once_signed_with_its_stable_id_and_the_exact_body()
    {
        var message = (await messaging.CommitAsync(messaging.Message())).Single();

        var received = Assert.Single(await ReceivedAsync(message.MessageId, 1));

        Assert.Equal(Sign(received.Body), received.Signature);
        Assert.StartsWith("application/json", received.ContentType);
        var body = received.Json;
        Assert.Equal(BodyMembers, body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(message.MessageId, body.GetProperty("id").GetString());
        Assert.Equal("TokenIssued", body.GetProperty("event").GetString());
        Assert.Equal(messaging.TokenId, body.GetProperty("tokenId").GetInt32());
        Assert.Equal("A001", body.GetProperty("tokenNumber").GetString());
        Assert.Equal("+919876543210", body.GetProperty("phone").GetString());
        Assert.Equal("en", body.GetProperty("language").GetString());
        Assert.Equal("Token A001: please go to Room 101 now.", body.GetProperty("text").GetString());
        Assert.Equal("1107161234567890123", body.GetProperty("templateId").GetString());
        // The hospital's wall clock (Asia/Kolkata, UTC+05:30) in UTC.
        var utc = TimeZoneInfo.ConvertTimeToUtc(message.CreatedAt, TimeZoneInfo.FindSystemTimeZoneById(OpdApp.DefaultTimeZone));
        Assert.Equal(utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), body.GetProperty("createdAt").GetString());

        var row = await messaging.WaitForRowAsync(message.MessageId, m => m.State == MessageState.Sent);
        Assert.Equal((MessageState.Sent, 1, messaging.App.Clock.Now), (row.State, row.Attempts, row.SentAt!.Value));
    }

    [Fact]
    public async Task A_gateway_that_fails_once_gets_the_same_id_twice_and_the_message_ends_sent()
    {
        messaging.Gateway.Answer(500);
        var message = (await messaging.CommitAsync(messaging.Message())).Single();

        var row = await messaging.WaitForRowAsync(message.MessageId, m => m.State == MessageState.Sent, step: TimeSpan.FromSeconds(1));

        var received = await ReceivedAsync(message.MessageId, 2);
        Assert.Equal([500, 200], received.Select(r => r.AnsweredWith));
        Assert.All(received, r => Assert.Equal(Sign(r.Body), r.Signature));
        Assert.Equal((MessageState.Sent, 2, null), (row.State, row.Attempts, row.LastError));
    }

    [Theory]
    [InlineData("hi", "टोकन A001: कृपया अभी कमरा 101 में जाएँ।")]
    [InlineData("ta", "டோக்கன் A001: தயவுசெய்து இப்போது அறை 101-க்குச் செல்லவும்.")]
    public async Task Hindi_and_Tamil_text_reaches_the_gateway_byte_for_byte(string language, string text)
    {
        var message = (await messaging.CommitAsync(messaging.Message(text, language))).Single();

        var received = Assert.Single(await ReceivedAsync(message.MessageId, 1));

        var bytes = Encoding.UTF8.GetBytes(text);
        Assert.True(received.Body.AsSpan().IndexOf(bytes) >= 0, "The UTF-8 bytes of the text are in the body as they are, not escaped.");
        Assert.DoesNotContain("\\u", Encoding.UTF8.GetString(received.Body));
        Assert.Equal(text, received.Json.GetProperty("text").GetString());
        Assert.Equal(language, received.Json.GetProperty("language").GetString());
        Assert.Equal(Sign(received.Body), received.Signature);
    }

    [Fact]
    public async Task A_message_the_gateway_never_takes_fails_after_the_last_attempt_saying_why()
    {
        messaging.Gateway.Answer(503, 503, 503);
        var message = (await messaging.CommitAsync(messaging.Message())).Single();

        var row = await messaging.WaitForRowAsync(message.MessageId, m => m.State == MessageState.Failed, step: TimeSpan.FromSeconds(2));

        Assert.Equal(3, (await ReceivedAsync(message.MessageId, 3)).Length);
        Assert.Equal((MessageState.Failed, 3), (row.State, row.Attempts));
        Assert.Equal("Gave up after 3 attempts. Last answer: The SMS gateway answered 503 (Service Unavailable).", row.LastError);
        Assert.NotNull(row.FailedAt);
    }

    [Fact]
    public async Task A_gateway_that_does_not_answer_in_time_is_tried_again()
    {
        messaging.Gateway.Hang = true;
        var message = (await messaging.CommitAsync(messaging.Message())).Single();
        try
        {
            var waiting = await messaging.WaitForRowAsync(message.MessageId, m => m is { State: MessageState.Queued, Attempts: 1 });
            Assert.Equal("The SMS gateway did not answer within 2 seconds.", waiting.LastError);
        }
        finally
        {
            messaging.Gateway.Hang = false;
        }

        var row = await messaging.WaitForRowAsync(message.MessageId, m => m.State == MessageState.Sent, step: TimeSpan.FromSeconds(1));
        Assert.Equal((MessageState.Sent, 2), (row.State, row.Attempts));
    }

    [Fact]
    public async Task A_patient_who_asked_for_no_messages_is_never_sent_one()
    {
        var skipped = messaging.Message("Not for this patient.");
        skipped.State = MessageState.Skipped;
        var sent = messaging.Message();
        await messaging.CommitAsync(skipped, sent);

        await messaging.WaitForRowAsync(sent.MessageId, m => m.State == MessageState.Sent);
        await Task.Delay(500, TestContext.Current.CancellationToken);

        Assert.DoesNotContain(messaging.Gateway.Requests, r => r.Id == skipped.MessageId);
        Assert.Equal((MessageState.Skipped, 0), ((await messaging.RowAsync(skipped.MessageId)).State, (await messaging.RowAsync(skipped.MessageId)).Attempts));
    }

    [Fact]
    public async Task A_message_too_old_to_help_the_patient_fails_unsent()
    {
        var old = OutboxRows.Message(messaging.NextToken(), messaging.App.Clock.Now.AddHours(-13));
        await messaging.CommitAsync(old);

        var row = await messaging.WaitForRowAsync(old.MessageId, m => m.State == MessageState.Failed);

        Assert.Equal("Not sent within 12 hour(s) of the event, so it is too late to be of use to the patient.", row.LastError);
        Assert.Equal(0, row.Attempts);
        Assert.DoesNotContain(messaging.Gateway.Requests, r => r.Id == old.MessageId);
    }

    [Fact]
    public async Task The_token_history_shows_each_message_and_what_became_of_it()
    {
        var message = (await messaging.CommitAsync(messaging.Message())).Single();
        await messaging.WaitForRowAsync(message.MessageId, m => m.State == MessageState.Sent);

        var token = await messaging.Desk.Token(messaging.TokenId);

        Assert.Contains(token.Messages!, m => (m.What, m.Via, m.Status, m.State) == ("Token issued", "SMS / WhatsApp", "Message sent", MessageState.Sent));
        Assert.Equal(HttpStatusCode.OK, (await messaging.Desk.Client.GetAsync($"/api/tokens/{messaging.TokenId}")).StatusCode);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using OpdReception.Data;
using OpdReception.Domain;
using OpdReception.Security;
using OpdReception.Services;
using OpdReception.Services.Messages;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Messages;

/// <summary>The gateway's signed receipts, and the admin's failed messages and retries, over the API.</summary>
public sealed class MessagesApiTests(MessagingApp messaging) : IClassFixture<MessagingApp>
{
    private async Task<HttpResponseMessage> ReceiptAsync(string json, string? secret = MessagingApp.Secret)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (secret is not null)
        {
            content.Headers.Add("X-Opd-Signature", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)));
        }

        return await messaging.App.AnonymousClient().PostAsync("/api/notifications/receipts", content);
    }

    private async Task<OutboxMessage> SentAsync()
    {
        var message = (await messaging.CommitAsync(messaging.Message())).Single();
        return await messaging.WaitForRowAsync(message.MessageId, m => m.State == MessageState.Sent);
    }

    private async Task<OutboxMessage> FailedAsync(string why = "The SMS gateway answered 500 (Internal Server Error).")
    {
        var message = messaging.Message();
        message.State = MessageState.Failed;
        message.Attempts = 8;
        message.LastError = why;
        message.FailedAt = messaging.App.Clock.Now;
        await messaging.CommitAsync(message);
        return message;
    }

    [Fact]
    public async Task A_signed_delivered_receipt_marks_the_message_delivered()
    {
        var sent = await SentAsync();

        var response = await ReceiptAsync($$"""{"id":"{{sent.MessageId}}","status":"delivered"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = await messaging.RowAsync(sent.MessageId);
        Assert.Equal((MessageState.Delivered, messaging.App.Clock.Now), (row.State, row.DeliveredAt!.Value));
        var token = await messaging.Desk.Token(messaging.TokenId);
        Assert.Contains(token.Messages!, m => m.Status == "Message delivered to the patient");
    }

    [Fact]
    public async Task A_failed_receipt_marks_the_message_failed_with_the_gateways_reason()
    {
        var sent = await SentAsync();

        var response = await ReceiptAsync($$"""{"id":"{{sent.MessageId}}","status":"failed","reason":"Number is on the Do Not Disturb list"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = await messaging.RowAsync(sent.MessageId);
        Assert.Equal((MessageState.Failed, "The SMS gateway could not deliver it: Number is on the Do Not Disturb list"), (row.State, row.LastError));
    }

    [Theory]
    [InlineData("wrong-secret-0123456789")]
    [InlineData(null)]
    public async Task A_receipt_not_signed_with_the_secret_is_refused_and_changes_nothing(string? secret)
    {
        var sent = await SentAsync();

        var response = await ReceiptAsync($$"""{"id":"{{sent.MessageId}}","status":"delivered"}""", secret);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(MessageState.Sent, (await messaging.RowAsync(sent.MessageId)).State);
    }

    [Theory]
    [InlineData("""{"id":"no-such-message","status":"delivered"}""", HttpStatusCode.NotFound)]
    [InlineData("""{"id":"x","status":"read"}""", HttpStatusCode.BadRequest)]
    [InlineData("""not json""", HttpStatusCode.BadRequest)]
    public async Task A_signed_receipt_that_names_no_message_or_status_is_a_problem(string json, HttpStatusCode expected)
    {
        var response = await ReceiptAsync(json);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_admin_sees_a_failed_message_masked_with_its_reason_and_retrying_sends_it()
    {
        var failed = await FailedAsync();
        var admin = messaging.App.CreateClient();

        var overview = await (await admin.GetAsync("/api/admin/messages?state=Failed")).Read<MessagesOverview>();
        var shown = Assert.Single(overview.Messages, m => m.MessageId == failed.MessageId);
        Assert.Equal(("••••••3210", "Token issued", "The SMS gateway answered 500 (Internal Server Error)."), (shown.Recipient, shown.What, shown.LastError));

        var retried = await admin.PostAsync($"/api/admin/messages/{failed.Id}/retry", null);

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var row = await messaging.WaitForRowAsync(failed.MessageId, m => m.State == MessageState.Sent);
        Assert.Equal((MessageState.Sent, 1, null), (row.State, row.Attempts, row.LastError));
        Assert.Contains(messaging.Gateway.Requests, r => r.Id == failed.MessageId);
        var history = await (await admin.GetAsync("/api/admin/history?area=Message")).Read<List<AdminChangeView>>();
        Assert.Contains(history, h => h.Details.Contains("The SMS gateway answered 500", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Retry_all_sends_every_failed_message_again()
    {
        var failed = new[] { await FailedAsync(), await FailedAsync() };

        var response = await messaging.App.CreateClient().PostAsync("/api/admin/messages/retry", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.Read<RetriedView>()).Retried >= 2);
        foreach (var message in failed)
        {
            Assert.Equal(MessageState.Sent, (await messaging.WaitForRowAsync(message.MessageId, m => m.State == MessageState.Sent)).State);
        }
    }

    [Fact]
    public async Task Only_a_failed_message_can_be_retried()
    {
        var sent = await SentAsync();
        var admin = messaging.App.CreateClient();

        var again = await admin.PostAsync($"/api/admin/messages/{sent.Id}/retry", null);
        var missing = await admin.PostAsync("/api/admin/messages/999999/retry", null);

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.NotFound), (again.StatusCode, missing.StatusCode));
        Assert.Contains("Only a failed message can be retried", (await again.ReadJson()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Messages_are_listed_by_any_state_and_an_unknown_state_is_a_problem()
    {
        var sent = await SentAsync();
        var admin = messaging.App.CreateClient();

        var overview = await (await admin.GetAsync("/api/admin/messages?state=Sent")).Read<MessagesOverview>();
        var unknown = await admin.GetAsync("/api/admin/messages?state=Lost");

        Assert.Contains(overview.Messages, m => m.MessageId == sent.MessageId && m.Status == "Message sent");
        Assert.True(overview.SentToday >= 1);
        Assert.Equal((HttpStatusCode.BadRequest, "application/problem+json"), (unknown.StatusCode, unknown.Content.Headers.ContentType?.MediaType));
    }

    [Fact]
    public async Task The_desk_may_not_see_or_retry_messages()
    {
        var desk = await messaging.App.ClientAsAsync(Roles.Receptionist);

        Assert.Equal(HttpStatusCode.Forbidden, (await desk.GetAsync("/api/admin/messages")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await desk.PostAsJsonAsync("/api/admin/messages/retry", new { })).StatusCode);
    }
}

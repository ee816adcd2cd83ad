using System.Net;
using OpdReception.Domain;
using OpdReception.Services.Messages;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Messages;

/// <summary>
/// Against the real dispatcher and a real local gateway: a token's messages go in the order they were written, and a
/// message no longer true of its token when its turn comes (after a gateway outage, an admin's retry) is never sent.
/// </summary>
public sealed class MessageOrderTests(MessagingApp messaging) : IClassFixture<MessagingApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A walk-in (no phone, so the desk's own changes write no message) taken in to the doctor.</summary>
    private async Task<int> InConsultationAsync()
    {
        var token = await messaging.Desk.Issue("walkin", (await messaging.Desk.NewSlot()).Id, phone: null);
        Assert.Equal(HttpStatusCode.OK, (await messaging.Desk.SetStatus(token.Id, "InConsultation")).StatusCode);
        return token.Id;
    }

    [Fact]
    public async Task A_later_message_of_a_token_waits_while_an_earlier_one_is_retried()
    {
        var tokenId = messaging.NextToken();
        messaging.Gateway.Answer(503);
        var issued = OutboxRows.Message(tokenId, messaging.App.Clock.Now, "Token A001 issued.");
        var moved = OutboxRows.Message(tokenId, messaging.App.Clock.Now, "Token A001 moved.", what: PatientMessageEvent.Moved);
        await messaging.CommitAsync(issued, moved);

        await messaging.WaitForRowAsync(issued.MessageId, m => m is { State: MessageState.Queued, Attempts: 1 });
        await Task.Delay(1500, Ct);
        Assert.Equal((MessageState.Queued, 0), ((await messaging.RowAsync(moved.MessageId)).State, (await messaging.RowAsync(moved.MessageId)).Attempts));
        Assert.DoesNotContain(messaging.Gateway.Requests, r => r.Id == moved.MessageId);

        await messaging.WaitForRowAsync(moved.MessageId, m => m.State == MessageState.Sent, step: TimeSpan.FromSeconds(1));
        var order = messaging.Gateway.Requests.Where(r => r.Id == issued.MessageId || r.Id == moved.MessageId)
            .Select(r => (r.Id, r.AnsweredWith)).ToList();
        Assert.Equal([(issued.MessageId, 503), (issued.MessageId, 200), (moved.MessageId, 200)], order);
    }

    [Fact]
    public async Task A_call_is_sent_while_the_patient_is_with_the_doctor()
    {
        var tokenId = await InConsultationAsync();
        var called = OutboxRows.Message(tokenId, messaging.App.Clock.Now, what: PatientMessageEvent.Called);
        await messaging.CommitAsync(called);

        var row = await messaging.WaitForRowAsync(called.MessageId, m => m.State == MessageState.Sent);

        Assert.Equal(1, row.Attempts);
        Assert.Contains(messaging.Gateway.Requests, r => r.Id == called.MessageId);
    }

    [Fact]
    public async Task A_failed_call_retried_by_the_admin_after_the_visit_is_not_sent_and_says_why()
    {
        var tokenId = await InConsultationAsync();
        var called = OutboxRows.Message(tokenId, messaging.App.Clock.Now, what: PatientMessageEvent.Called);
        called.State = MessageState.Failed;
        called.Attempts = 3;
        called.LastError = "Gave up after 3 attempts. Last answer: The SMS gateway answered 503 (Service Unavailable).";
        called.FailedAt = messaging.App.Clock.Now;
        await messaging.CommitAsync(called);
        Assert.Equal(HttpStatusCode.OK, (await messaging.Desk.SetStatus(tokenId, "Completed")).StatusCode);

        var retried = await messaging.App.CreateClient().PostAsync("/api/admin/messages/retry", null, Ct);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var row = await messaging.WaitForRowAsync(called.MessageId, m => m.State == MessageState.Skipped);

        Assert.Equal("Not sent: the patient had already been seen.", row.LastError);
        Assert.DoesNotContain(messaging.Gateway.Requests, r => r.Id == called.MessageId);
        var history = (await messaging.Desk.Token(tokenId)).Messages!;
        Assert.Contains(history, m => (m.What, m.Status, m.State) == ("Called in", "Not sent: the patient had already been seen.", MessageState.Skipped));
        var skipped = await (await messaging.App.CreateClient().GetAsync("/api/admin/messages?state=Skipped", Ct)).Read<MessagesOverview>();
        Assert.Contains(skipped.Messages, m => m.MessageId == called.MessageId && m.Status == "Not sent: the patient had already been seen.");
        Assert.True(skipped.StaleToday >= 1, "The admin's count of today's stale messages did not count it.");
    }

    [Fact]
    public async Task A_call_left_unsent_for_hours_by_a_gateway_outage_is_not_sent_at_start()
    {
        var tokenId = await InConsultationAsync();
        var stale = OutboxRows.Message(tokenId, messaging.App.Clock.Now.AddMinutes(-150), what: PatientMessageEvent.Called);
        await messaging.CommitAsync(stale);

        var row = await messaging.WaitForRowAsync(stale.MessageId, m => m.State == MessageState.Skipped);

        Assert.Equal((MessageRelevanceRule.CallTooOld, 0), (row.LastError, row.Attempts));
        Assert.DoesNotContain(messaging.Gateway.Requests, r => r.Id == stale.MessageId);
    }
}

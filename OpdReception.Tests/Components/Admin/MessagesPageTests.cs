using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpdReception.Components.Pages.Admin;
using OpdReception.Data;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Components.Admin;

/// <summary>The admin's Message delivery page: what failed for good, why, masked, and a Retry that puts it back in the queue.</summary>
public sealed class MessagesPageTests(OpdApp app) : AdminContext(app)
{
    private async Task<OutboxMessage> FailedAsync(int tokenId, string phone, string why)
    {
        var message = OutboxRows.Message(tokenId, App.Clock.Now, recipient: phone);
        message.State = MessageState.Failed;
        message.Attempts = 8;
        message.LastError = why;
        message.FailedAt = App.Clock.Now;
        await OutboxRows.AddAsync(App.Services.GetRequiredService<IDbContextFactory<OpdDbContext>>(), message);
        return message;
    }

    private async Task<OutboxMessage> RowAsync(long id) =>
        (await OutboxRows.ReadAsync(App.Services.GetRequiredService<IDbContextFactory<OpdDbContext>>())).Single(m => m.Id == id);

    [Fact]
    public void Delivery_and_wording_are_two_differently_named_pages_in_the_title_and_the_menu()
    {
        var page = RenderAsAdmin<PatientMessages>("/admin/messages");

        Assert.Equal("Message delivery", page.Find("h1").TextContent.Trim());
        Assert.Equal("Message delivery", page.Find("a[href='/admin/messages']").TextContent.Trim());
        Assert.Equal("Message wording", page.Find("a[href='/admin/message-templates']").TextContent.Trim());
    }

    [Fact]
    public async Task Retry_puts_a_failed_message_back_in_the_queue_and_off_the_failed_list()
    {
        var token = await Desk.Issue("book", (await Desk.NewSlot()).Id);
        var failed = await FailedAsync(token.Id, "+91 90000 04321", "Gave up after 8 attempts. Last answer: The SMS gateway answered 502 (Bad Gateway).");
        var page = RenderAsAdmin<PatientMessages>("/admin/messages");

        var row = page.WaitForElements("[data-testid=failed-message]").Single(r => r.TextContent.Contains("4321", StringComparison.Ordinal));
        Assert.Contains("••••••4321", row.TextContent);
        Assert.DoesNotContain("90000", row.TextContent);
        Assert.Contains("Token issued", row.TextContent);
        Assert.Contains("The SMS gateway answered 502 (Bad Gateway).", row.TextContent);
        // No gateway URL is set in this app: the admin is told why messages wait.
        Assert.Contains("no SMS gateway (webhook) URL is set", page.Find("[data-testid=not-set-up]").TextContent);

        row.QuerySelector("button")!.Click();

        page.WaitForAssertion(() => Assert.DoesNotContain(page.FindAll("[data-testid=failed-message]"), r => r.TextContent.Contains("4321", StringComparison.Ordinal)));
        var requeued = await RowAsync(failed.Id);
        Assert.Equal((MessageState.Queued, 0, null, null), (requeued.State, requeued.Attempts, requeued.LastError, requeued.FailedAt));
        Assert.Equal(App.Clock.Now, requeued.NextAttemptAt);
    }

    [Fact]
    public async Task Retry_all_re_queues_every_failed_message()
    {
        var token = await Desk.Issue("book", (await Desk.NewSlot()).Id);
        var failed = new[]
        {
            await FailedAsync(token.Id, "+91 90000 01111", "The SMS gateway answered 500 (Internal Server Error)."),
            await FailedAsync(token.Id, "+91 90000 02222", "The SMS gateway answered 500 (Internal Server Error)."),
        };
        var page = RenderAsAdmin<PatientMessages>("/admin/messages");
        page.WaitForElement("[data-testid=retry-all]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=failed-message]")));
        foreach (var message in failed)
        {
            Assert.Equal(MessageState.Queued, (await RowAsync(message.Id)).State);
        }

        Assert.Contains("No message has failed", page.Find("[data-testid=no-failed]").TextContent);
    }
}

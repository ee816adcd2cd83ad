using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpdReception.Data;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Messages;

/// <summary>Email goes by SMTP (MailKit) to a real SMTP server on a loopback port.</summary>
public sealed class EmailDeliveryTests
{
    [Fact]
    public async Task A_message_for_a_patient_with_an_email_reaches_the_mail_server_in_their_language()
    {
        using var mail = SmtpReceiver.Start();
        await using var app = new OpdApp()
            .With("Opd:Notifications:Smtp:Host", "127.0.0.1")
            .With("Opd:Notifications:Smtp:Port", mail.Port.ToString())
            .With("Opd:Notifications:Smtp:UseTls", "false")
            .With("Opd:Notifications:Smtp:From", "City Hospital OPD <opd@hospital.example>")
            .With("Opd:Notifications:PollSeconds", "3600");
        var desk = new Desk(app.CreateClient());
        var token = await desk.Issue("book", (await desk.NewSlot()).Id, phone: null);
        const string text = "टोकन A001, डॉ. मीना राव, 7 जन॰।";
        var message = OutboxRows.Message(token.Id, app.Clock.Now, text, MessageChannel.Email, "asha.verma@example.org", "hi");
        await OutboxRows.AddAsync(app.Services.GetRequiredService<IDbContextFactory<OpdDbContext>>(), message);
        app.Services.GetRequiredService<OpdChanges>().Announce(new OpdChange(0, token.Id, "Message"));

        var received = Assert.Single(await mail.WaitForAsync(1, TimeSpan.FromSeconds(20)));

        Assert.Equal("asha.verma@example.org", received.To.Mailboxes.Single().Address);
        Assert.Equal("opd@hospital.example", received.From.Mailboxes.Single().Address);
        Assert.Equal("City Hospital OPD: टोकन जारी हुआ (A001)", received.Subject);
        Assert.Equal(text, received.TextBody?.Trim());
        Assert.Equal(message.MessageId, received.Headers["X-Opd-Message-Id"]);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var row = (await OutboxRows.ReadAsync(app.Services.GetRequiredService<IDbContextFactory<OpdDbContext>>())).Single();
        while (row.State != MessageState.Sent && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            row = (await OutboxRows.ReadAsync(app.Services.GetRequiredService<IDbContextFactory<OpdDbContext>>())).Single();
        }

        Assert.Equal((MessageState.Sent, 1), (row.State, row.Attempts));
    }

    [Fact]
    public async Task A_mail_server_that_is_down_leaves_the_message_queued_for_a_retry_saying_why()
    {
        using var gone = SmtpReceiver.Start();
        var port = gone.Port;
        gone.Dispose();
        await using var app = new OpdApp()
            .With("Opd:Notifications:Smtp:Host", "127.0.0.1")
            .With("Opd:Notifications:Smtp:Port", port.ToString())
            .With("Opd:Notifications:Smtp:UseTls", "false")
            .With("Opd:Notifications:Smtp:From", "opd@hospital.example");
        var desk = new Desk(app.CreateClient());
        var token = await desk.Issue("book", (await desk.NewSlot()).Id, phone: null);
        var factory = app.Services.GetRequiredService<IDbContextFactory<OpdDbContext>>();
        await OutboxRows.AddAsync(factory, OutboxRows.Message(token.Id, app.Clock.Now, channel: MessageChannel.Email));
        app.Services.GetRequiredService<OpdChanges>().Announce(new OpdChange(0, token.Id, "Message"));

        var deadline = DateTime.UtcNow.AddSeconds(20);
        var row = (await OutboxRows.ReadAsync(factory)).Single();
        while (row.Attempts == 0 || row.State != MessageState.Queued)
        {
            Assert.True(DateTime.UtcNow < deadline, "The message was not tried.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
            row = (await OutboxRows.ReadAsync(factory)).Single();
        }

        Assert.StartsWith($"The mail server 127.0.0.1:{port} could not take the message:", row.LastError);
        Assert.True(row.NextAttemptAt > app.Clock.Now);
    }

    [Fact]
    public async Task Without_a_gateway_or_mail_server_messages_wait_and_say_why()
    {
        await using var app = new OpdApp();
        var desk = new Desk(app.CreateClient());
        var token = await desk.Issue("book", (await desk.NewSlot()).Id, phone: null);
        var factory = app.Services.GetRequiredService<IDbContextFactory<OpdDbContext>>();
        await OutboxRows.AddAsync(factory, OutboxRows.Message(token.Id, app.Clock.Now));
        app.Services.GetRequiredService<OpdChanges>().Announce(new OpdChange(0, token.Id, "Message"));
        await Task.Delay(500, TestContext.Current.CancellationToken);

        var history = await desk.Token(token.Id);
        var overview = await (await app.CreateClient().GetAsync("/api/admin/messages")).Read<OpdReception.Services.Messages.MessagesOverview>();

        Assert.Equal((MessageState.Queued, 0), ((await OutboxRows.ReadAsync(factory)).Single().State, (await OutboxRows.ReadAsync(factory)).Single().Attempts));
        Assert.Equal("Message waiting to be sent: no SMS gateway (webhook) URL is set", Assert.Single(history.Messages!).Status);
        Assert.Equal(1, overview.Waiting);
        Assert.Contains("SMS / WhatsApp: no SMS gateway (webhook) URL is set, so these messages wait unsent.", overview.NotSetUp);
    }
}

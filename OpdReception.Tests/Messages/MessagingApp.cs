using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpdReception.Data;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Messages;

/// <summary>
/// The app with its webhook pointed at a real local gateway (<see cref="WebhookReceiver"/>): retries after 1 s,
/// 3 attempts, 2 s to answer, and no polling to speak of, so a message goes out only because a commit woke the
/// dispatcher or its own retry fell due.
/// </summary>
public sealed class MessagingApp : IAsyncLifetime
{
    public const string Secret = "test-webhook-secret-0123456789";

    public WebhookReceiver Gateway { get; private set; } = null!;

    public OpdApp App { get; private set; } = null!;

    public Desk Desk { get; private set; } = null!;

    public int TokenId { get; private set; }

    public async ValueTask InitializeAsync()
    {
        Gateway = await WebhookReceiver.StartAsync();
        App = new OpdApp()
            .With("Opd:Notifications:Webhook:Url", Gateway.Url.ToString())
            .With("Opd:Notifications:Webhook:Secret", Secret)
            .With("Opd:Notifications:Webhook:TimeoutSeconds", "2")
            .With("Opd:Notifications:FirstRetrySeconds", "1")
            .With("Opd:Notifications:MaxAttempts", "3")
            .With("Opd:Notifications:PollSeconds", "3600");
        Desk = new Desk(App.CreateClient());
        for (var slot = 0; slot < 4; slot++)
        {
            var slotId = (await Desk.NewSlot()).Id;
            for (var i = 0; i < 6; i++)
            {
                _tokens.Enqueue((await Desk.Issue("book", slotId, phone: null)).Id);
            }
        }

        NextToken();
    }

    private readonly Queue<int> _tokens = new();

    /// <summary>
    /// Each message is about a token of its own: a token's messages go in order, so a message a test leaves retrying
    /// would otherwise hold the next test's. <see cref="TokenId"/> is the token of the latest message.
    /// </summary>
    public int NextToken() => TokenId = _tokens.Dequeue();

    private IDbContextFactory<OpdDbContext> Factory => App.Services.GetRequiredService<IDbContextFactory<OpdDbContext>>();

    /// <summary>Commits the messages and announces the commit, as every change that writes a message does.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> CommitAsync(params OutboxMessage[] messages)
    {
        await OutboxRows.AddAsync(Factory, messages);
        App.Services.GetRequiredService<OpdChanges>().Announce(new OpdChange(0, TokenId, "Message"));
        return messages;
    }

    public OutboxMessage Message(string text = "Token A001: please go to Room 101 now.", string language = "en") =>
        OutboxRows.Message(NextToken(), App.Clock.Now, text, language: language);

    public async Task<OutboxMessage> RowAsync(string messageId) =>
        (await OutboxRows.ReadAsync(Factory)).Single(m => m.MessageId == messageId);

    /// <summary>Waits (real time, 20 s at most) until the row satisfies <paramref name="done"/>; moves the app's clock on by <paramref name="step"/> meanwhile, so retries fall due.</summary>
    public async Task<OutboxMessage> WaitForRowAsync(string messageId, Func<OutboxMessage, bool> done, TimeSpan? step = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var row = await RowAsync(messageId);
        while (!done(row) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            if (step is { } by)
            {
                App.Clock.Advance(by);
            }

            row = await RowAsync(messageId);
        }

        return row;
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Gateway.DisposeAsync();
    }
}

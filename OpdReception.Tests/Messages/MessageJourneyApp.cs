using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Messages;

/// <summary>
/// The whole app as a hospital runs it: its webhook at a real local gateway, its mail at a real SMTP server, the
/// dispatcher running, the patient page's address and the desk's phone set. Nothing is sent but what a change wrote.
/// </summary>
public sealed class MessageJourneyApp : IAsyncLifetime
{
    public const string Secret = "journey-webhook-secret-0123456789";
    public const string BaseUrl = "https://opd.hospital.example";
    public const string DeskPhone = "044 2345 6789";

    public static readonly string[] BodyMembers = ["id", "event", "tokenId", "tokenNumber", "phone", "language", "text", "templateId", "createdAt"];

    public WebhookReceiver Gateway { get; private set; } = null!;

    public SmtpReceiver Mail { get; private set; } = null!;

    public OpdApp App { get; private set; } = null!;

    public Desk Desk { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Gateway = await WebhookReceiver.StartAsync();
        Mail = SmtpReceiver.Start();
        App = new OpdApp()
            .With("Opd:Notifications:PatientPageBaseUrl", BaseUrl)
            .With("Opd:Notifications:DeskPhone", DeskPhone)
            .With("Opd:Notifications:Webhook:Url", Gateway.Url.ToString())
            .With("Opd:Notifications:Webhook:Secret", Secret)
            .With("Opd:Notifications:Webhook:TimeoutSeconds", "2")
            .With("Opd:Notifications:Smtp:Host", "127.0.0.1")
            .With("Opd:Notifications:Smtp:Port", Mail.Port.ToString())
            .With("Opd:Notifications:Smtp:UseTls", "false")
            .With("Opd:Notifications:Smtp:From", "City Hospital OPD <opd@hospital.example>")
            .With("Opd:Notifications:FirstRetrySeconds", "1")
            .With("Opd:Notifications:PollSeconds", "3600");
        Desk = new Desk(App.CreateClient());
        await Task.CompletedTask;
    }

    /// <summary>What the gateway can check: the HMAC of the raw body bytes with the shared secret.</summary>
    public static string Sign(byte[] body) => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), body));

    /// <summary>Waits (20 s at most) for the gateway to have taken a message of this event for the token.</summary>
    public async Task<WebhookReceiver.Received> ArrivedAsync(int tokenId, PatientMessageEvent kind)
    {
        bool Matches(WebhookReceiver.Received r) =>
            r.AnsweredWith == 200 && r.Json.GetProperty("tokenId").GetInt32() == tokenId && r.Json.GetProperty("event").GetString() == kind.ToString();
        var all = await Gateway.WaitForAsync(received => received.Any(Matches), TimeSpan.FromSeconds(20));
        return Assert.Single(all, Matches);
    }

    public IReadOnlyList<WebhookReceiver.Received> ArrivedFor(int tokenId) =>
        [.. Gateway.Requests.Where(r => r.Json.GetProperty("tokenId").GetInt32() == tokenId)];

    public async Task<List<OutboxMessage>> RowsAsync(int tokenId)
    {
        await using var db = await App.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.TokenId == tokenId).OrderBy(m => m.Id).ToListAsync();
    }

    public async Task<Token> TokenAsync(int tokenId)
    {
        await using var db = await App.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync();
        return await db.Tokens.AsNoTracking().Include(t => t.History).SingleAsync(t => t.Id == tokenId);
    }

    public async Task<string[]> SkippedLinesAsync(int tokenId) =>
        [.. (await TokenAsync(tokenId)).History.Where(e => e.Action == MessageRules.SkippedAction).Select(e => e.Reason!)];

    /// <summary>Waits (30 s at most) for the one mail to the address; the test mail server takes one session only.</summary>
    public async Task<MimeKit.MimeMessage> MailToAsync(string address)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !Mail.Messages.Any(m => m.To.Mailboxes.Any(b => b.Address == address)))
        {
            await Task.Delay(50);
        }

        return Assert.Single(Mail.Messages, m => m.To.Mailboxes.Any(b => b.Address == address));
    }

    /// <summary>Issues at the desk's API, with the message fields the desk sends (language, email, no messages).</summary>
    public async Task<TokenView> IssueAsync(int slotId, string name, string phone, string? language = null, string? email = null, bool? messagesOptOut = null)
    {
        var response = await Desk.Client.Post("/api/tokens/walkin", new { slotId, patientName = name, phoneNumber = phone, newPatient = true, language, email, messagesOptOut });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await response.Read<TokenView>();
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Gateway.DisposeAsync();
        Mail.Dispose();
    }
}

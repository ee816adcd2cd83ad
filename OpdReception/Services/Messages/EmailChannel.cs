using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services.Messages;

/// <summary>
/// Email by SMTP (MailKit), for patients who gave an email address. One connection per message: messages are few
/// (a patient's handful a day) and a connection kept open would only go stale between them.
/// </summary>
public sealed class EmailChannel(IOptions<MessageDeliveryOptions> options, IOptionsMonitor<OpdOptions> opd) : IMessageChannel
{
    public MessageChannel Channel => MessageChannel.Email;

    public MimeMessage Compose(OutboxMessage message)
    {
        var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse(options.Value.Smtp.From!));
        mail.To.Add(MailboxAddress.Parse(message.Recipient));
        mail.Subject = $"{opd.CurrentValue.HospitalName}: {MessageWords.Subject(message.Event, message.Language)} ({message.TokenNumber})";
        mail.Headers.Add("X-Opd-Message-Id", message.MessageId);
        mail.Body = new TextPart("plain") { Text = message.Text };
        return mail;
    }

    /// <summary>With TLS on, never plain text: TLS on connect for port 465, else STARTTLS, required, not "when offered".</summary>
    private static SecureSocketOptions Security(SmtpSettings settings) =>
        !settings.UseTls ? SecureSocketOptions.None : settings.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;

    public async Task<AttemptResult> SendAsync(OutboxMessage message, CancellationToken ct)
    {
        if (!MailboxAddress.TryParse(message.Recipient, out _))
        {
            return new AttemptResult.NotAccepted($"'{message.Recipient}' is not an email address; correct it on the patient's record.", Permanent: true);
        }

        var settings = options.Value.Smtp;
        using var client = new SmtpClient { Timeout = settings.TimeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(settings.Host!, settings.Port, Security(settings), ct);
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", ct);
            }

            await client.SendAsync(Compose(message), ct);
            await QuitAsync(client);
            return new AttemptResult.Accepted();
        }
        catch (SmtpCommandException ex) when (ex.ErrorCode == SmtpErrorCode.RecipientNotAccepted && (int)ex.StatusCode >= 500)
        {
            return new AttemptResult.NotAccepted($"The mail server refused the address {message.Recipient}: {ex.Message}", Permanent: true);
        }
        catch (AuthenticationException ex)
        {
            return new AttemptResult.NotAccepted($"The mail server did not accept Opd:Notifications:Smtp:UserName and Password: {ex.Message}");
        }
        catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException or IOException
                                       or System.Net.Sockets.SocketException or SslHandshakeException or TimeoutException
                                       || ex is OperationCanceledException && !ct.IsCancellationRequested)
        {
            return new AttemptResult.NotAccepted($"The mail server {settings.Host}:{settings.Port} could not take the message: {ex.Message}");
        }
    }

    /// <summary>
    /// The server has taken the message once SendAsync returns. A QUIT it leaves unanswered or cuts off must not make
    /// the message "not accepted": the retry would mail the patient twice.
    /// </summary>
    private static async Task QuitAsync(SmtpClient client)
    {
        try
        {
            await client.DisconnectAsync(quit: true, CancellationToken.None);
        }
        catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or IOException or System.Net.Sockets.SocketException
                                       or TimeoutException or OperationCanceledException)
        {
            // Taken is taken; the connection is dropped by the using.
        }
    }
}

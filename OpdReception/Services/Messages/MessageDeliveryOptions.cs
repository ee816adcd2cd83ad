using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using OpdReception.Domain;

namespace OpdReception.Services.Messages;

/// <summary>
/// How patient messages are delivered, section "Opd:Notifications" (the events and templates have settings of their
/// own in the same section). A channel with no URL or mail server set sends nothing: its messages wait, Queued.
/// </summary>
public sealed class MessageDeliveryOptions
{
    public const string Section = "Opd:Notifications";

    public WebhookSettings Webhook { get; set; } = new();

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>Attempts before a message fails for good and waits on the admin's Messages page.</summary>
    [Range(1, 50)] public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait before the first retry; each next wait is three times longer, up to <see cref="LongestRetryMinutes"/>.</summary>
    [Range(1, 3600)] public int FirstRetrySeconds { get; set; } = 10;

    [Range(1, 24 * 60)] public int LongestRetryMinutes { get; set; } = 15;

    /// <summary>A message not sent this long after its event ("please go in now") fails instead of reaching the patient late.</summary>
    [Range(1, 24 * 7)] public int TooLateAfterHours { get; set; } = 12;

    /// <summary>Messages taken from the outbox at once.</summary>
    [Range(1, 500)] public int BatchSize { get; set; } = 20;

    /// <summary>How often the outbox is looked at when nothing wakes the dispatcher (a committed change does, at once).</summary>
    [Range(1, 3600)] public int PollSeconds { get; set; } = 30;

    public RetryPolicy Retry => new(TimeSpan.FromSeconds(FirstRetrySeconds), 3, TimeSpan.FromMinutes(LongestRetryMinutes), MaxAttempts,
        TimeSpan.FromHours(TooLateAfterHours));

    /// <summary>Why a channel sends nothing, in an admin's words; null when it is set up.</summary>
    public string? NotSetUp(MessageChannel channel) => channel switch
    {
        MessageChannel.Webhook when string.IsNullOrWhiteSpace(Webhook.Url) => "no SMS gateway (webhook) URL is set",
        MessageChannel.Email when string.IsNullOrWhiteSpace(Smtp.Host) => "no mail server is set",
        _ => null,
    };
}

public sealed class WebhookSettings
{
    /// <summary>Where each message is POSTed: the hospital's SMS or WhatsApp gateway.</summary>
    public string? Url { get; set; }

    /// <summary>The HMAC-SHA256 key of the X-Opd-Signature header, shared with the gateway; also checks its receipts.</summary>
    public string? Secret { get; set; }

    [Range(1, 100_000)] public int PerMinute { get; set; } = 120;

    /// <summary>An answer not come within this is a failed attempt, retried.</summary>
    [Range(1, 120)] public int TimeoutSeconds { get; set; } = 10;
}

public sealed class SmtpSettings
{
    public string? Host { get; set; }

    [Range(1, 65535)] public int Port { get; set; } = 587;

    /// <summary>The sender, such as "City Hospital OPD &lt;opd@hospital.example&gt;".</summary>
    public string? From { get; set; }

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>TLS on connect (port 465) or STARTTLS; off only for a mail relay on the same machine or network.</summary>
    public bool UseTls { get; set; } = true;

    [Range(1, 100_000)] public int PerMinute { get; set; } = 60;

    [Range(1, 300)] public int TimeoutSeconds { get; set; } = 30;
}

/// <summary>Wrong delivery settings stop the app at start, said so the person setting it up can fix them.</summary>
public sealed class MessageDeliveryOptionsValidator : IValidateOptions<MessageDeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, MessageDeliveryOptions options)
    {
        var problems = new List<string>();
        foreach (var (section, settings) in new (string, object)[] { ("Webhook", options.Webhook), ("Smtp", options.Smtp) })
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true);
            problems.AddRange(results.Select(r => $"Opd:Notifications:{section}: {r.ErrorMessage}"));
        }

        if (!string.IsNullOrWhiteSpace(options.Webhook.Url))
        {
            if (!Uri.TryCreate(options.Webhook.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                problems.Add($"Opd:Notifications:Webhook:Url ('{options.Webhook.Url}') must be an absolute http or https address.");
            }

            if ((options.Webhook.Secret?.Length ?? 0) < 16)
            {
                problems.Add("Opd:Notifications:Webhook:Secret must be set, at least 16 characters, when a webhook URL is set: the gateway checks each message's signature with it.");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.Smtp.Host))
        {
            if (!MimeKit.MailboxAddress.TryParse(options.Smtp.From ?? "", out _))
            {
                problems.Add($"Opd:Notifications:Smtp:From ('{options.Smtp.From}') must be an email address, such as \"City Hospital OPD <opd@hospital.example>\", when a mail server is set.");
            }

            if (string.IsNullOrEmpty(options.Smtp.UserName) != string.IsNullOrEmpty(options.Smtp.Password))
            {
                problems.Add("Opd:Notifications:Smtp:UserName and Password go together: set both, or neither for a server that needs no sign-in.");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

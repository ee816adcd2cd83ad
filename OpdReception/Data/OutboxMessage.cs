using OpdReception.Domain;

namespace OpdReception.Data;

/// <summary>
/// A message to a patient, written in the same transaction as the change that causes it, so a crash between the
/// commit and the delivery loses nothing: the dispatcher finds it on restart. The text is rendered when the event
/// happens, from the template of that moment, in the patient's language.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>The webhook body's "id": the same on every retry, so the receiver can drop repeats.</summary>
    public required string MessageId { get; set; }

    public PatientMessageEvent Event { get; set; }
    public int TokenId { get; set; }

    /// <summary>The label as printed on the slip, such as A014.</summary>
    public required string TokenNumber { get; set; }

    public MessageChannel Channel { get; set; }

    /// <summary>The phone (webhook) or email address the message goes to, as it was when the event happened.</summary>
    public required string Recipient { get; set; }

    /// <summary>"en", "hi" or "ta".</summary>
    public required string Language { get; set; }

    public required string Text { get; set; }

    /// <summary>The DLT template id Indian SMS rules ask for, passed to the gateway as "templateId".</summary>
    public string? TemplateId { get; set; }

    public DateTime CreatedAt { get; set; }
    public MessageState State { get; set; }
    public int Attempts { get; set; }

    /// <summary>When the dispatcher may try next; backoff moves it on after each failed attempt.</summary>
    public DateTime NextAttemptAt { get; set; }

    /// <summary>Why the last attempt failed, in words an admin can act on.</summary>
    public string? LastError { get; set; }

    public DateTime? SentAt { get; set; }
    public DateTime? DeliveredAt { get; set; }
    public DateTime? FailedAt { get; set; }
}

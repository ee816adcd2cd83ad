using OpdReception.Domain;

namespace OpdReception.Data;

/// <summary>
/// An admin's own wording of one kind of message in one language, replacing the default (<see cref="MessageTemplates"/>);
/// deleting the row is "reset to default". Only edited templates have a row.
/// </summary>
public sealed class NotificationTemplate
{
    public int Id { get; set; }

    /// <summary>Which message: an event, with the leave's cancellation worded apart (<see cref="MessageKind"/>).</summary>
    public MessageKind Event { get; set; }

    /// <summary>"en", "hi" or "ta".</summary>
    public required string Language { get; set; }

    public required string Text { get; set; }

    /// <summary>The template id registered on the DLT portal, passed to the gateway as "templateId".</summary>
    public string? DltTemplateId { get; set; }

    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}

using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services.Messages;

/// <summary>One way a message reaches a patient (an SMS gateway's webhook, email): the I/O edge of the dispatcher.</summary>
public interface IMessageChannel
{
    MessageChannel Channel { get; }

    /// <summary>One attempt. Never throws for the far side's failures: they come back as <see cref="AttemptResult.NotAccepted"/>.</summary>
    Task<AttemptResult> SendAsync(OutboxMessage message, CancellationToken ct);
}

namespace OpdReception.Data;

/// <summary>
/// A random secret the app makes for itself the first time it needs one, kept with the data it guards: the entrance
/// code of the day and the kiosks' keys are HMACs with it (<see cref="Domain.EntranceCode"/>). A new secret (delete
/// the row) changes today's code and every kiosk's key at once.
/// </summary>
public sealed class SiteSecret
{
    public required string Purpose { get; set; }
    public required byte[] Value { get; set; }
    public DateTime CreatedAt { get; set; }
}

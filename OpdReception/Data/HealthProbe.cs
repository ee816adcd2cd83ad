namespace OpdReception.Data;

/// <summary>One row that /health rewrites to prove the database still takes a durable write; no patient data.</summary>
public sealed class HealthProbe
{
    public int Id { get; set; }
    public DateTime CheckedAt { get; set; }
}

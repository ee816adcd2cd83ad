using System.ComponentModel.DataAnnotations;

namespace OpdReception.Services;

/// <summary>Settings of section "Opd:Estimates": how the times patients are told are made (docs/estimates.md).</summary>
public sealed class EstimateOptions
{
    /// <summary>Learn each doctor's pace from their own consultations and tell ranges; false: the slots' nominal minutes only, no range.</summary>
    public bool Learn { get; set; } = true;

    /// <summary>How many of a doctor's last consultations the pace is learned from.</summary>
    [Range(5, 200)] public int Window { get; set; } = 40;

    /// <summary>Why the settings cannot be used, or null.</summary>
    public string? Problem() =>
        Validator.TryValidateObject(this, new ValidationContext(this), null, validateAllProperties: true)
            ? null
            : $"Opd:Estimates:Window ({Window}) must be between 5 and 200 consultations.";
}

namespace OpdReception.Data;

/// <summary>
/// A waiting-room TV an admin named, opened at /display?screen=NAME: what it speaks on a call. A display opened
/// without a name, or with one not listed here, speaks the hospital's default (Opd:Display:SpeechLanguages).
/// </summary>
public sealed class DisplayScreen
{
    public int Id { get; set; }

    /// <summary>Lower case: letters, digits and dashes (DisplayScreenRules).</summary>
    public required string Name { get; set; }

    /// <summary>"off" or language codes in the order spoken, "en,hi,ta".</summary>
    public required string Speech { get; set; }

    public DateTime UpdatedAt { get; set; }
}

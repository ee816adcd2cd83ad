using System.ComponentModel.DataAnnotations;

namespace OpdReception.Services;

/// <summary>The patient's own token page (/t/{code}), section "Opd:PatientPage".</summary>
public sealed class PatientPageOptions
{
    public const string Section = "Opd:PatientPage";

    /// <summary>
    /// Requests to the page, its state, its stream and its two forms one client address may make per minute before
    /// answers are 429. A waiting room on one Wi-Fi address shares it, hence well above one phone's needs
    /// (a page, a stream and a state fetch every 15 s when streams are blocked).
    /// </summary>
    [Range(10, 1_000_000)] public int RequestsPerMinutePerAddress { get; set; } = 600;

    /// <summary>A comment line on every open stream this often, so proxies and phones do not drop a quiet connection.</summary>
    [Range(5, 300)] public int HeartbeatSeconds { get; set; } = 25;

    /// <summary>
    /// Live streams one client address may hold open at once; past it a page follows its token by fetching its state.
    /// Apart from the TV screens' Opd:MaxAnonymousScreensPerClient: hospital Wi-Fi and mobile carriers (CGNAT) put
    /// hundreds of phones behind one address.
    /// </summary>
    [Range(1, 1_000_000)] public int MaxOpenStreamsPerAddress { get; set; } = 500;

    /// <summary>How often a page without a stream fetches its state instead (the page's script reads it from the page).</summary>
    [Range(5, 300)] public int PollSeconds { get; set; } = 15;
}

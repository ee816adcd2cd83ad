namespace OpdReception.Benchmarks;

/// <summary>
/// How much of everything one run does. The full run is sized to finish in about five minutes on a 2-core machine;
/// the quick one runs every step with small counts, so a test proves the whole command works without timing anything.
/// </summary>
public sealed record BenchSize(
    string Name,
    int RawInserts,
    int WarmupRequests,
    IReadOnlyList<int> Clients,
    int SpreadSlots,
    int SequentialRequests,
    int ConcurrentRequests,
    int ConcentratedCapacity,
    int ConcentratedOverflow,
    IReadOnlyList<int> QueueSizes,
    int DaySlots,
    int TokensPerDaySlot,
    int ReadRuns,
    int ReallocatedTokens,
    int HistoryTokens,
    IReadOnlyList<int> DisplayPages,
    int BoardPages,
    int LatencyTrials,
    int LoadedDisplays,
    int DisplayLoadRequests,
    int PatientPages,
    int PatientTabs)
{
    /// <summary>Slots hold at most this many seats (the slot rules); emergencies add seats beyond it.</summary>
    public const int MaxCapacity = 500;

    public static readonly BenchSize Full = new(
        "full", RawInserts: 3000, WarmupRequests: 1000, Clients: [1, 8, 32, 128], SpreadSlots: 64,
        SequentialRequests: 400, ConcurrentRequests: 2000, ConcentratedCapacity: MaxCapacity, ConcentratedOverflow: 50,
        QueueSizes: [20, 200, 2000], DaySlots: 7, TokensPerDaySlot: 30, ReadRuns: 60, ReallocatedTokens: 200,
        HistoryTokens: 1_000_000, DisplayPages: [20, 50], BoardPages: 20, LatencyTrials: 5,
        LoadedDisplays: 200, DisplayLoadRequests: 600, PatientPages: 1000, PatientTabs: 20);

    public static readonly BenchSize Quick = new(
        "quick", RawInserts: 100, WarmupRequests: 40, Clients: [1, 8, 32, 128], SpreadSlots: 4,
        SequentialRequests: 20, ConcurrentRequests: 160, ConcentratedCapacity: 40, ConcentratedOverflow: 8,
        QueueSizes: [20, 60], DaySlots: 2, TokensPerDaySlot: 5, ReadRuns: 5, ReallocatedTokens: 10,
        HistoryTokens: 20_000, DisplayPages: [2], BoardPages: 2, LatencyTrials: 2,
        LoadedDisplays: 3, DisplayLoadRequests: 40, PatientPages: 20, PatientTabs: 2);

    public int Requests(int clients) => clients == 1 ? SequentialRequests : ConcurrentRequests;
}

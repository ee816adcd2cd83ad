using OpdReception.Domain;

namespace OpdReception.Simulation;

/// <summary>
/// Where a group of tokens ended the day, as the database holds it. <see cref="Issued"/> is the stored token count,
/// counted apart from the final states, so a token in no known state shows as a gap. <see cref="NeverArrived"/> are
/// bookings still waiting for their patient.
/// </summary>
public sealed record Tally(int Issued, int Completed, int NoShow, int Cancelled, int StillWaiting, int NeverArrived, int InConsultation, int ExtraSeats)
{
    public static Tally Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>The tokens whose final status is known; equal to <see cref="Issued"/> when none went missing.</summary>
    public int Accounted => Completed + NoShow + Cancelled + StillWaiting + NeverArrived + InConsultation;

    /// <param name="issued">The stored token count, from its own query rather than the sum of <paramref name="byStatus"/>.</param>
    public static Tally Of(int issued, IReadOnlyDictionary<TokenStatus, int> byStatus, int extraSeats) => new(
        issued,
        byStatus.GetValueOrDefault(TokenStatus.Completed),
        byStatus.GetValueOrDefault(TokenStatus.NoShow),
        byStatus.GetValueOrDefault(TokenStatus.Cancelled),
        byStatus.GetValueOrDefault(TokenStatus.Waiting),
        byStatus.GetValueOrDefault(TokenStatus.Booked),
        byStatus.GetValueOrDefault(TokenStatus.InConsultation),
        extraSeats);

    public static Tally operator +(Tally a, Tally b) => new(
        a.Issued + b.Issued, a.Completed + b.Completed, a.NoShow + b.NoShow, a.Cancelled + b.Cancelled,
        a.StillWaiting + b.StillWaiting, a.NeverArrived + b.NeverArrived, a.InConsultation + b.InConsultation, a.ExtraSeats + b.ExtraSeats);
}

/// <summary>One doctor or source: how many tokens the desk was told it holds, beside what the database holds.</summary>
public sealed record TallyRow(string Label, int DeskIssued, Tally Tally);

/// <summary>Counts from the token history and the slots, to hold the desk's own counters against.</summary>
public sealed record StoredCounts(int ReallocatedEvents, int SlotsChecked);

/// <summary>
/// The day's outcome as the database tells it, beside what the desk counted while it happened. Per doctor, the
/// extra seats are the slots' emergency extensions; per source, the history's emergency-seat events.
/// </summary>
public sealed record DayReport(
    string Title,
    DateOnly Date,
    DateTime EndedAt,
    int DeskIssued,
    IReadOnlyList<TallyRow> ByDoctor,
    IReadOnlyList<TallyRow> BySource,
    DeskEvents Events,
    StoredCounts Stored,
    IReadOnlyList<string> Unexpected)
{
    /// <summary>The headline: how close the first time each patient was told came to the moment they were called.</summary>
    public EtaAccuracy EtaAccuracy { get; init; } = EtaAccuracy.Empty(ToldTime.First, Estimator.InUse);

    /// <summary>The same first times told, as nominal minutes alone would have put them: what the estimator must beat.</summary>
    public EtaAccuracy EtaBaseline { get; init; } = EtaAccuracy.Empty(ToldTime.First, Estimator.Nominal);

    /// <summary>The old headline: each patient's last time told before the call, however shortly before.</summary>
    public EtaAccuracy EtaLastTold { get; init; } = EtaAccuracy.Empty(ToldTime.Last, Estimator.InUse);

    public EtaAccuracy EtaLastToldThirtyMinutesBefore { get; init; } = EtaAccuracy.Empty(ToldTime.LastThirtyMinutesBefore, Estimator.InUse);

    /// <summary>From check-in (or arrival, for those issued on arrival) to the doctor's call.</summary>
    public WaitFigures CheckInToCall { get; init; } = WaitFigures.Empty;

    public IReadOnlyList<DoctorTime> DoctorTimes { get; init; } = [];

    /// <summary>The longest waits by source, and how often waiting walk-ins saw later arrivals called first.</summary>
    public Fairness Fairness { get; init; } = Fairness.None;

    /// <summary>Every patient called, with every time they were told: the raw figures, so several days can be pooled.</summary>
    public IReadOnlyList<CalledPatient> Called { get; init; } = [];

    public SentAway SentAway { get; init; } = SentAway.None;

    public Tally Total => ByDoctor.Aggregate(Tally.Zero, (sum, row) => sum + row.Tally);

    public Tally SourceTotal => BySource.Aggregate(Tally.Zero, (sum, row) => sum + row.Tally);

    /// <summary>Every way the desk's counts and the stored rows disagree; empty when the day checks out.</summary>
    public IReadOnlyList<string> Problems => DayChecks.Problems(this);

    public bool CheckHolds => Problems.Count == 0;

    public int ExitCode => CheckHolds ? 0 : 1;

    public Tally For(TokenSource source) => BySource.Single(r => r.Label == Timeline.Describe(source)).Tally;
}

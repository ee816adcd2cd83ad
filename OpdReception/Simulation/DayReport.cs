using OpdReception.Domain;

namespace OpdReception.Simulation;

/// <summary>Where a group of tokens ended the day. <see cref="NeverArrived"/> are bookings still waiting for their patient.</summary>
public sealed record Tally(int Issued, int Completed, int NoShow, int Cancelled, int StillWaiting, int NeverArrived, int InConsultation, int ExtraSeats)
{
    public static Tally Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>The tokens whose final status is known; equal to <see cref="Issued"/> when none went missing.</summary>
    public int Accounted => Completed + NoShow + Cancelled + StillWaiting + NeverArrived + InConsultation;

    public static Tally Of(IReadOnlyCollection<TokenStatus> statuses, int extraSeats) => new(
        statuses.Count,
        statuses.Count(s => s == TokenStatus.Completed),
        statuses.Count(s => s == TokenStatus.NoShow),
        statuses.Count(s => s == TokenStatus.Cancelled),
        statuses.Count(s => s == TokenStatus.Waiting),
        statuses.Count(s => s == TokenStatus.Booked),
        statuses.Count(s => s == TokenStatus.InConsultation),
        extraSeats);

    public static Tally operator +(Tally a, Tally b) => new(
        a.Issued + b.Issued, a.Completed + b.Completed, a.NoShow + b.NoShow, a.Cancelled + b.Cancelled,
        a.StillWaiting + b.StillWaiting, a.NeverArrived + b.NeverArrived, a.InConsultation + b.InConsultation, a.ExtraSeats + b.ExtraSeats);
}

public sealed record TallyRow(string Label, Tally Tally);

/// <summary>The day's outcome as the database tells it, beside what the desk counted while it happened.</summary>
public sealed record DayReport(
    string Title,
    DateOnly Date,
    DateTime EndedAt,
    int DeskIssued,
    IReadOnlyList<TallyRow> ByDoctor,
    IReadOnlyList<TallyRow> BySource,
    DeskEvents Events,
    IReadOnlyList<string> Unexpected)
{
    public Tally Total => ByDoctor.Aggregate(Tally.Zero, (sum, row) => sum + row.Tally);

    public Tally SourceTotal => BySource.Aggregate(Tally.Zero, (sum, row) => sum + row.Tally);

    /// <summary>
    /// Every token the desk handed out is in the database, in exactly one final state, counted the same way
    /// by doctor and by source, and no service refused what the day's rules allow.
    /// </summary>
    public bool CheckHolds =>
        DeskIssued == Total.Issued && Total.Issued == Total.Accounted && Total == SourceTotal && Unexpected.Count == 0;

    public int ExitCode => CheckHolds ? 0 : 1;

    public Tally For(TokenSource source) => BySource.Single(r => r.Label == Timeline.Describe(source)).Tally;
}

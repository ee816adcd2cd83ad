namespace OpdReception.Domain;

/// <summary>
/// One token of a closed doctor's day as the summary reads it.
/// </summary>
/// <param name="SlotStartHour">The hour its slot starts: the hour the patient was expected, for the no-shows by hour.</param>
/// <param name="ArrivedAt">Checked in (a walk-in is checked in by being issued); null for a booking that never came.</param>
/// <param name="FirstCalledAt">The doctor's first call; null when never called.</param>
/// <param name="LastCalledAt">The last call or recall before completion: where the consultation started.</param>
/// <param name="CompletedAt">When the consultation was completed; null when it was not.</param>
/// <param name="ToldAt">The time first told (<c>Token.FirstEstimateAt</c>).</param>
public sealed record ClosedToken(
    TokenSource Source, TokenStatus Status, int SlotStartHour, DateTime? ArrivedAt, DateTime? FirstCalledAt, DateTime? LastCalledAt,
    DateTime? CompletedAt, DateTime? ToldAt);

public sealed record ClosedSlot(SlotStatus Status, int MaxCapacity, int EmergencyExtensions);

/// <summary>Patients of a doctor's day by the way they came.</summary>
public sealed record SourceCounts(int Online, int WalkIn, int Priority, int FollowUp, int Emergency)
{
    public static SourceCounts Zero { get; } = new(0, 0, 0, 0, 0);

    public int Total => Online + WalkIn + Priority + FollowUp + Emergency;

    public static SourceCounts Of(IEnumerable<TokenSource> sources)
    {
        var list = sources.ToList();
        int Count(TokenSource s) => list.Count(x => x == s);
        return new(Count(TokenSource.Online), Count(TokenSource.WalkIn), Count(TokenSource.Priority), Count(TokenSource.FollowUp), Count(TokenSource.Emergency));
    }

    public static SourceCounts operator +(SourceCounts a, SourceCounts b) =>
        new(a.Online + b.Online, a.WalkIn + b.WalkIn, a.Priority + b.Priority, a.FollowUp + b.FollowUp, a.Emergency + b.Emergency);
}

/// <summary>Patients expected in an hour (seen or did not come) and how many of them did not come.</summary>
public sealed record HourAttendance(int Expected, int DidNotCome);

/// <summary>
/// A closed doctor's day in figures small enough to keep one row per doctor and day, yet exact to combine over a
/// month: waits, consultations and misses are kept as whole minutes (each patient's own), so a month's median and
/// p90 are those of its patients, not an average of daily medians.
/// </summary>
/// <param name="WaitsByHour">Check-in to first call, in whole minutes, by the hour of check-in.</param>
/// <param name="Consultations">The last call or recall to completion, in whole minutes.</param>
/// <param name="Told">Patients called who had been told a time.</param>
/// <param name="OnTime">Of those, called within ±10 minutes of the time first told (exact, before rounding).</param>
/// <param name="Misses">Each told patient's distance from the time told, in whole minutes.</param>
/// <param name="Capacity">Seats of the slots that ran, emergency seats added included.</param>
/// <param name="SeatsTaken">Seats used: patients seen.</param>
public sealed record DayFigures(
    SourceCounts Sources,
    int Seen,
    int DidNotCome,
    int Cancelled,
    IReadOnlyDictionary<int, IReadOnlyList<int>> WaitsByHour,
    IReadOnlyList<int> Consultations,
    IReadOnlyDictionary<int, HourAttendance> AttendanceByHour,
    int Told,
    int OnTime,
    IReadOnlyList<int> Misses,
    int EmergencySeatsAdded,
    int Capacity,
    int SeatsTaken)
{
    public IReadOnlyList<int> Waits => WaitsByHour.Values.SelectMany(w => w).Order().ToList();

    public static DayFigures Of(IReadOnlyCollection<ClosedToken> tokens, IReadOnlyCollection<ClosedSlot> slots)
    {
        var waits = tokens
            .Where(t => t.ArrivedAt is not null && t.FirstCalledAt is not null)
            .GroupBy(t => t.ArrivedAt!.Value.Hour)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<int>)g.Select(t => Minutes(t.ArrivedAt!.Value, t.FirstCalledAt!.Value)).Order().ToList());
        var consultations = tokens
            .Where(t => t is { Status: TokenStatus.Completed, LastCalledAt: not null, CompletedAt: not null })
            .Select(t => Minutes(t.LastCalledAt!.Value, t.CompletedAt!.Value)).Order().ToList();
        var attendance = tokens
            .Where(t => t.Status is TokenStatus.Completed or TokenStatus.NoShow)
            .GroupBy(t => t.SlotStartHour)
            .ToDictionary(g => g.Key, g => new HourAttendance(g.Count(), g.Count(t => t.Status == TokenStatus.NoShow)));
        var told = tokens.Where(t => t is { ToldAt: not null, FirstCalledAt: not null }).ToList();
        var run = slots.Where(s => s.Status != SlotStatus.Cancelled).ToList();
        var seen = tokens.Count(t => t.Status == TokenStatus.Completed);
        return new DayFigures(
            SourceCounts.Of(tokens.Select(t => t.Source)),
            seen,
            tokens.Count(t => t.Status == TokenStatus.NoShow),
            tokens.Count(t => t.Status == TokenStatus.Cancelled),
            waits,
            consultations,
            attendance,
            told.Count,
            told.Count(t => FeedbackFigures.OnTime(t.ToldAt!.Value, t.FirstCalledAt!.Value)),
            told.Select(t => Minutes(t.ToldAt!.Value, t.FirstCalledAt!.Value, absolute: true)).Order().ToList(),
            slots.Sum(s => s.EmergencyExtensions),
            run.Sum(s => s.MaxCapacity + s.EmergencyExtensions),
            seen);
    }

    /// <summary>Whole minutes, halves up; a call before the check-in (the desk checked them in late) is no wait, never a negative one.</summary>
    public static int Minutes(DateTime from, DateTime to, bool absolute = false)
    {
        var span = absolute ? (to - from).Duration() : to > from ? to - from : TimeSpan.Zero;
        return (int)Math.Round(span.TotalMinutes, MidpointRounding.AwayFromZero);
    }
}

/// <summary>
/// How a summary's samples are written in one text column: sorted minutes "3,5,5,12", minutes by hour
/// "9:3,5;10:12", and attendance by hour "9:12/2;10:8/0" (expected/did not come).
/// </summary>
public static class SummaryText
{
    public static string Minutes(IEnumerable<int> minutes) => string.Join(',', minutes.Order());

    public static IReadOnlyList<int> ReadMinutes(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Split(',').Select(int.Parse).ToList();

    public static string ByHour(IReadOnlyDictionary<int, IReadOnlyList<int>> byHour) =>
        string.Join(';', byHour.Where(h => h.Value.Count > 0).OrderBy(h => h.Key).Select(h => $"{h.Key}:{Minutes(h.Value)}"));

    public static IReadOnlyDictionary<int, IReadOnlyList<int>> ReadByHour(string? text) =>
        Parts(text).ToDictionary(p => p.Hour, p => ReadMinutes(p.Text));

    public static string Attendance(IReadOnlyDictionary<int, HourAttendance> byHour) =>
        string.Join(';', byHour.OrderBy(h => h.Key).Select(h => $"{h.Key}:{h.Value.Expected}/{h.Value.DidNotCome}"));

    public static IReadOnlyDictionary<int, HourAttendance> ReadAttendance(string? text) =>
        Parts(text).ToDictionary(p => p.Hour, p => p.Text.Split('/') is [var expected, var didNotCome]
            ? new HourAttendance(int.Parse(expected), int.Parse(didNotCome))
            : throw new FormatException($"Attendance \"{p.Text}\" is not expected/did-not-come."));

    private static IEnumerable<(int Hour, string Text)> Parts(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Split(';').Select(part => part.Split(':', 2) is [var hour, var rest]
            ? (int.Parse(hour), rest)
            : throw new FormatException($"\"{part}\" has no hour."));
}

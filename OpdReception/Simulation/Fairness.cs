using OpdReception.Domain;

namespace OpdReception.Simulation;

/// <summary>
/// How fair the day's order was to the people waiting: the longest wait from check-in to call per source, and how
/// often a waiting walk-in saw a patient of the same doctor, of any slot, who checked in after them called first
/// (emergencies excepted: they go first by right). An overtake is the engine's (<see cref="Ageing.IsOvertake"/>), so
/// a patient of an earlier slot who came before the walk-in's slot began is not one. Counted on the walk-ins who were called.
/// </summary>
/// <param name="LongestWaitBySource">Minutes; null for a source nobody was called from.</param>
/// <param name="Overtakes">Every (walk-in, later arrival called before them) pair.</param>
/// <param name="MostOvertakesOfOneWalkIn">The most later arrivals any one walk-in saw go first.</param>
public sealed record Fairness(
    IReadOnlyDictionary<string, double?> LongestWaitBySource,
    int WalkIns,
    int WalkInsOvertaken,
    int Overtakes,
    int MostOvertakesOfOneWalkIn)
{
    public static readonly string WalkIn = Timeline.Describe(TokenSource.WalkIn);

    public static readonly string Emergency = Timeline.Describe(TokenSource.Emergency);

    private static readonly Dictionary<string, TokenSource> SourceOf = Enum.GetValues<TokenSource>().ToDictionary(Timeline.Describe);

    /// <summary>Without its slot's start (a hand-made day), a patient's slot is taken to begin when they came.</summary>
    private static Ageing.Waiter Waiter(CalledPatient p) => new(SourceOf[p.Source], p.CheckedInAt!.Value, p.SlotBegins ?? p.CheckedInAt.Value);

    public static Fairness None { get; } = new(new Dictionary<string, double?>(), 0, 0, 0, 0);

    public double? LongestWait => LongestWaitBySource.Values.Max();

    /// <param name="called">One day's called patients: a doctor's name stands for their queue on that day.</param>
    /// <param name="sources">Every source, in the order to show them.</param>
    public static Fairness Of(IReadOnlyCollection<CalledPatient> called, IReadOnlyList<string> sources)
    {
        var waited = called.Where(p => p.CheckedInAt is not null).ToList();
        var longest = sources.ToDictionary(s => s, s => waited.Where(p => p.Source == s)
            .Select(p => (double?)(p.CalledAt - p.CheckedInAt!.Value).TotalMinutes).Max());
        var overtaken = waited.Where(p => p.Source == WalkIn)
            .Select(walkIn => waited.Count(other => other.Doctor == walkIn.Doctor && other.CalledAt < walkIn.CalledAt
                && Ageing.IsOvertake(Waiter(walkIn), Waiter(other))))
            .ToList();
        return new(longest, overtaken.Count, overtaken.Count(n => n > 0), overtaken.Sum(), overtaken.DefaultIfEmpty().Max());
    }

    /// <summary>Several days: each day's queues stay apart, so the days' own figures are added up, not their patients.</summary>
    public static Fairness Pool(IReadOnlyCollection<Fairness> days, IReadOnlyList<string> sources) => new(
        sources.ToDictionary(s => s, s => days.Select(d => d.LongestWaitBySource.GetValueOrDefault(s)).Max()),
        days.Sum(d => d.WalkIns),
        days.Sum(d => d.WalkInsOvertaken),
        days.Sum(d => d.Overtakes),
        days.Select(d => d.MostOvertakesOfOneWalkIn).DefaultIfEmpty().Max());
}

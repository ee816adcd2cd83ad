namespace OpdReception.Simulation;

/// <summary>When the patient was told a time: on their slip, at the check-in desk, or when moved to another slot.</summary>
public enum EstimateMoment { Issued, CheckedIn, Moved }

/// <summary>Which of the times a patient was told a figure judges.</summary>
public enum ToldTime
{
    /// <summary>The time they plan around: at issue for walk-ins, priority and emergencies; at check-in for bookings.</summary>
    First,

    /// <summary>The last time heard before the call, whenever it was.</summary>
    Last,

    /// <summary>The last time heard at least half an hour before the call: still time to act on it.</summary>
    LastThirtyMinutesBefore,
}

/// <summary>Which estimate a figure judges: the engine's, or what the slots' nominal minutes alone would have said.</summary>
public enum Estimator { InUse, Nominal }

/// <summary>A time the patient was told, and when they were told it.</summary>
/// <param name="From">The early end of the range told with it ("11:10–11:35"), when one was.</param>
/// <param name="To">The late end of that range.</param>
/// <param name="Nominal">What nominal minutes alone would have said at that moment; null means the estimate itself was nominal.</param>
public sealed record EstimateGiven(EstimateMoment Moment, DateTime ToldAt, DateTime Estimate, DateTime? From = null, DateTime? To = null, DateTime? Nominal = null);

/// <summary>A patient the doctor called: the times they were told before, when they checked in, when they were called.</summary>
public sealed record CalledPatient(string Source, string Doctor, IReadOnlyList<EstimateGiven> Told, DateTime? CheckedInAt, DateTime CalledAt, DateTime? SlotBegins = null)
{
    public const int ThirtyMinutes = 30;

    /// <summary>
    /// The time the patient plans around: at check-in for a booking (what they heard when booking was for a day
    /// still ahead), else on the slip at issue. A later move or message does not change it.
    /// </summary>
    public EstimateGiven? FirstTold =>
        Heard.FirstOrDefault(t => t.Moment == EstimateMoment.CheckedIn) ?? Heard.FirstOrDefault(t => t.Moment == EstimateMoment.Issued);

    /// <summary>The time the patient last heard before the call: the one they were watching the clock for.</summary>
    public EstimateGiven? LastTold => Heard.MaxBy(t => t.ToldAt);

    /// <summary>The last time heard while there was still half an hour to go: one a patient could still act on.</summary>
    public EstimateGiven? LastToldThirtyMinutesBefore => Heard.Where(t => t.ToldAt <= CalledAt.AddMinutes(-ThirtyMinutes)).MaxBy(t => t.ToldAt);

    public EstimateGiven? Pick(ToldTime which) => which switch
    {
        ToldTime.First => FirstTold,
        ToldTime.Last => LastTold,
        ToldTime.LastThirtyMinutesBefore => LastToldThirtyMinutesBefore,
        _ => throw new ArgumentOutOfRangeException(nameof(which), which, null),
    };

    private IEnumerable<EstimateGiven> Heard => Told.Where(t => t.ToldAt <= CalledAt);
}

/// <summary>Where the call fell against the range told: within it, or after its late end.</summary>
public sealed record RangeMiss(double WidthMinutes, bool Within, bool LateBeyond);

/// <summary>One call held against one time told. Minutes = called − told: positive when called later than told.</summary>
public sealed record Miss(double Minutes, RangeMiss? Range = null)
{
    public static Miss Of(DateTime calledAt, EstimateGiven told, Estimator estimator)
    {
        if (estimator == Estimator.Nominal)
        {
            return new((calledAt - (told.Nominal ?? told.Estimate)).TotalMinutes);
        }

        var minutes = (calledAt - told.Estimate).TotalMinutes;
        return told is { From: { } from, To: { } to }
            ? new(minutes, new RangeMiss((to - from).TotalMinutes, calledAt >= from && calledAt <= to, calledAt > to))
            : new(minutes);
    }
}

/// <summary>
/// How far the times patients were told were from the moment they were called. Error = called − told, in minutes:
/// positive when the patient waited past the time they were given, negative when called before it. Not sealed only
/// so that <see cref="EtaAccuracy"/> carries the same figures at its top level.
/// </summary>
/// <param name="EarlierThanToldShare">Called before the time told: the patient may not yet be in the waiting room.</param>
/// <param name="MeanSquaredError">In minutes squared: the long misses weigh most, as they do for the patient.</param>
/// <param name="RangesTold">The patients told a range with their time; the range figures are shares of these.</param>
/// <param name="LateBeyondRangeShare">Called after the range's late end: the range promised too little.</param>
public record EtaFigures(
    int Patients,
    double? MedianSignedMinutes,
    double? MedianAbsMinutes,
    double? P90AbsMinutes,
    double? WithinTenMinutesShare,
    double? EarlierThanToldShare,
    double? MeanSquaredError,
    int RangesTold,
    double? WithinRangeShare,
    double? LateBeyondRangeShare,
    double? MedianRangeWidthMinutes)
{
    public const int CloseEnoughMinutes = 10;

    /// <summary>These figures alone, without what a derived record adds (a day's split per source and doctor).</summary>
    public EtaFigures TopLevel() => new(Patients, MedianSignedMinutes, MedianAbsMinutes, P90AbsMinutes, WithinTenMinutesShare, EarlierThanToldShare,
        MeanSquaredError, RangesTold, WithinRangeShare, LateBeyondRangeShare, MedianRangeWidthMinutes);

    public static EtaFigures Of(IReadOnlyCollection<Miss> misses)
    {
        if (misses.Count == 0)
        {
            return new(0, null, null, null, null, null, null, 0, null, null, null);
        }

        var ranges = misses.Where(m => m.Range is not null).Select(m => m.Range!).ToList();
        var told = ranges.Count > 0;
        var errors = misses.Select(m => m.Minutes).ToList();
        var absolute = errors.Select(Math.Abs).ToList();
        return new(
            errors.Count,
            Stats.Median(errors),
            Stats.Median(absolute),
            Stats.Percentile(absolute, 90),
            Stats.Share(absolute.Count(e => e <= CloseEnoughMinutes), errors.Count),
            Stats.Share(errors.Count(e => e < 0), errors.Count),
            Math.Round(errors.Average(e => e * e), 1),
            ranges.Count,
            told ? Stats.Share(ranges.Count(r => r.Within), ranges.Count) : null,
            told ? Stats.Share(ranges.Count(r => r.LateBeyond), ranges.Count) : null,
            told ? Stats.Median(ranges.Select(r => r.WidthMinutes).ToList()) : null);
    }
}

/// <summary>
/// The ETA accuracy of a day, judged on one of the times each patient was told (<see cref="Judged"/>) against one
/// estimate (<see cref="Estimator"/>): overall at the top level, then per source and per doctor. <see cref="ByMoment"/>
/// takes every time told, by when it was told.
/// </summary>
public sealed record EtaAccuracy : EtaFigures
{
    private EtaAccuracy(
        ToldTime judged, Estimator estimator, EtaFigures all, IReadOnlyDictionary<string, EtaFigures> bySource,
        IReadOnlyDictionary<string, EtaFigures> byDoctor, IReadOnlyDictionary<string, EtaFigures> byMoment)
        : base(all)
    {
        Judged = judged;
        Estimator = estimator;
        BySource = bySource;
        ByDoctor = byDoctor;
        ByMoment = byMoment;
    }

    public ToldTime Judged { get; }

    public Estimator Estimator { get; }

    public IReadOnlyDictionary<string, EtaFigures> BySource { get; }

    public IReadOnlyDictionary<string, EtaFigures> ByDoctor { get; }

    public IReadOnlyDictionary<string, EtaFigures> ByMoment { get; }

    public static EtaAccuracy Empty(ToldTime judged, Estimator estimator) => Of([], [], judged, estimator);

    /// <param name="sources">Every source, in the order to show them, so a source nobody came from still has a row.</param>
    public static EtaAccuracy Of(IReadOnlyCollection<CalledPatient> called, IReadOnlyList<string> sources, ToldTime judged, Estimator estimator)
    {
        var misses = called.Select(p => (p.Source, p.Doctor, Told: p.Pick(judged), p.CalledAt))
            .Where(p => p.Told is not null)
            .Select(p => (p.Source, p.Doctor, Miss: Miss.Of(p.CalledAt, p.Told!, estimator)))
            .ToList();
        EtaFigures Figures(Func<(string Source, string Doctor, Miss Miss), bool> where) => EtaFigures.Of(misses.Where(where).Select(m => m.Miss).ToList());
        return new(
            judged,
            estimator,
            Figures(_ => true),
            sources.ToDictionary(s => s, s => Figures(m => m.Source == s)),
            misses.Select(m => m.Doctor).Distinct().Order(StringComparer.Ordinal).ToDictionary(d => d, d => Figures(m => m.Doctor == d)),
            Enum.GetValues<EstimateMoment>().ToDictionary(m => m.ToString(), m => EtaFigures.Of(called
                .SelectMany(p => p.Told.Where(t => t.Moment == m && t.ToldAt <= p.CalledAt).Select(t => Miss.Of(p.CalledAt, t, estimator)))
                .ToList())));
    }
}

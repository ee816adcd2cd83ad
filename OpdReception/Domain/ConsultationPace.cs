namespace OpdReception.Domain;

/// <summary>
/// How long a doctor's consultations take, as the estimates chain them: a closed set. Consultation times are skewed
/// (a few long ones, no negative ones), so the pace is kept in log space: <see cref="Spread"/> is the log-sd of one
/// consultation and <see cref="Uncertainty"/> the log-sd of the doctor's mean itself, shared by every consultation ahead.
/// </summary>
public abstract record ConsultationPace(double Spread, double Uncertainty)
{
    /// <summary>The expected minutes of one consultation in a slot of <paramref name="nominalMinutes"/>.</summary>
    public abstract double MeanMinutes(int nominalMinutes);
}

/// <summary>Too few consultations seen: each slot's nominal minutes, with the doubt that a doctor may be far off them.</summary>
public sealed record NominalPace(double Spread, double Uncertainty) : ConsultationPace(Spread, Uncertainty)
{
    public override double MeanMinutes(int nominalMinutes) => nominalMinutes;
}

/// <summary>
/// Learned from <paramref name="Consultations"/> of the doctor's own completed consultations: the median of their
/// logarithms (<paramref name="LogCentre"/>), known to within <paramref name="StandardError"/>. A few consultations
/// say little, so the estimate leans on the slot's nominal minutes in proportion to how little is known (the
/// precision-weighted mean of the two, nominal minutes being ±<see cref="PaceLearning.NominalUncertainty"/> off).
/// </summary>
public sealed record LearnedPace(double LogCentre, double Spread, double StandardError, int Consultations)
    : ConsultationPace(Spread, PaceLearning.Doubt(StandardError))
{
    /// <summary>How much of the estimate the doctor's own consultations make, the rest being the nominal minutes.</summary>
    public double Weight => PaceLearning.Trust(StandardError);

    public override double MeanMinutes(int nominalMinutes)
    {
        var nominalCentre = Math.Log(nominalMinutes) - Spread * Spread / 2;
        return Math.Exp(Weight * LogCentre + (1 - Weight) * nominalCentre + Spread * Spread / 2);
    }
}

/// <summary>The doctor's last consultations, newest last; the last <paramref name="TodayCount"/> were on <paramref name="LastDate"/>.</summary>
public sealed record PaceWindow(IReadOnlyList<double> Minutes, DateOnly? LastDate, int TodayCount)
{
    public static PaceWindow Empty { get; } = new([], null, 0);

    /// <summary>The consultations of <paramref name="date"/> (the day being arranged) and those before it.</summary>
    public (IReadOnlyList<double> Earlier, IReadOnlyList<double> Today) Split(DateOnly date)
    {
        var today = LastDate == date ? Math.Min(TodayCount, Minutes.Count) : 0;
        return ([.. Minutes.Take(Minutes.Count - today)], [.. Minutes.Skip(Minutes.Count - today)]);
    }

    /// <summary>One more consultation completed on <paramref name="date"/>; the oldest falls out past <paramref name="size"/>.</summary>
    public PaceWindow With(double minutes, DateOnly date, int size)
    {
        var kept = Minutes.Append(Math.Round(Math.Max(0, minutes), 1)).TakeLast(size).ToList();
        return new PaceWindow(kept, date, LastDate == date ? TodayCount + 1 : 1);
    }

    /// <summary>The minutes as stored: one decimal each, space-separated, oldest first.</summary>
    public string Format() => string.Join(' ', Minutes.Select(m => m.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)));

    public static PaceWindow Parse(string? minutes, DateOnly? lastDate, int todayCount) => new(
        [.. (minutes ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(m => double.TryParse(m, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : double.NaN)
            .Where(double.IsFinite)],
        lastDate, todayCount);
}

/// <summary>Learns a doctor's pace from their own consultations, robustly: one abandoned consultation cannot swing it.</summary>
public static class PaceLearning
{
    /// <summary>Fewer consultations than this and the slot's nominal minutes are used.</summary>
    public const int MinConsultations = 1;

    /// <summary>The log-sd of one consultation assumed before any is seen (a coefficient of variation of about 0.5).</summary>
    public const double NominalSpread = 0.47;

    /// <summary>How far a doctor may be from the nominal minutes before any consultation is seen (±40% is about 0.25).</summary>
    public const double NominalUncertainty = 0.25;

    /// <summary>As many consultations as the assumed spread counts for, against the spread seen.</summary>
    private const int SpreadPriorCount = 4;

    /// <summary>A doctor's pace drifts within a day and between days, however many consultations are seen.</summary>
    private const double Drift = 0.06;

    /// <summary>A consultation shorter than this is a mis-click; it counts as this long so its logarithm stays finite.</summary>
    private const double ShortestMinutes = 0.5;

    public static NominalPace Nominal { get; } = new(NominalSpread, NominalUncertainty);

    /// <summary>
    /// The median and the median absolute deviation of the logarithms of the durations give the centre and the
    /// spread; the mean follows as for a log-normal time (exp(μ + σ²/2)). Each of today's counts three times, and
    /// from the third on today's together weigh four times the earlier ones: a doctor slow today is learned within a
    /// few patients, yet one long consultation cannot outvote the rest of the day.
    /// </summary>
    public static ConsultationPace Learn(IReadOnlyList<double> earlier, IReadOnlyList<double> today)
    {
        var count = earlier.Count + today.Count;
        if (count < MinConsultations)
        {
            return Nominal;
        }

        var todayWeight = today.Count >= 3 ? Math.Max(3.0, 4.0 * earlier.Count / today.Count) : 3.0;
        var samples = earlier.Select(m => (Log: Math.Log(Math.Max(ShortestMinutes, m)), Weight: 1.0))
            .Concat(today.Select(m => (Log: Math.Log(Math.Max(ShortestMinutes, m)), Weight: todayWeight)))
            .ToList();
        var centre = WeightedMedian(samples);
        // A spread from a handful says little: it leans on the one assumed before any was seen, as the centre leans on
        // the nominal minutes.
        var seen = Math.Clamp(1.4826 * WeightedMedian([.. samples.Select(s => (Math.Abs(s.Log - centre), s.Weight))]), 0.15, 1.2);
        var spread = Math.Sqrt(((count * seen * seen) + (SpreadPriorCount * NominalSpread * NominalSpread)) / (count + SpreadPriorCount));

        // A median of n has about π/2 the variance of a mean. Today's weights say what is current, not that there were
        // more consultations: the error counts each once.
        var standardError = Math.Sqrt(Math.PI / 2 * spread * spread / count);
        return new LearnedPace(centre, spread, standardError, count);
    }

    /// <summary>The share of the estimate the learned centre makes, beside the nominal minutes.</summary>
    public static double Trust(double standardError)
    {
        var learned = 1 / (standardError * standardError);
        return learned / (learned + 1 / (NominalUncertainty * NominalUncertainty));
    }

    /// <summary>The doubt left about the doctor's mean: that of the blend, plus the drift no count removes.</summary>
    public static double Doubt(double standardError)
    {
        var precision = 1 / (standardError * standardError) + 1 / (NominalUncertainty * NominalUncertainty);
        return Math.Sqrt(1 / precision + Drift * Drift);
    }

    private static double WeightedMedian(IReadOnlyList<(double Value, double Weight)> samples)
    {
        var sorted = samples.OrderBy(s => s.Value).ToList();
        var half = sorted.Sum(s => s.Weight) / 2;
        var running = 0.0;
        for (var i = 0; i < sorted.Count; i++)
        {
            running += sorted[i].Weight;
            if (running > half + 1e-9)
            {
                return sorted[i].Value;
            }

            if (Math.Abs(running - half) <= 1e-9)
            {
                return (sorted[i].Value + sorted[i + 1].Value) / 2;
            }
        }

        return sorted[^1].Value;
    }
}

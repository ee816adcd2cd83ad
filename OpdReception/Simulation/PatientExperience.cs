using OpdReception.Domain;

namespace OpdReception.Simulation;

/// <summary>How long checked-in patients waited to be called.</summary>
public sealed record WaitFigures(int Patients, double? MedianMinutes, double? P90Minutes)
{
    public static WaitFigures Empty { get; } = new(0, null, null);

    public static WaitFigures CheckInToCall(IEnumerable<CalledPatient> called)
    {
        var waits = called.Where(p => p.CheckedInAt is not null).Select(p => (p.CalledAt - p.CheckedInAt!.Value).TotalMinutes).ToList();
        return waits.Count == 0 ? Empty : new(waits.Count, Stats.Median(waits), Stats.Percentile(waits, 90));
    }
}

/// <summary>
/// A doctor's day: minutes on duty (inside a slot's running time, after any delay) with nobody to see, and minutes
/// still seeing patients after their last slot ran out.
/// </summary>
public sealed record DoctorTime(string Doctor, int Seen, int IdleMinutes, int OvertimeMinutes)
{
    public sealed record Span(DateTime From, DateTime To);

    /// <param name="onDuty">The doctor's slots as they ran: start and end, each moved by the slot's delay.</param>
    /// <param name="consultations">From call to completion.</param>
    public static DoctorTime Of(string doctor, IReadOnlyCollection<Span> onDuty, IReadOnlyCollection<Span> consultations)
    {
        var idle = 0.0;
        foreach (var duty in Merge(onDuty))
        {
            var busy = consultations.Sum(c => Overlap(duty, c));
            idle += (duty.To - duty.From).TotalMinutes - busy;
        }

        var dayEnds = onDuty.Count == 0 ? DateTime.MinValue : onDuty.Max(d => d.To);
        var overtime = consultations.Count == 0 ? 0 : Math.Max(0, (consultations.Max(c => c.To) - dayEnds).TotalMinutes);
        return new(doctor, consultations.Count, (int)Math.Round(idle), (int)Math.Round(overtime));
    }

    private static double Overlap(Span a, Span b)
    {
        var from = a.From > b.From ? a.From : b.From;
        var to = a.To < b.To ? a.To : b.To;
        return Math.Max(0, (to - from).TotalMinutes);
    }

    /// <summary>A delayed slot can run into the next one; a minute on duty counts once.</summary>
    private static List<Span> Merge(IEnumerable<Span> spans)
    {
        var merged = new List<Span>();
        foreach (var span in spans.Where(s => s.To > s.From).OrderBy(s => s.From))
        {
            if (merged.Count > 0 && span.From <= merged[^1].To)
            {
                merged[^1] = merged[^1] with { To = span.To > merged[^1].To ? span.To : merged[^1].To };
            }
            else
            {
                merged.Add(span);
            }
        }

        return merged;
    }
}

/// <summary>Patients who went home unseen because of the OPD, not because they chose to.</summary>
/// <param name="NoSeat">Refused a token with no other slot offered.</param>
/// <param name="TooLate">Came after being marked a no-show, once the doctor had finished their slot.</param>
/// <param name="UnseenAtClosing">Checked in but still waiting when the doctors stopped.</param>
public sealed record SentAway(int NoSeat, int TooLate, int UnseenAtClosing)
{
    public static SentAway None { get; } = new(0, 0, 0);

    public int Total => NoSeat + TooLate + UnseenAtClosing;
}

/// <summary>Medians and percentiles as the report uses them; rounded so a report reads the same run after run.</summary>
public static class Stats
{
    /// <summary>The middle value; for an even count, halfway between the two middle ones.</summary>
    public static double Median(IReadOnlyCollection<double> values) => Math.Round(ReportFigures.Median(values) ?? throw NoValues(), 1);

    /// <summary>Nearest rank: the smallest value with at least <paramref name="percent"/>% of the values at or below it.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, int percent) =>
        Math.Round(ReportFigures.Percentile(values, percent) ?? throw NoValues(), 1);

    public static double Share(int part, int whole) => Math.Round((double)part / whole, 3);

    private static ArgumentException NoValues() => new("No values.", "values");
}

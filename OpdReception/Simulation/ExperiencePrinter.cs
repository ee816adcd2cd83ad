using System.Globalization;

namespace OpdReception.Simulation;

/// <summary>What patients and doctors felt: how good the times told were, how long people waited, who went home unseen.</summary>
internal static class ExperiencePrinter
{
    private static readonly string[] Titles =
        ["Called", "Median", "Median |err|", "p90 |err|", "Within 10 min", "Earlier than told", "Mean sq. err", "In range", "After range", "Range width"];

    public static void Print(DayReport report, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("Times told vs the moment called (minutes; + = called later than told). The headline is the first time told:");
        output.WriteLine("on the slip for walk-ins, priority and emergencies, at check-in for bookings; the last time told is the old one.");
        output.WriteLine();
        Table(output,
        [
            ("First time told", report.EtaAccuracy),
            ("First time told, nominal minutes", report.EtaBaseline),
            ("Last time told before the call", report.EtaLastTold),
            ("Last told 30+ min before the call", report.EtaLastToldThirtyMinutesBefore),
        ]);

        var eta = report.EtaAccuracy;
        output.WriteLine();
        output.WriteLine("First time told, by source and by doctor; then every time told, by when:");
        output.WriteLine();
        Table(output,
        [
            .. eta.BySource.Select(kv => (kv.Key, kv.Value)),
            .. eta.ByDoctor.Select(kv => (kv.Key, kv.Value)),
            .. eta.ByMoment.Select(kv => ($"every time told at {Moment(kv.Key)}", kv.Value)),
        ]);

        var wait = report.CheckInToCall;
        output.WriteLine();
        output.WriteLine($"Wait from check-in to call: median {Minutes(wait.MedianMinutes)} min, p90 {Minutes(wait.P90Minutes)} min ({wait.Patients} patients).");
        foreach (var doctor in report.DoctorTimes)
        {
            output.WriteLine($"{doctor.Doctor}: saw {doctor.Seen}, idle {doctor.IdleMinutes} min on duty, overtime {doctor.OvertimeMinutes} min.");
        }

        var fair = report.Fairness;
        output.WriteLine("Longest wait from check-in to call: " +
            string.Join(", ", fair.LongestWaitBySource.Select(kv => $"{kv.Key} {Minutes(kv.Value)}")) + " min.");
        output.WriteLine($"Walk-ins overtaken by a later arrival (emergencies apart): {fair.WalkInsOvertaken} of {fair.WalkIns}, " +
            $"{fair.Overtakes} overtakes in all, at most {fair.MostOvertakesOfOneWalkIn} for one walk-in.");
        var away = report.SentAway;
        output.WriteLine($"Sent away unseen: {away.Total} ({away.NoSeat} found no seat, {away.TooLate} came too late, " +
            $"{away.UnseenAtClosing} still waiting at closing).");
    }

    private static void Table(TextWriter output, IReadOnlyList<(string Label, EtaFigures Figures)> rows)
    {
        var width = rows.Max(r => r.Label.Length) + 2;
        output.WriteLine("".PadRight(width) + string.Concat(Titles.Select(t => t.PadLeft(t.Length + 2))));
        foreach (var (label, f) in rows)
        {
            string[] cells = [f.Patients.ToString(CultureInfo.InvariantCulture), Minutes(f.MedianSignedMinutes), Minutes(f.MedianAbsMinutes),
                Minutes(f.P90AbsMinutes), Share(f.WithinTenMinutesShare), Share(f.EarlierThanToldShare), Minutes(f.MeanSquaredError),
                Share(f.WithinRangeShare), Share(f.LateBeyondRangeShare), Minutes(f.MedianRangeWidthMinutes)];
            output.WriteLine(label.PadRight(width) + string.Concat(cells.Select((c, i) => c.PadLeft(Titles[i].Length + 2))));
        }
    }

    private static string Moment(string moment) => moment switch
    {
        nameof(EstimateMoment.Issued) => "issue",
        nameof(EstimateMoment.CheckedIn) => "check-in",
        nameof(EstimateMoment.Moved) => "a move",
        _ => moment,
    };

    private static string Minutes(double? minutes) => minutes is { } m ? m.ToString("0.0", CultureInfo.InvariantCulture) : "-";

    private static string Share(double? share) => share is { } s ? s.ToString("0%", CultureInfo.InvariantCulture) : "-";
}

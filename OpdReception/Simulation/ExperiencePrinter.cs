using System.Globalization;

namespace OpdReception.Simulation;

/// <summary>What patients and doctors felt: how good the times told were, how long people waited, who went home unseen.</summary>
internal static class ExperiencePrinter
{
    public static void Print(DayReport report, TextWriter output)
    {
        var eta = report.EtaAccuracy;
        output.WriteLine();
        output.WriteLine("Times told vs the moment called (minutes; + = called later than told; each patient's last time told):");
        output.WriteLine();
        var rows = new List<(string Label, EtaFigures Figures)>();
        rows.AddRange(eta.BySource.Select(kv => (kv.Key, kv.Value)));
        rows.Add(("All sources", new EtaFigures(eta.Patients, eta.MedianSignedMinutes, eta.MedianAbsMinutes, eta.P90AbsMinutes, eta.WithinTenMinutesShare, eta.EarlierThanToldShare)));
        rows.AddRange(eta.ByDoctor.Select(kv => (kv.Key, kv.Value)));
        rows.AddRange(eta.ByMoment.Select(kv => ($"every time told at {Moment(kv.Key)}", kv.Value)));
        var width = rows.Max(r => r.Label.Length) + 2;
        string[] titles = ["Called", "Median", "Median |err|", "p90 |err|", "Within 10 min", "Earlier than told"];
        output.WriteLine("".PadRight(width) + string.Concat(titles.Select(t => t.PadLeft(t.Length + 2))));
        foreach (var (label, f) in rows)
        {
            string[] cells = [f.Patients.ToString(CultureInfo.InvariantCulture), Minutes(f.MedianSignedMinutes), Minutes(f.MedianAbsMinutes),
                Minutes(f.P90AbsMinutes), Share(f.WithinTenMinutesShare), Share(f.EarlierThanToldShare)];
            output.WriteLine(label.PadRight(width) + string.Concat(cells.Select((c, i) => c.PadLeft(titles[i].Length + 2))));
        }

        var wait = report.CheckInToCall;
        output.WriteLine();
        output.WriteLine($"Wait from check-in to call: median {Minutes(wait.MedianMinutes)} min, p90 {Minutes(wait.P90Minutes)} min ({wait.Patients} patients).");
        foreach (var doctor in report.DoctorTimes)
        {
            output.WriteLine($"{doctor.Doctor}: saw {doctor.Seen}, idle {doctor.IdleMinutes} min on duty, overtime {doctor.OvertimeMinutes} min.");
        }

        var away = report.SentAway;
        output.WriteLine($"Sent away unseen: {away.Total} ({away.NoSeat} found no seat, {away.TooLate} came too late, " +
            $"{away.UnseenAtClosing} still waiting at closing).");
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

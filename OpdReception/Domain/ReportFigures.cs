using System.Globalization;

namespace OpdReception.Domain;

public enum ReportSpan { Day, Week, Month }

/// <summary>One doctor's closed day as the reports read it: the summary written when the day closed.</summary>
public sealed record SummaryDay(int DoctorId, string DoctorName, DateOnly Date, DayFigures Figures);

public sealed record PatientsRow(
    string Doctor, int Online, int WalkIn, int Priority, int FollowUp, int Emergency, int Patients, int Seen, int DidNotCome, int Cancelled,
    int? DidNotComePercent);

public sealed record WaitsRow(string Doctor, int Waited, double? WaitMedian, double? WaitP90, int Consultations, double? ConsultationMedian, double? ConsultationP90);

public sealed record HourRow(int Hour, int Waited, double? WaitMedian, double? WaitP90, int Expected, int DidNotCome, int? DidNotComePercent);

public sealed record ToldRow(DateOnly Date, string Doctor, int Told, int OnTime, int? OnTimePercent, double? MedianMissMinutes);

public sealed record SeatsRow(string Doctor, int Capacity, int SeatsTaken, int? SeatUsePercent, int EmergencySeatsAdded);

/// <summary>One cell of the hour × weekday heatmap: the median wait of patients who checked in then.</summary>
public sealed record HeatCell(DayOfWeek Day, int Hour, int Waited, double? WaitMedian);

/// <summary>The report's tables; the by-doctor tables end with an "All doctors" row.</summary>
public sealed record ReportTables(
    IReadOnlyList<PatientsRow> Patients,
    IReadOnlyList<WaitsRow> Waits,
    IReadOnlyList<HourRow> Hours,
    IReadOnlyList<ToldRow> Told,
    IReadOnlyList<SeatsRow> Seats,
    IReadOnlyList<HeatCell> Weekdays);

/// <summary>The reports' rules: which days a period covers, and how closed days' summaries add up.</summary>
public static class ReportFigures
{
    public const string AllDoctors = "All doctors";

    /// <summary>A year and a day at most: the longest range a report reads at once.</summary>
    public const int MaxDays = 366;

    /// <summary>
    /// Why a report is empty: a period wholly past has no day left to close; one that reaches today or later may
    /// still close some, so "yet".
    /// </summary>
    public static string NoneClosed(DateOnly to, DateOnly today) =>
        to < today ? "No doctor's day closed in this period." : "No doctor's day in this period has closed yet.";

    /// <summary>The period, with how many doctor's days it closed when there are any: "7 Jan to 13 Jan 2030: 3 closed doctor's days".</summary>
    public static string Heading(DateOnly from, DateOnly to, int days)
    {
        var period = from == to
            ? from.ToString("dddd d MMM yyyy", CultureInfo.InvariantCulture)
            : $"{from.ToString("d MMM", CultureInfo.InvariantCulture)} to {to.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}";
        return days == 0 ? period : $"{period}: {days} closed doctor's {(days == 1 ? "day" : "days")}";
    }

    /// <summary>The day itself; the week Monday to Sunday around it; the calendar month around it.</summary>
    public static (DateOnly From, DateOnly To) Period(ReportSpan span, DateOnly date) => span switch
    {
        ReportSpan.Day => (date, date),
        ReportSpan.Week => (date.AddDays(-(((int)date.DayOfWeek + 6) % 7)), date.AddDays(-(((int)date.DayOfWeek + 6) % 7) + 6)),
        ReportSpan.Month => (new DateOnly(date.Year, date.Month, 1), new DateOnly(date.Year, date.Month, DateTime.DaysInMonth(date.Year, date.Month))),
        _ => throw new ArgumentOutOfRangeException(nameof(span), span, null),
    };

    public static ReportTables Of(IReadOnlyCollection<SummaryDay> days)
    {
        var byDoctor = days.GroupBy(d => (d.DoctorName, d.DoctorId)).OrderBy(g => g.Key.DoctorName, StringComparer.Ordinal).ThenBy(g => g.Key.DoctorId)
            .Select(g => (Name: g.Key.DoctorName, Days: g.ToList())).ToList();
        var groups = byDoctor.Append((Name: AllDoctors, Days: days.ToList())).ToList();
        return new ReportTables(
            groups.Select(g => Patients(g.Name, g.Days)).ToList(),
            groups.Select(g => Waits(g.Name, g.Days)).ToList(),
            Hours(days),
            days.OrderBy(d => d.Date).ThenBy(d => d.DoctorName, StringComparer.Ordinal).ThenBy(d => d.DoctorId)
                .Where(d => d.Figures.Told > 0)
                .Select(d => new ToldRow(d.Date, d.DoctorName, d.Figures.Told, d.Figures.OnTime, Percent(d.Figures.OnTime, d.Figures.Told), Median(d.Figures.Misses)))
                .ToList(),
            groups.Select(g => Seats(g.Name, g.Days)).ToList(),
            Weekdays(days));
    }

    private static PatientsRow Patients(string doctor, IReadOnlyCollection<SummaryDay> days)
    {
        var sources = days.Aggregate(SourceCounts.Zero, (sum, d) => sum + d.Figures.Sources);
        var seen = days.Sum(d => d.Figures.Seen);
        var didNotCome = days.Sum(d => d.Figures.DidNotCome);
        return new PatientsRow(doctor, sources.Online, sources.WalkIn, sources.Priority, sources.FollowUp, sources.Emergency, sources.Total,
            seen, didNotCome, days.Sum(d => d.Figures.Cancelled), Percent(didNotCome, seen + didNotCome));
    }

    private static WaitsRow Waits(string doctor, IReadOnlyCollection<SummaryDay> days)
    {
        var waits = days.SelectMany(d => d.Figures.WaitsByHour.Values.SelectMany(w => w)).ToList();
        var consultations = days.SelectMany(d => d.Figures.Consultations).ToList();
        return new WaitsRow(doctor, waits.Count, Median(waits), Percentile(waits, 90), consultations.Count, Median(consultations), Percentile(consultations, 90));
    }

    private static List<HourRow> Hours(IReadOnlyCollection<SummaryDay> days)
    {
        var hours = days.SelectMany(d => d.Figures.WaitsByHour.Keys.Concat(d.Figures.AttendanceByHour.Keys)).Distinct().Order();
        return hours.Select(hour =>
        {
            var waits = days.SelectMany(d => d.Figures.WaitsByHour.GetValueOrDefault(hour) ?? []).ToList();
            var attendance = days.Select(d => d.Figures.AttendanceByHour.GetValueOrDefault(hour)).OfType<HourAttendance>().ToList();
            var expected = attendance.Sum(a => a.Expected);
            var didNotCome = attendance.Sum(a => a.DidNotCome);
            return new HourRow(hour, waits.Count, Median(waits), Percentile(waits, 90), expected, didNotCome, Percent(didNotCome, expected));
        }).ToList();
    }

    private static SeatsRow Seats(string doctor, IReadOnlyCollection<SummaryDay> days)
    {
        var capacity = days.Sum(d => d.Figures.Capacity);
        var taken = days.Sum(d => d.Figures.SeatsTaken);
        return new SeatsRow(doctor, capacity, taken, Percent(taken, capacity), days.Sum(d => d.Figures.EmergencySeatsAdded));
    }

    /// <summary>Monday first, every hour anyone checked in; a cell nobody waited in has no median.</summary>
    private static List<HeatCell> Weekdays(IReadOnlyCollection<SummaryDay> days)
    {
        var hours = days.SelectMany(d => d.Figures.WaitsByHour.Keys).Distinct().Order().ToList();
        return WeekFromMonday.SelectMany(day => hours.Select(hour =>
        {
            var waits = days.Where(d => d.Date.DayOfWeek == day).SelectMany(d => d.Figures.WaitsByHour.GetValueOrDefault(hour) ?? []).ToList();
            return new HeatCell(day, hour, waits.Count, Median(waits));
        })).ToList();
    }

    public static IReadOnlyList<DayOfWeek> WeekFromMonday { get; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    /// <summary>The middle value; for an even count, halfway between the two middle ones (the simulation's rule).</summary>
    public static double? Median(IReadOnlyCollection<int> values) => Median(values.Select(v => (double)v).ToList());

    /// <inheritdoc cref="Median(IReadOnlyCollection{int})"/>
    public static double? Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    /// <summary>Nearest rank: the smallest value with at least <paramref name="percent"/>% of the values at or below it.</summary>
    public static double? Percentile(IReadOnlyCollection<int> values, int percent) => Percentile(values.Select(v => (double)v).ToList(), percent);

    /// <inheritdoc cref="Percentile(IReadOnlyCollection{int}, int)"/>
    public static double? Percentile(IReadOnlyCollection<double> values, int percent)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    /// <summary>Whole percent, halves up; null of nobody.</summary>
    public static int? Percent(int part, int whole) => FeedbackFigures.Percent(part, whole);
}

using System.Globalization;
using ClosedXML.Excel;
using CsvHelper;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>A report table as the page shows it and the downloads write it: a heading, its columns, its rows.</summary>
/// <param name="Key">Its name in the address: /api/reports/{key}.</param>
public sealed record ReportTable(string Key, string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>The report's tables in a superintendent's words, and their CSV (CsvHelper) and Excel (ClosedXML) files.</summary>
public static class ReportExport
{
    public const string All = "all";

    public static IReadOnlyList<string> Keys { get; } = ["patients", "waits", "hours", "told", "seats", "weekdays"];

    public static IReadOnlyList<ReportTable> Tables(ReportTables t) =>
    [
        new("patients", "Patients by doctor",
            ["Doctor", "Online", "Walk-in", "Priority", "Follow-up", "Emergency", "Patients", "Seen", "Did not come", "Cancelled", "Did not come (%)"],
            t.Patients.Select(r => Row(r.Doctor, r.Online, r.WalkIn, r.Priority, r.FollowUp, r.Emergency, r.Patients, r.Seen, r.DidNotCome, r.Cancelled, r.DidNotComePercent)).ToList()),
        new("waits", "Waits and consultations by doctor (minutes)",
            ["Doctor", "Patients called", "Waited (median)", "Waited (90% within)", "Consultations", "Consultation (median)", "Consultation (90% within)"],
            t.Waits.Select(r => Row(r.Doctor, r.Waited, r.WaitMedian, r.WaitP90, r.Consultations, r.ConsultationMedian, r.ConsultationP90)).ToList()),
        new("hours", "By hour of the day",
            ["Hour", "Patients called", "Waited (median)", "Waited (90% within)", "Expected", "Did not come", "Did not come (%)"],
            t.Hours.Select(r => Row(Hour(r.Hour), r.Waited, r.WaitMedian, r.WaitP90, r.Expected, r.DidNotCome, r.DidNotComePercent)).ToList()),
        new("told", "Called on time: within 10 minutes of the time first told, by doctor and day",
            ["Day", "Doctor", "Told a time", "Called within 10 min", "Called within 10 min (%)", "Miss (median, min)"],
            t.Told.Select(r => Row(r.Date, r.Doctor, r.Told, r.OnTime, r.OnTimePercent, r.MedianMissMinutes)).ToList()),
        new("seats", "Seats by doctor",
            ["Doctor", "Seats", "Seats used", "Seat use (%)", "Emergency seats added"],
            t.Seats.Select(r => Row(r.Doctor, r.Capacity, r.SeatsTaken, r.SeatUsePercent, r.EmergencySeatsAdded)).ToList()),
        new("weekdays", "Waited (median minutes) by weekday and hour of check-in",
            ["Weekday", "Hour", "Patients called", "Waited (median)"],
            t.Weekdays.Select(c => Row(c.Day.ToString(), Hour(c.Hour), c.Waited, c.WaitMedian)).ToList()),
    ];

    public static string Hour(int hour) => $"{hour:00}:00–{(hour + 1) % 24:00}:00";

    private static IReadOnlyList<object?> Row(params object?[] values) => values;

    public static string Csv(ReportTable table)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        // A text cell starting with = + - @ is escaped: a doctor's name must never run as a formula in a spreadsheet.
        using (var csv = CsvWriter.Create(text, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true))
        {
            csv.WriteHeader([.. table.Columns]);
            foreach (var row in table.Rows)
            {
                csv.WriteRecord([.. row.Select(Text)]);
            }
        }

        return text.ToString();
    }

    /// <summary>One sheet per table, the heading in bold; numbers stay numbers, a missing figure an empty cell.</summary>
    public static byte[] Excel(IEnumerable<ReportTable> tables)
    {
        using var workbook = new XLWorkbook();
        foreach (var table in tables)
        {
            var sheet = workbook.Worksheets.Add(table.Key);
            for (var c = 0; c < table.Columns.Count; c++)
            {
                sheet.Cell(1, c + 1).Value = table.Columns[c];
                sheet.Cell(1, c + 1).Style.Font.Bold = true;
            }

            for (var r = 0; r < table.Rows.Count; r++)
            {
                for (var c = 0; c < table.Rows[r].Count; c++)
                {
                    var cell = sheet.Cell(r + 2, c + 1);
                    switch (table.Rows[r][c])
                    {
                        case null:
                            break;
                        case int number:
                            cell.Value = number;
                            break;
                        case double number:
                            cell.Value = number;
                            break;
                        case DateOnly date:
                            cell.Value = date.ToDateTime(TimeOnly.MinValue);
                            cell.Style.DateFormat.Format = "yyyy-mm-dd";
                            break;
                        case var other:
                            // Text is set as text: a doctor's name starting with "=" is never a formula.
                            cell.SetValue(Text(other));
                            break;
                    }
                }
            }
        }

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>How a value reads in a CSV file and on the page's tables: invariant numbers, ISO dates, nothing for no figure.</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double number => number.ToString("0.#", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

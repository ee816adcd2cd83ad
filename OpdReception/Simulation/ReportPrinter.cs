namespace OpdReception.Simulation;

/// <summary>The end-of-day statistics and the check line.</summary>
internal static class ReportPrinter
{
    private sealed record Column(string Title, Func<Tally, int> Value);

    public static void Print(DayReport report, TextWriter output)
    {
        var total = report.Total;
        var columns = new List<Column>
        {
            new("Issued", t => t.Issued),
            new("Completed", t => t.Completed),
            new("No-show", t => t.NoShow),
            new("Cancelled", t => t.Cancelled),
            new("Still waiting", t => t.StillWaiting),
            new("Never came", t => t.NeverArrived),
        };
        if (total.InConsultation > 0)
        {
            columns.Add(new("With doctor", t => t.InConsultation));
        }

        columns.Add(new("Extra seats", t => t.ExtraSeats));

        output.WriteLine();
        output.WriteLine($"End of day at {Timeline.Clock(report.EndedAt)}. Statistics, read back from the database:");
        output.WriteLine();
        Table(output, "By doctor", report.ByDoctor, new TallyRow("All doctors", total), columns);
        output.WriteLine();
        Table(output, "By source", report.BySource, new TallyRow("All sources", report.SourceTotal), columns);
        output.WriteLine();
        output.WriteLine(Desk(report.Events));
        foreach (var problem in report.Unexpected)
        {
            output.WriteLine($"Unexpected: {problem}");
        }

        output.WriteLine(Check(report));
    }

    private static void Table(TextWriter output, string title, IReadOnlyList<TallyRow> rows, TallyRow totals, IReadOnlyList<Column> columns)
    {
        var width = rows.Append(totals).Max(r => r.Label.Length) + 2;
        output.WriteLine(title.PadRight(width) + string.Concat(columns.Select(c => c.Title.PadLeft(c.Title.Length + 2))));
        foreach (var row in rows.Append(totals))
        {
            if (row == totals)
            {
                output.WriteLine(new string('-', width + columns.Sum(c => c.Title.Length + 2)));
            }

            output.WriteLine(row.Label.PadRight(width) + string.Concat(columns.Select(c => c.Value(row.Tally).ToString().PadLeft(c.Title.Length + 2))));
        }
    }

    private static string Desk(DeskEvents e) =>
        $"At the desk: {Count(e.Refusals, "refusal")} ({e.TookOfferedSlot} took the next slot offered, {e.TurnedAway} went home), " +
        $"{Count(e.Cancellations, "cancellation")}, {Count(e.Delays, "doctor's delay", "doctor's delays")}, " +
        $"{Count(e.Reallocations, "reallocation")} moving {Count(e.TokensMoved, "token")}" +
        (e.TokensNotMoved > 0 ? $" ({e.TokensNotMoved} could not be placed)" : "") +
        $", {Count(e.SweptNoShows, "no-show")} marked by the sweep, {Count(e.LateArrivals, "late arrival")} taken back" +
        (e.LateArrivalsRefused > 0 ? $" ({e.LateArrivalsRefused} too late to be seen)" : "") + ".";

    private static string Check(DayReport report)
    {
        var t = report.Total;
        var sum = $"Check: issued {t.Issued} = completed {t.Completed} + no-show {t.NoShow} + cancelled {t.Cancelled} + " +
            $"still waiting {t.StillWaiting} + booked, never came {t.NeverArrived}" +
            (t.InConsultation > 0 ? $" + with the doctor {t.InConsultation}" : "");
        var problems = new List<string>();
        if (report.DeskIssued != t.Issued)
        {
            problems.Add($"the desk issued {report.DeskIssued} but the database holds {t.Issued}");
        }

        if (t.Issued != t.Accounted)
        {
            problems.Add($"the parts add up to {t.Accounted}");
        }

        if (t != report.SourceTotal)
        {
            problems.Add("the per-source totals differ from the per-doctor totals");
        }

        if (report.Unexpected.Count > 0)
        {
            problems.Add($"{Count(report.Unexpected.Count, "unexpected answer")} from the services");
        }

        return problems.Count == 0 ? $"{sum}  -> OK" : $"{sum}  -> FAILED: {string.Join("; ", problems)}";
    }

    private static string Count(int n, string one, string? many = null) => $"{n} {(n == 1 ? one : many ?? one + "s")}";
}

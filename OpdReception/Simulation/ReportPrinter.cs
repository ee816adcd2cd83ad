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
        Table(output, "By doctor", report.ByDoctor, new TallyRow("All doctors", report.DeskIssued, total), columns);
        output.WriteLine();
        Table(output, "By source", report.BySource, new TallyRow("All sources", report.DeskIssued, report.SourceTotal), columns);
        output.WriteLine();
        ExperiencePrinter.Print(report, output);
        output.WriteLine();
        output.WriteLine(Desk(report.Events));
        foreach (var problem in report.Unexpected)
        {
            output.WriteLine($"Unexpected: {problem}");
        }

        output.WriteLine(Against(report));
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
        (e.LateArrivalsRefused > 0 ? $" ({e.LateArrivalsRefused} too late to be seen)" : "") +
        (e.ClosedNoShows + e.ClosedUnseen + e.ClosedInConsultation > 0
            ? $"; at closing {Count(e.ClosedNoShows, "booking")} never came, {e.ClosedUnseen} sent home unseen, {Count(e.ClosedInConsultation, "consultation")} closed"
            : "") + ".";

    /// <summary>Each figure is named by where it comes from, so a reader can see that two accounts agree, not one with itself.</summary>
    private static string Against(DayReport report)
    {
        var desk = report.Events;
        var total = report.Total;
        var fromHistory = report.SourceTotal.ExtraSeats;
        var closedUnseen = desk.ClosedUnseen > 0 ? $" + sent home at closing {desk.ClosedUnseen}" : "";
        var closedNoShows = desk.ClosedNoShows > 0 ? $" + at closing {desk.ClosedNoShows}" : "";
        return $"Desk vs database: cancellations {desk.Cancellations}{closedUnseen} {Is(desk.Cancellations + desk.ClosedUnseen, total.Cancelled)} cancelled {total.Cancelled}; " +
            $"no-shows swept {desk.SweptNoShows}{closedNoShows} - taken back {desk.LateArrivals} {Is(desk.SweptNoShows + desk.ClosedNoShows - desk.LateArrivals, total.NoShow)} no-show {total.NoShow}; " +
            $"extra seats seen {desk.ExtraSeats} {Is(desk.ExtraSeats, total.ExtraSeats)} slot extensions {total.ExtraSeats} " +
            $"{Is(total.ExtraSeats, fromHistory)} emergency seats in the history {fromHistory}; " +
            $"tokens moved {desk.TokensMoved} {Is(desk.TokensMoved, report.Stored.ReallocatedEvents)} reallocations in the history {report.Stored.ReallocatedEvents}; " +
            $"{Count(report.Stored.SlotsChecked, "slot")} checked for capacity and token numbers.";
    }

    private static string Is(int a, int b) => a == b ? "=" : "!=";

    private static string Check(DayReport report)
    {
        var t = report.Total;
        var sum = $"Check: issued {report.DeskIssued} = completed {t.Completed} + no-show {t.NoShow} + cancelled {t.Cancelled} + " +
            $"still waiting {t.StillWaiting} + booked, never came {t.NeverArrived}" +
            (t.InConsultation > 0 ? $" + with the doctor {t.InConsultation}" : "") +
            $" (issued as the desk counted, the rest as the database holds its {Count(t.Issued, "token")})";
        var problems = report.Problems;
        return problems.Count == 0 ? $"{sum}  -> OK" : $"{sum}  -> FAILED: {string.Join("; ", problems)}";
    }

    private static string Count(int n, string one, string? many = null) => $"{n} {(n == 1 ? one : many ?? one + "s")}";
}

using OpdReception.Domain;

namespace OpdReception.Simulation;

/// <summary>
/// Holds each count the desk kept against the same figure taken from the database, never a figure against itself:
/// a check that cannot fail would say nothing about the day.
/// </summary>
internal static class DayChecks
{
    public static IReadOnlyList<string> Problems(DayReport report)
    {
        var problems = new List<string>();
        var total = report.Total;
        if (report.DeskIssued != total.Issued)
        {
            problems.Add($"the desk issued {report.DeskIssued} but the database holds {total.Issued}");
        }

        foreach (var row in report.ByDoctor.Concat(report.BySource))
        {
            if (row.DeskIssued != row.Tally.Issued)
            {
                problems.Add($"{row.Label}: the desk counts {row.DeskIssued} tokens but the database holds {row.Tally.Issued}");
            }

            if (row.Tally.Accounted != row.Tally.Issued)
            {
                problems.Add($"{row.Label}: the final states add up to {row.Tally.Accounted}, not {row.Tally.Issued}");
            }
        }

        Events(report, total, problems);
        if (report.Unexpected.Count > 0)
        {
            problems.Add($"{report.Unexpected.Count} unexpected (listed above)");
        }

        return problems;
    }

    private static void Events(DayReport report, Tally total, List<string> problems)
    {
        var desk = report.Events;
        if (desk.Cancellations + desk.ClosedUnseen != total.Cancelled)
        {
            problems.Add($"the desk cancelled {desk.Cancellations}{(desk.ClosedUnseen > 0 ? $" and closing sent {desk.ClosedUnseen} home" : "")} " +
                $"but the database holds {total.Cancelled} cancelled");
        }

        // The simulation marks no-shows only through the sweeps; a late arrival taken back undoes one.
        if (desk.SweptNoShows + desk.ClosedNoShows - desk.LateArrivals != total.NoShow)
        {
            problems.Add($"the desk saw {desk.SweptNoShows} no-shows swept{(desk.ClosedNoShows > 0 ? $", {desk.ClosedNoShows} at closing" : "")} and {desk.LateArrivals} taken back, " +
                $"but the database holds {total.NoShow} no-shows");
        }

        var fromHistory = report.SourceTotal.ExtraSeats;
        if (desk.ExtraSeats != total.ExtraSeats)
        {
            problems.Add($"the desk saw {desk.ExtraSeats} extra seats added but the slots hold {total.ExtraSeats}");
        }

        if (fromHistory != total.ExtraSeats)
        {
            problems.Add($"the history records {fromHistory} extra seats but the slots hold {total.ExtraSeats}");
        }

        var emergency = Timeline.Describe(TokenSource.Emergency);
        foreach (var row in report.BySource.Where(r => r.Label != emergency && r.Tally.ExtraSeats != 0))
        {
            problems.Add($"{row.Label} tokens took {row.Tally.ExtraSeats} extra seats; only emergencies may");
        }

        if (desk.TokensMoved != report.Stored.ReallocatedEvents)
        {
            problems.Add($"the desk saw {desk.TokensMoved} tokens moved but the history records {report.Stored.ReallocatedEvents} reallocations");
        }
    }
}

using OpdReception.Domain;

namespace OpdReception.Simulation;

internal static class DayReports
{
    /// <summary>Reads every slot's statistics and every token back through the services, so the figures are the stored truth.</summary>
    public static async Task<DayReport> ReadAsync(OpdDesk desk, DayRun run, CancellationToken ct)
    {
        var byDoctor = new List<TallyRow>();
        foreach (var doctor in run.Doctors)
        {
            var tally = Tally.Zero;
            foreach (var slot in run.Slots.Where(s => s.Doctor == doctor.Index))
            {
                var stats = await desk.Slots.StatsAsync(slot.Id, ct);
                if (!stats.IsOk)
                {
                    throw new InvalidOperationException($"Slot {slot.Id} vanished: {stats.Problem!.Detail}");
                }

                var statuses = stats.Value!.ByStatus.SelectMany(s => Enumerable.Repeat(s.Key, s.Value)).ToList();
                tally += Tally.Of(statuses, stats.Value.Slot.EmergencyExtensions);
            }

            byDoctor.Add(new TallyRow($"{doctor.Who.Name} ({doctor.Who.Specialization})", tally));
        }

        var tokens = new List<(TokenSource Source, TokenStatus Status)>();
        foreach (var token in run.Tokens)
        {
            var view = await desk.Tokens.GetAsync(token.Id, ct);
            if (!view.IsOk)
            {
                throw new InvalidOperationException($"Token {token.Id} vanished: {view.Problem!.Detail}");
            }

            tokens.Add((view.Value!.Source, view.Value.Status));
        }

        // Only an emergency may add a seat, so the emergencies' row carries them all.
        var extraSeats = byDoctor.Sum(r => r.Tally.ExtraSeats);
        var bySource = Enum.GetValues<TokenSource>()
            .Select(source => new TallyRow(Timeline.Describe(source), Tally.Of(
                tokens.Where(t => t.Source == source).Select(t => t.Status).ToList(),
                source == TokenSource.Emergency ? extraSeats : 0)))
            .ToList();

        return new DayReport(run.Plan.Title, run.Plan.Date, run.EndedAt, run.Tokens.Count, byDoctor, bySource, run.Events, run.Unexpected);
    }
}

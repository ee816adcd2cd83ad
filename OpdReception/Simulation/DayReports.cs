using Microsoft.EntityFrameworkCore;
using OpdReception.Domain;

namespace OpdReception.Simulation;

internal static class DayReports
{
    /// <summary>Emergency seats as the history records them: issued on one, or moved onto one.</summary>
    private const string IssuedOnExtraSeat = "IssuedOnExtraSeat";
    private const string Reallocated = "Reallocated";
    private const string SeatAddedOnMove = "emergency seat added";

    /// <summary>
    /// Reads the day's slots, tokens and token history straight from the database and sets them beside what the
    /// desk counted, so the report's check compares two independent accounts of the day.
    /// </summary>
    public static async Task<DayReport> ReadAsync(OpdDesk desk, DayRun run, CancellationToken ct)
    {
        var slotIds = run.Slots.Select(s => s.Id).ToList();
        await using var db = await desk.Database.CreateDbContextAsync(ct);
        var ofDay = db.Tokens.AsNoTracking().Where(t => slotIds.Contains(t.SlotId));

        var slots = await db.Slots.AsNoTracking().Where(s => slotIds.Contains(s.Id))
            .Select(s => new { s.Id, s.DoctorId, s.MaxCapacity, s.EmergencyExtensions })
            .ToListAsync(ct);
        // Counted on their own, apart from the statuses, so the final states are held against the stored total.
        var countByDoctor = await ofDay.GroupBy(t => t.Slot.DoctorId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var countBySource = await ofDay.GroupBy(t => t.Source)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var states = await ofDay.GroupBy(t => new { t.Slot.DoctorId, t.Source, t.Status })
            .Select(g => new { g.Key.DoctorId, g.Key.Source, g.Key.Status, Count = g.Count() })
            .ToListAsync(ct);
        var tokens = await ofDay.Select(t => new StoredToken(t.SlotId, t.Source, t.Status, t.TokenNumber, t.Slot.DoctorId)).ToListAsync(ct);
        var history = await db.TokenEvents.AsNoTracking()
            .Where(e => e.Action == IssuedOnExtraSeat || e.Action == Reallocated)
            .Join(ofDay, e => e.TokenId, t => t.Id, (e, t) => new { t.Source, e.Action, e.Reason })
            .ToListAsync(ct);

        var slotOf = run.Slots.ToDictionary(s => s.Id);
        var byDoctor = run.Doctors.Select(doctor => new TallyRow(
                $"{doctor.Who.Name} ({doctor.Who.Specialization})",
                run.Tokens.Count(t => slotOf[t.SlotId].Doctor == doctor.Index),
                Tally.Of(
                    countByDoctor.GetValueOrDefault(doctor.Id),
                    states.Where(s => s.DoctorId == doctor.Id).GroupBy(s => s.Status).ToDictionary(g => g.Key, g => g.Sum(s => s.Count)),
                    slots.Where(s => s.DoctorId == doctor.Id).Sum(s => s.EmergencyExtensions))))
            .ToList();

        var extraSeats = history
            .Where(e => e.Action == IssuedOnExtraSeat || e.Reason?.EndsWith(SeatAddedOnMove, StringComparison.Ordinal) == true)
            .ToList();
        var bySource = Enum.GetValues<TokenSource>().Select(source => new TallyRow(
                Timeline.Describe(source),
                run.Tokens.Count(t => t.Patient.Source == source),
                Tally.Of(
                    countBySource.GetValueOrDefault(source),
                    states.Where(s => s.Source == source).GroupBy(s => s.Status).ToDictionary(g => g.Key, g => g.Sum(s => s.Count)),
                    extraSeats.Count(e => e.Source == source))))
            .ToList();

        var violations = SeatAudit.Violations(
            slots.Select(s => new StoredSlot(s.Id, slotOf[s.Id].Label, s.MaxCapacity, s.EmergencyExtensions)), tokens);
        var stored = new StoredCounts(history.Count(e => e.Action == Reallocated), slots.Count);
        var report = new DayReport(run.Plan.Title, run.Plan.Date, run.EndedAt, run.Tokens.Count, byDoctor, bySource, run.Events, stored,
            [.. run.Unexpected, .. violations]);
        return WithExperience(report, run);
    }

    /// <summary>What the patients and doctors lived through, as the desk saw it happen: told times, calls, consultations.</summary>
    private static DayReport WithExperience(DayReport report, DayRun run)
    {
        var slotOf = run.Slots.ToDictionary(s => s.Id);
        var label = run.Doctors.ToDictionary(d => d.Index, d => $"{d.Who.Name} ({d.Who.Specialization})");
        var called = run.Tokens
            .Where(t => t.CalledAt is not null)
            .Select(t => new CalledPatient(Timeline.Describe(t.Patient.Source), label[slotOf[t.SlotId].Doctor], t.Told, t.CheckedInAt, t.CalledAt!.Value,
                slotOf[t.SlotId].DoctorStarts))
            .ToList();
        var doctors = run.Doctors.Select(d => DoctorTime.Of(
                label[d.Index],
                run.Slots.Where(s => s.Doctor == d.Index).Select(s => new DoctorTime.Span(s.DoctorStarts, s.RunsUntil)).ToList(),
                d.Consultations))
            .ToList();
        var sources = Enum.GetValues<TokenSource>().Select(Timeline.Describe).ToList();
        return report with
        {
            EtaAccuracy = EtaAccuracy.Of(called, sources, ToldTime.First, Estimator.InUse),
            EtaBaseline = EtaAccuracy.Of(called, sources, ToldTime.First, Estimator.Nominal),
            EtaLastTold = EtaAccuracy.Of(called, sources, ToldTime.Last, Estimator.InUse),
            EtaLastToldThirtyMinutesBefore = EtaAccuracy.Of(called, sources, ToldTime.LastThirtyMinutesBefore, Estimator.InUse),
            CheckInToCall = WaitFigures.CheckInToCall(called),
            Fairness = Fairness.Of(called, sources),
            DoctorTimes = doctors,
            Called = called,
            SentAway = new SentAway(run.Events.TurnedAway, run.Events.LateArrivalsRefused, run.Events.ClosedUnseen + report.Total.StillWaiting),
        };
    }
}

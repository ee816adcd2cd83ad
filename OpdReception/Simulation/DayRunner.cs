using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Services;

namespace OpdReception.Simulation;

/// <summary>Plays a <see cref="DayPlan"/> through the real services, minute by minute on the desk's clock.</summary>
internal sealed partial class DayRunner(OpdDesk desk, DayPlan plan, Timeline timeline)
{
    /// <summary>How often the no-show sweep runs, in simulated minutes.</summary>
    private const int SweepEveryMinutes = 5;

    private const string Reception = "reception";

    private readonly Dictionary<int, SlotOnDay> _slots = [];
    private readonly List<DoctorAtWork> _doctors = [];
    private readonly Dictionary<int, TrackedToken> _tokens = [];
    private readonly TrackedToken?[] _byPatient = new TrackedToken?[plan.Patients.Count];
    private readonly DeskCounters _counters = new();
    private readonly List<string> _unexpected = [];

    private DateTime Now => desk.Clock.Now;

    /// <summary>
    /// Runs the day to its end, or stops at <paramref name="stopAfter"/>, or a little later once a doctor is with a
    /// patient, so a day stopped midway shows a consultation in progress (the demo day stops mid-morning).
    /// </summary>
    public async Task<DayRun> RunAsync(TimeOnly? stopAfter = null, CancellationToken ct = default)
    {
        desk.Clock.Set(plan.At(DayPlan.DeskOpens));
        await OpenDayAsync(ct);
        var events = Schedule();
        var next = 0;
        var stop = stopAfter is { } s ? plan.At(s) : (DateTime?)null;
        while (true)
        {
            while (next < events.Count && events[next].At <= Now)
            {
                await events[next++].Run(ct);
            }

            if (Now.Minute % SweepEveryMinutes == 0)
            {
                await SweepAsync(ct);
            }

            await DoctorsAsync(ct);
            if (IsOver(stop, eventsLeft: events.Count - next))
            {
                break;
            }

            desk.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        return new DayRun(plan, Now, _tokens.Values.ToList(), _slots.Values.ToList(), _doctors, _counters.Snapshot(), _unexpected);
    }

    private bool IsOver(DateTime? stop, int eventsLeft) => stop is { } at
        ? Now >= at && (_doctors.Any(d => d.With is not null) || Now >= at.AddHours(1))
        : Now >= Closing && eventsLeft == 0 && _doctors.All(d => d.With is null);

    /// <summary>Doctors stop calling this long after the last slot ends; a delay pushes it back with the slot.</summary>
    private DateTime Closing => _slots.Values.Max(s => s.RunsUntil).AddMinutes(DayPlan.OverrunMinutes);

    private async Task OpenDayAsync(CancellationToken ct)
    {
        var days = Enum.GetNames<DayOfWeek>().Where(d => d != nameof(DayOfWeek.Sunday)).ToList();

        // The doctors work Monday to Saturday: a day played on a Sunday is an extra session, said so like any admin would.
        var extraSession = !days.Contains(plan.Date.DayOfWeek.ToString());
        for (var i = 0; i < plan.Doctors.Count; i++)
        {
            var who = plan.Doctors[i];
            var doctor = Expect(await desk.Doctors.CreateAsync(new DoctorRequest(who.Name, who.Specialization, days, who.Room), "simulation", ct), "create doctor");
            _doctors.Add(new DoctorAtWork(i, doctor.Id, who));
            foreach (var planned in plan.Slots)
            {
                var slot = Expect(await desk.Slots.CreateAsync(
                    new SlotRequest(doctor.Id, plan.Date, planned.Start, planned.End, null, null, extraSession), ct), "create slot");
                _slots[slot.Id] = new SlotOnDay(slot.Id, i, who, plan.At(slot.StartTime), plan.At(slot.EndTime), slot.MinutesPerConsultation, slot.DelayMinutes);
            }
        }

        await ReturningPatientsAsync(ct);
        timeline.Note(Now, $"desk opens: {_doctors.Count} doctors, {_slots.Count} slots ({plan.Slots.Count} each), " +
            $"{_slots.Values.First().MinutesPerConsultation} minutes per consultation" +
            (extraSession ? $"; {plan.Date.DayOfWeek} is not an OPD day, so these are extra sessions" : ""));
    }

    /// <summary>The plan's patients with a hospital number came before: their records exist from those visits.</summary>
    private async Task ReturningPatientsAsync(CancellationToken ct)
    {
        await using var db = await desk.Database.CreateDbContextAsync(ct);
        var known = plan.Patients.Where(p => p.PatientId is not null).DistinctBy(p => p.PatientId).ToList();
        var ids = known.Select(p => p.PatientId!).ToList();
        var onRecord = (await db.Patients.Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        db.Patients.AddRange(known.Where(p => !onRecord.Contains(p.PatientId!))
            .Select(p => new Patient { Id = p.PatientId!, Name = p.Name, Phone = p.Phone }));
        await db.SaveChangesAsync(ct);
    }

    private sealed record DeskEvent(DateTime At, Func<CancellationToken, Task> Run);

    private List<DeskEvent> Schedule()
    {
        var events = new List<DeskEvent>();
        events.AddRange(plan.Delays.Select(d => new DeskEvent(plan.At(d.At), ct => DelayAsync(d, ct))));
        for (var i = 0; i < plan.Patients.Count; i++)
        {
            var index = i;
            var patient = plan.Patients[i];
            events.Add(new DeskEvent(plan.At(patient.IssueAt), ct => IssueAsync(index, ct)));
            if (patient.BooksAhead && patient.ArriveAt is { } arrives)
            {
                events.Add(new DeskEvent(plan.At(arrives), ct => CheckInAsync(index, ct)));
            }

            if (patient.Cancel is { } cancel)
            {
                events.Add(new DeskEvent(plan.At(cancel.At), ct => CancelAsync(index, cancel.Reason, ct)));
            }
        }

        // A stable sort: within a minute, the plan's order decides.
        return events.OrderBy(e => e.At).ToList();
    }

    private SlotOnDay SlotOf(PlannedPatient patient) =>
        _slots.Values.Where(s => s.Doctor == patient.Doctor).OrderBy(s => s.Start).ElementAt(patient.Slot);

    private static T Expect<T>(Result<T> result, string what) =>
        result.IsOk ? result.Value! : throw new InvalidOperationException($"Could not {what}: {result.Problem!.Detail}");

    /// <summary>A service said no where the day's rules say it should not: the check line fails.</summary>
    private void Unexpected(string what, OpdProblem problem)
    {
        _unexpected.Add($"{Timeline.Clock(Now)} {what}: {problem.Detail}");
        timeline.Note(Now, $"UNEXPECTED: {what}: {problem.Detail}");
    }
}

/// <summary>What the runner saw; <see cref="DayReport"/> reads the outcome back from the database.</summary>
internal sealed record DayRun(
    DayPlan Plan,
    DateTime EndedAt,
    IReadOnlyList<TrackedToken> Tokens,
    IReadOnlyList<SlotOnDay> Slots,
    IReadOnlyList<DoctorAtWork> Doctors,
    DeskEvents Events,
    IReadOnlyList<string> Unexpected);

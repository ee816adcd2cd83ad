using OpdReception.Domain;
using OpdReception.Services;

namespace OpdReception.Simulation;

internal sealed partial class DayRunner
{
    /// <summary>Each doctor finishes the patient whose time is up, then calls the next one of their day's queue.</summary>
    private async Task DoctorsAsync(CancellationToken ct)
    {
        foreach (var doctor in _doctors)
        {
            if (doctor.With is { } patient && Now >= doctor.Until)
            {
                var done = await desk.ChangeTokenStatus.ChangeStatusAsync(patient.Id, TokenStatus.Completed, null, doctor.Who.Name, ct);
                if (done.IsOk)
                {
                    patient.Update(done.Value!);
                    Say(patient, "consultation completed");
                    doctor.Consultations.Add(new DoctorTime.Span(doctor.Since, Now));
                }
                else
                {
                    Unexpected($"{doctor.Who.ShortName} completes {patient.Number}", done.Problem!);
                }

                doctor.With = null;
            }

            if (doctor.With is null && Now < Closing && !IsAway(doctor) && HasSomeoneToSee(doctor))
            {
                // The doctor's own "next patient": the day queue decides who, across all their slots.
                var called = await desk.CallNext.CallNextForDoctorAsync(doctor.Id, plan.Date, doctor.Who.Name, ct);
                if (!called.IsOk)
                {
                    Unexpected($"{doctor.Who.ShortName} calls the next patient", called.Problem!);
                    continue;
                }

                var next = _tokens[called.Value!.Id];
                next.Called(Now, called.Value);
                var slot = _slots[next.SlotId];
                doctor.With = next;
                doctor.Since = Now;
                doctor.Until = Now.AddMinutes(next.Patient.ConsultMinutes ?? slot.MinutesPerConsultation);
                var left = _tokens.Values.Count(t => _slots[t.SlotId].Doctor == doctor.Index && t.Status == TokenStatus.Waiting);
                Say(next, $"called in by {doctor.Who.ShortName}, {(left == 0 ? "nobody else" : $"{left} more")} waiting");
            }
        }
    }

    /// <summary>A doctor who sent word of a delay is away from the slot's start until the time they said they would be back.</summary>
    private bool IsAway(DoctorAtWork doctor) =>
        _slots.Values.Any(s => s.Doctor == doctor.Index && s.DelayMinutes > 0 && s.Start <= Now && Now < s.DoctorStarts);

    /// <summary>
    /// The doctor calls once a slot has begun with someone checked in, or an emergency is waiting whatever slot it
    /// holds, as long as the doctor's day has begun.
    /// </summary>
    private bool HasSomeoneToSee(DoctorAtWork doctor) =>
        NextSlotWithSomeoneWaiting(doctor) is not null
        || (_slots.Values.Any(s => s.Doctor == doctor.Index && s.DoctorStarts <= Now)
            && _tokens.Values.Any(t => t.Status == TokenStatus.Waiting && t.Patient.Source == TokenSource.Emergency && _slots[t.SlotId].Doctor == doctor.Index));

    private SlotOnDay? NextSlotWithSomeoneWaiting(DoctorAtWork doctor) =>
        _slots.Values
            .Where(s => s.Doctor == doctor.Index && s.DoctorStarts <= Now)
            .Where(s => _tokens.Values.Any(t => t.SlotId == s.Id && t.Status == TokenStatus.Waiting))
            .OrderBy(s => s.Start)
            .FirstOrDefault();

    /// <summary>The doctor sends word they will be late; the desk moves the slot's pending patients elsewhere.</summary>
    private async Task DelayAsync(DoctorDelay delay, CancellationToken ct)
    {
        var slot = _slots.Values.Where(s => s.Doctor == delay.Doctor).OrderBy(s => s.Start).ElementAt(delay.Slot);
        var delayed = await desk.Slots.DelayAsync(slot.Id, delay.Minutes, ct);
        if (!delayed.IsOk)
        {
            Unexpected($"delay {slot.Label}", delayed.Problem!);
            return;
        }

        slot = _slots[slot.Id] = slot with { DelayMinutes = delayed.Value!.DelayMinutes };
        _counters.Delays++;
        timeline.Slot(Now, slot.Label, $"{slot.Who.ShortName} {delay.Why}: slot delayed by {delay.Minutes} min, doctor expected at {Timeline.Clock(slot.DoctorStarts)}");

        var moved = await desk.ReallocateSlot.ReallocateAsync(slot.Id, null, Reception, ct);
        if (!moved.IsOk)
        {
            Unexpected($"reallocate {slot.Label}", moved.Problem!);
            return;
        }

        _counters.Reallocations++;
        var result = moved.Value!;
        timeline.Slot(Now, slot.Label, result.Moved.Count + result.NotPlaced.Count == 0
            ? "no pending patients to move"
            : $"desk reallocates the slot's pending patients: {result.Moved.Count} moved, {result.NotPlaced.Count} could not be placed");
        // Positions come from the queues: a single token read does not place it among the others.
        var queues = new Dictionary<int, QueueView>();
        foreach (var move in result.Moved)
        {
            if (!queues.TryGetValue(move.ToSlotId, out var queue))
            {
                queue = queues[move.ToSlotId] = Expect(await desk.TokenQueries.QueueAsync(move.ToSlotId, ct), "read a queue");
            }

            var view = queue.Tokens.Single(t => t.Id == move.TokenId);
            var token = _tokens[move.TokenId];
            token.Tell(EstimateMoment.Moved, Now, view);
            _counters.TokensMoved++;
            _counters.ExtraSeats += move.ExtendedCapacity ? 1 : 0;
            var from = _slots[move.ToSlotId].Doctor == slot.Doctor ? $"the {Timeline.Clock(slot.Start)} slot" : slot.Label;
            Say(token, $"moved here from {from} (was {move.FromTokenNumber}){(move.ExtendedCapacity ? " on an extra emergency seat" : "")}, {Place(view)}");
        }

        foreach (var stuck in result.NotPlaced)
        {
            _counters.TokensNotMoved++;
            Say(_tokens[stuck.TokenId], $"stays in the delayed slot: {stuck.Reason}");
        }
    }
}

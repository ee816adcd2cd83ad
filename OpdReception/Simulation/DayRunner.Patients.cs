using OpdReception.Domain;
using OpdReception.Services;

namespace OpdReception.Simulation;

internal sealed partial class DayRunner
{
    private async Task IssueAsync(int index, CancellationToken ct)
    {
        var patient = plan.Patients[index];
        var slot = SlotOf(patient);
        var issued = await desk.IssueToken.IssueAsync(Request(patient, slot.Id), Reception, ct);
        if (!issued.IsOk)
        {
            _counters.Refusals++;
            timeline.Token(Now, slot.Label, null, patient.Source, patient.Name, $"refused: {issued.Problem!.Detail}");
            if (issued.Problem.Extensions?.GetValueOrDefault("alternativeSlotId") is not int offered)
            {
                _counters.TurnedAway++;
                timeline.Token(Now, slot.Label, null, patient.Source, patient.Name, "goes home without a token");
                return;
            }

            slot = _slots[offered];
            issued = await desk.IssueToken.IssueAsync(Request(patient, slot.Id), Reception, ct);
            if (!issued.IsOk)
            {
                Unexpected($"issue in the offered slot {slot.Label}", issued.Problem!);
                _counters.TurnedAway++;
                return;
            }

            _counters.TookOfferedSlot++;
        }

        var view = issued.Value!;
        var token = new TrackedToken(patient, view);
        token.Tell(EstimateMoment.Issued, Now, view);
        _tokens[token.Id] = token;
        _byPatient[index] = token;
        var what = patient.BooksAhead ? "booked" : "issued";
        if (patient.Source == TokenSource.Emergency && await LastReasonAsync(token.Id, ct) is { } reason && reason.Contains("extended"))
        {
            _counters.ExtraSeats++;
            what += $" ({reason[(reason.IndexOf(';') + 1)..].Trim()})";
        }

        timeline.Token(Now, slot.Label, view.TokenNumber, patient.Source, patient.Name, $"{what}, {Place(view)}");
    }

    private async Task CheckInAsync(int index, CancellationToken ct)
    {
        if (_byPatient[index] is not { } token || token.Status is not (TokenStatus.Booked or TokenStatus.NoShow))
        {
            return;
        }

        var late = token.Status == TokenStatus.NoShow;
        var slot = _slots[token.SlotId];
        var result = await desk.ChangeTokenStatus.CheckInAsync(token.Id, Reception, ct);
        if (!result.IsOk)
        {
            if (late)
            {
                _counters.LateArrivalsRefused++;
            }
            else
            {
                Unexpected($"check in {token.Number}", result.Problem!);
            }

            Say(token, $"arrives{(late ? " late" : "")} but cannot check in: {result.Problem!.Detail} Goes home.");
            return;
        }

        token.Tell(EstimateMoment.CheckedIn, Now, result.Value!);
        if (late)
        {
            _counters.LateArrivals++;
            var reason = (await LastReasonAsync(token.Id, ct))?.ToLowerInvariant();
            Say(token, $"arrives late, no-show undone ({reason}), {Place(result.Value!)}");
            return;
        }

        Say(token, $"checks in, {Place(result.Value!)}");
    }

    private async Task CancelAsync(int index, string reason, CancellationToken ct)
    {
        if (_byPatient[index] is not { } token)
        {
            return;
        }

        var result = await desk.ChangeTokenStatus.CancelAsync(token.Id, reason, Reception, ct);
        if (!result.IsOk)
        {
            Say(token, $"asks to cancel, but: {result.Problem!.Detail}");
            return;
        }

        token.Update(result.Value!);
        _counters.Cancellations++;
        Say(token, $"cancelled: \"{reason}\"");
    }

    private async Task SweepAsync(CancellationToken ct)
    {
        await SweepNoShowsAsync(ct);
        await CloseFinishedDaysAsync(ct);
    }

    /// <summary>The OPD closes each doctor's day after their last slot: whoever is left is told, and the doctor stops.</summary>
    private async Task CloseFinishedDaysAsync(CancellationToken ct)
    {
        var closing = await desk.CloseFinishedDays.CloseFinishedDaysAsync(ct);
        if (closing.Days == 0)
        {
            return;
        }

        // The service's own counts, held against the database at the end like the sweep's.
        _counters.ClosedNoShows += closing.NoShows;
        _counters.ClosedUnseen += closing.Cancelled;
        _counters.ClosedInConsultation += closing.Completed;
        foreach (var token in _tokens.Values.Where(t => t.Status.IsActive()).ToList())
        {
            var view = Expect(await desk.TokenQueries.GetAsync(token.Id, ct), "read a token");
            if (view.Status == token.Status)
            {
                continue;
            }

            token.Update(view);
            Say(token, $"OPD closed for the day: {Lifecycle.Describe(view.Status)} ({view.History![^1].Reason})");
            if (_doctors.FirstOrDefault(d => d.With == token) is { } doctor)
            {
                doctor.Consultations.Add(new DoctorTime.Span(doctor.Since, Now));
                doctor.With = null;
            }
        }
    }

    private async Task SweepNoShowsAsync(CancellationToken ct)
    {
        var swept = await desk.SweepNoShows.SweepNoShowsAsync(ct);
        if (swept == 0)
        {
            return;
        }

        // The sweep's own count, not the tokens found below: a no-show the desk fails to notice must still show up
        // when the report holds this against the database.
        _counters.SweptNoShows += swept;

        foreach (var token in _tokens.Values.Where(t => t.Status == TokenStatus.Booked).ToList())
        {
            var view = Expect(await desk.TokenQueries.GetAsync(token.Id, ct), "read a token");
            if (view.Status == TokenStatus.NoShow)
            {
                token.Update(view);
                Say(token, $"marked no-show by the sweep: {view.History![^1].Reason?.ToLowerInvariant()}");
            }
        }
    }

    private void Say(TrackedToken token, string what) =>
        timeline.Token(Now, _slots[token.SlotId].Label, token.Number, token.Patient.Source, token.Patient.Name, what);

    private async Task<string?> LastReasonAsync(int tokenId, CancellationToken ct) =>
        Expect(await desk.TokenQueries.GetAsync(tokenId, ct), "read a token").History![^1].Reason;

    /// <summary>The plan's people are all different: one without a hospital number is a new patient, whatever their phone.</summary>
    private static IssueRequest Request(PlannedPatient patient, int slotId) =>
        new(slotId, patient.Source, patient.PatientId, patient.Name, patient.Phone, NewPatient: patient.PatientId is null);

    private static string Place(TokenView view) =>
        view.Position is { } position
            ? $"position {position}, est. {Timeline.Clock(view.EstimatedTime!.Value)}{Range(view)}{(view.PastSlotEnd ? " (after the slot's end)" : "")}"
            : Lifecycle.Describe(view.Status);

    private static string Range(TokenView view) =>
        view is { EstimatedFrom: { } from, EstimatedTo: { } to } ? $" ({Timeline.Clock(from)}-{Timeline.Clock(to)})" : "";
}

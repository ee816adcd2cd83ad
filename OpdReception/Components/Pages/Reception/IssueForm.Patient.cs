using OpdReception.Services;

namespace OpdReception.Components.Pages.Reception;

/// <summary>Who the token is for: a registered patient found as the desk types, or a new one typed in.</summary>
public sealed partial class IssueForm
{
    private async Task OnSearchChanged(string? typed)
    {
        _search = typed;
        _arrival = null;
        await FindAsync(typed);
    }

    private async Task ChoosePatientAsync(PatientMatch match)
    {
        _patientId = match.Id;
        _rather = PatientMatches.ArrivalOf(_facts.GetValueOrDefault(match.Id)?.Today ?? []);
        _name = match.Name;
        _phone = match.Phone;
        _matches = [];
        _search = null;
        ClearProblem();
        await CheckHeldAsync();
    }

    private async Task OnPatientIdChanged(string? id)
    {
        _patientId = id;
        await CheckHeldAsync();
    }

    private async Task CheckHeldAsync() =>
        _held = _doctor is null ? null : await Desk.HeldTokenAsync(_patientId, _doctor.Id, _date);

    private void ClearPatient()
    {
        _patientId = null;
        _name = null;
        _phone = null;
        _held = null;
        _rather = null;
    }
}

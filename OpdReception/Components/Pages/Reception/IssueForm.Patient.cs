using Microsoft.AspNetCore.Components.Web;
using OpdReception.Domain;
using OpdReception.Services;

namespace OpdReception.Components.Pages.Reception;

/// <summary>Who the token is for: a registered patient found as the desk types, or a new one typed in.</summary>
public sealed partial class IssueForm
{
    private Sex? _sex;
    private int? _age;
    private DateTime? _birthDate;
    private string? _address;
    private string? _abhaNumber;
    private string? _abhaAddress;
    private bool _moreDetails;

    /// <summary>Null until the form first renders: then the hospital's default, which the receptionist may change.</summary>
    private string? _language;
    private string? _email;
    private bool _noMessages;
    private PatientCardView? _card;

    /// <summary>The records a new patient may already have: the desk answers "is this the same patient?" before issuing.</summary>
    private IReadOnlyList<DuplicateCandidate>? _candidates;

    /// <summary>The desk said "a new patient" to the question: the next submission makes a new record.</summary>
    private bool _newPatient;

    /// <summary>The slot the question was asked for, so the answer issues where the desk meant.</summary>
    private int? _askedSlot;

    private async Task OnSearchChanged(string? typed)
    {
        _search = typed;
        // Enter may have searched for this very text before the pause was over, and acted on it: keep what it said.
        if (typed == _searched && _matches.Count > 0)
        {
            return;
        }

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

    private async Task CheckHeldAsync()
    {
        _held = _doctor is null ? null : await Desk.HeldTokenAsync(_patientId, _doctor.Id, _date);
        _card = await Desk.PatientCardAsync(_patientId);
    }

    private void ClearPatient()
    {
        _patientId = null;
        _name = null;
        _phone = null;
        _held = null;
        _rather = null;
        _card = null;
        _sex = null;
        _age = null;
        _birthDate = null;
        _address = null;
        _abhaNumber = null;
        _abhaAddress = null;
        _language = DefaultLanguage;
        _email = null;
        _noMessages = false;
        _moreDetails = false;
        _candidates = null;
        _newPatient = false;
    }

    private string DefaultLanguage => LanguageOptions.Value.DefaultLanguageCode;

    /// <summary>
    /// What the desk typed about the patient; null when nothing, so a patient on record is sent as they are. A new
    /// patient's language is always sent; for a patient on record only one the desk chose, since it fills a gap only.
    /// </summary>
    private PatientDetails? Details() =>
        new PatientDetails(_sex, _age, _birthDate is { } born ? DateOnly.FromDateTime(born) : null, Blank(_address), Blank(_abhaNumber), Blank(_abhaAddress),
                Blank(_patientId) is null || _language != DefaultLanguage ? _language : null, Blank(_email), _noMessages ? true : null)
            is { IsEmpty: false } details ? details : null;

    /// <summary>F, M or O on the sex buttons chooses at once.</summary>
    private void OnSexKey(KeyboardEventArgs e) =>
        _sex = e.Key.ToUpperInvariant() switch
        {
            "F" => Sex.Female,
            "M" => Sex.Male,
            "O" => Sex.Other,
            _ => _sex,
        };

    private Task SamePatientAsync(string patientId)
    {
        _patientId = patientId;
        _candidates = null;
        return IssueAsync(_askedSlot);
    }

    private Task NewPatientAsync()
    {
        _newPatient = true;
        _candidates = null;
        return IssueAsync(_askedSlot);
    }

    private void BackFromQuestion() => _candidates = null;

    /// <summary>The refusal that asks the question: the candidates replace the error message.</summary>
    private bool AskIfSame(OpdProblem problem, int? slotId)
    {
        if (problem.Extensions?.GetValueOrDefault("candidates") is not IReadOnlyList<DuplicateCandidate> { Count: > 0 } candidates)
        {
            return false;
        }

        _candidates = candidates;
        _askedSlot = slotId;
        return true;
    }
}

using Microsoft.AspNetCore.Components.Web;
using OpdReception.Domain;
using OpdReception.Security;
using OpdReception.Services;

namespace OpdReception.Components.Pages.Reception;

/// <summary>Sending the form: one submission at a time, and every refusal shown against its field.</summary>
public sealed partial class IssueForm
{
    private async Task OnKey(KeyboardEventArgs e)
    {
        if (e.Key == "Enter")
        {
            await SubmitAsync();
        }
    }

    private Task SubmitAsync() => IssueAsync(_slotId);

    private Task IssueInOfferAsync() => _offer is { } offer ? IssueAsync(offer.Slot.Id) : Task.CompletedTask;

    private async Task IssueAsync(int? slotId)
    {
        // Enter and a click can both arrive while a request runs: one submission only.
        if (_busy)
        {
            return;
        }

        ClearProblem();
        var missing = new Dictionary<string, string[]>();
        if (_doctor is null)
        {
            missing["doctor"] = ["Choose a doctor."];
        }
        else if (slotId is null)
        {
            missing["slotId"] = ["Choose a slot."];
        }

        if (string.IsNullOrWhiteSpace(_name))
        {
            missing["patientName"] = ["Patient name is required."];
        }

        if (missing.Count > 0)
        {
            _errors = missing;
            _problem = "Please fill in the fields marked in red.";
            return;
        }

        _busy = true;
        try
        {
            var by = await ActorAsync();
            var key = new IssueKey(by.UserId ?? by.Name, _submission, token => token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var request = new IssueRequest(slotId, _source, Blank(_patientId), _name, Blank(_phone), Details(), _newPatient && Blank(_patientId) is null);
            var result = await Issuing.IssueAsync(request, by, key);
            if (result.IsOk)
            {
                _submission = Guid.NewGuid().ToString("N");
                await ShowIssuedAsync(result.Value!.View);
                return;
            }

            var problem = result.Problem!;
            if (AskIfSame(problem, slotId))
            {
                return;
            }

            _problem = problem.Detail;
            _errors = problem.Errors
                ?? (problem.Extensions?.GetValueOrDefault("field") is string field ? new Dictionary<string, string[]> { [field] = [problem.Detail] } : []);
            if (problem.Extensions?.GetValueOrDefault("alternativeSlotId") is int alternative)
            {
                _offer = await Desk.OfferAsync(alternative, _source);
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task ShowIssuedAsync(TokenView token)
    {
        _issued = token;
        _slip = (await Desk.SlipAsync(token.Id)).Value;
        var withHistory = (await Queries.GetAsync(token.Id)).Value;
        _seatAdded = withHistory?.History?.FirstOrDefault() is { Action: "IssuedOnExtraSeat" };
        // An emergency is one patient's, never the next one's: the desk goes back to walk-ins; any other source stays for a row of the same kind.
        if (_source == TokenSource.Emergency)
        {
            _source = TokenSource.WalkIn;
        }

        await ClearForNextAsync();
    }

    private void ClearProblem()
    {
        _problem = null;
        _offer = null;
        _errors = new Dictionary<string, string[]>();
    }

    /// <summary>A field the desk emptied means "none", not an empty id.</summary>
    private static string? Blank(string? typed) => string.IsNullOrWhiteSpace(typed) ? null : typed;

    private bool Has(string field) => _errors.ContainsKey(field);

    private string? ErrorOf(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;
}

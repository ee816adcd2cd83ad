using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using MudBlazor.Extensions;
using OpdReception.Components.Shared;
using OpdReception.Security;
using OpdReception.Services;

namespace OpdReception.Components.Pages.Reception;

/// <summary>
/// A patient who holds a token today and walks up to the desk: one search, then Enter checks in the highlighted
/// match's token (or re-admits one marked "Did not come"), without opening the doctor's board. The engine decides.
/// </summary>
public sealed partial class IssueForm
{
    [Inject] private PatientRecords Records { get; set; } = null!;

    [Inject] private ChangeTokenStatus StatusChanges { get; set; } = null!;

    private IReadOnlyDictionary<string, MatchFacts> _facts = new Dictionary<string, MatchFacts>();
    private int _highlighted;
    private DeskNotice? _arrival;

    /// <summary>
    /// A token of today the patient chosen for a new token could be checked in or re-admitted on instead: someone
    /// booked, or marked "Did not come", who is at the counter now.
    /// </summary>
    private TodayToken? _rather;

    /// <summary>The text the matches shown were found for.</summary>
    private string? _searched;

    private async Task FindAsync(string? typed)
    {
        _searched = typed;
        _matches = await Desk.FindPatientsAsync(typed);
        _facts = await Records.MatchFactsAsync(_matches.Select(m => m.Id).ToList());
        _highlighted = 0;
    }

    private async Task OnSearchKey(KeyboardEventArgs e)
    {
        switch (e.Key)
        {
            case "ArrowDown" when _matches.Count > 0:
                _highlighted = Math.Min(_highlighted + 1, _matches.Count - 1);
                break;
            case "ArrowUp" when _matches.Count > 0:
                _highlighted = Math.Max(_highlighted - 1, 0);
                break;
            case "Enter":
                // Enter may come before the search's pause is over: it acts on what the field shows, never on older matches.
                if (_searchField?.GetState(f => f.Text) is var shown && shown != _searched)
                {
                    await FindAsync(shown);
                }

                if (_matches.Count == 0)
                {
                    await SubmitAsync();
                }
                else if (_facts.GetValueOrDefault(_matches[_highlighted].Id) is { MergedIntoId: { } kept })
                {
                    _arrival = new DeskNotice($"{_matches[_highlighted].Id} was merged into {kept}: find {kept} instead.", Severity.Warning);
                }
                else if (PatientMatches.ArrivalOf(_facts.GetValueOrDefault(_matches[_highlighted].Id)?.Today ?? []) is { } token)
                {
                    await ArriveAsync(token);
                }
                else
                {
                    await ChoosePatientAsync(_matches[_highlighted]);
                }

                break;
        }
    }

    private async Task ArriveAsync(TodayToken token)
    {
        if (_busy)
        {
            return;
        }

        _busy = true;
        try
        {
            var result = await StatusChanges.CheckInAsync(token.Id, await ActorAsync());
            _rather = result.IsOk ? null : _rather;
            _arrival = result.IsOk
                ? new DeskNotice($"{result.Value!.TokenNumber} ({result.Value.PatientName}) with {result.Value.DoctorName}: {Words.Of(result.Value.Status)}.", Severity.Success)
                : new DeskNotice(result.Problem!.Detail, Severity.Error);
            // The matches show the new state; a patient already chosen from them has none left to refresh.
            if (_matches.Count > 0)
            {
                await FindAsync(_searched);
            }
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>Who the history names: the signed-in receptionist, or <see cref="By"/> when no one is (component tests).</summary>
    private async Task<Actor> ActorAsync()
    {
        var user = AuthenticationState is null ? null : (await AuthenticationState).User;
        return user is not null && user.IsSignedIn() ? user.Actor() : new Actor(By);
    }
}

using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using OpdReception.Security;
using OpdReception.Services;

namespace OpdReception.Components.Pages.Admin;

/// <summary>What every admin page shares: who is acting, one write at a time, and refusals said plainly.</summary>
public abstract class AdminPage : ComponentBase
{
    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject] protected ISnackbar Snackbar { get; set; } = null!;

    /// <summary>True while a write runs: every write button is disabled meanwhile.</summary>
    protected bool Busy { get; private set; }

    /// <summary>The field errors of the last refused write, by field name.</summary>
    protected IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    protected string? Refusal { get; private set; }

    protected async Task<Actor> ActorAsync() =>
        AuthenticationState is null ? new Actor("admin") : (await AuthenticationState).User.Actor();

    protected string? ErrorFor(string field) =>
        Errors.FirstOrDefault(e => e.Key.Equals(field, StringComparison.OrdinalIgnoreCase)).Value is { } messages ? string.Join(" ", messages) : null;

    /// <summary>Runs one write; its refusal lands in <see cref="Errors"/> and <see cref="Refusal"/>, its success in a snackbar.</summary>
    protected async Task<T?> WriteAsync<T>(Func<Actor, Task<Result<T>>> write, Func<T, string>? done = null)
    {
        if (Busy)
        {
            return default;
        }

        Busy = true;
        Errors = new Dictionary<string, string[]>();
        Refusal = null;
        try
        {
            var result = await write(await ActorAsync());
            if (result.Problem is { } problem)
            {
                Errors = problem.Errors ?? new Dictionary<string, string[]>();
                Refusal = problem.Detail;
                return default;
            }

            if (done is not null)
            {
                Snackbar.Add(done(result.Value!), Severity.Success);
            }

            return result.Value;
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>A refusal the page finds before any write (an empty required field): shown the same way, nothing sent.</summary>
    protected void Refuse(OpdProblem problem)
    {
        Errors = problem.Errors ?? new Dictionary<string, string[]>();
        Refusal = problem.Detail;
    }

    protected void ClearErrors()
    {
        Errors = new Dictionary<string, string[]>();
        Refusal = null;
    }
}

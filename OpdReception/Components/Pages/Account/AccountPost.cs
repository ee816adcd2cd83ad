using Microsoft.JSInterop;

namespace OpdReception.Components.Pages.Account;

/// <summary>What the browser's own POST answered (wwwroot/js/account.js): only the browser can receive the new cookie.</summary>
public sealed record AccountAnswer(int Status, string? RetryAfter, string? Detail, string? StartPage,
    Dictionary<string, string[]>? Errors, bool TwoFactor, IReadOnlyList<string>? RecoveryCodes)
{
    public string? ErrorFor(string field) => Errors?.GetValueOrDefault(field) is [var first, ..] ? first : null;

    /// <summary>The refusal as a person reads it, when no field names it.</summary>
    public string Message => Status == 429
        ? $"Too many attempts. Please wait {RetryAfter} seconds and try again."
        : Detail ?? "That did not work; please try again.";
}

public static class AccountPost
{
    public static async Task<AccountAnswer> SendAsync(IJSRuntime js, string url, object body)
    {
        await using var module = await js.InvokeAsync<IJSObjectReference>("import", "./js/account.js");
        return await module.InvokeAsync<AccountAnswer>("post", url, body);
    }
}

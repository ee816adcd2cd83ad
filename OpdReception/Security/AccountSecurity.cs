using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpdReception.Domain;
using OpdReception.Services;

namespace OpdReception.Security;

/// <summary>The authenticator key an admin adds to their app, as text and as the otpauth:// link a QR code carries.</summary>
public sealed record AuthenticatorKey(string Key, string Uri)
{
    /// <summary>"JBSW Y3DP EHPK 3PXP": easier to copy by hand.</summary>
    public string Grouped => string.Join(' ', Key.Chunk(4).Select(c => new string(c)));
}

/// <summary>The person's own account: their password and their second factor, through Identity's UserManager.</summary>
/// <remarks>One scope (one context) per operation, as a page's circuit outlives any single one.</remarks>
public sealed class AccountSecurity(IServiceScopeFactory scopes, IOptionsMonitor<OpdOptions> options, ILogger<AccountSecurity> log)
{
    public const int RecoveryCodes = 10;

    /// <summary>
    /// Checks the current password and sets the new one (Identity's validators, so <see cref="PasswordRules"/>), which
    /// also clears an admin-issued password's duty and renews the security stamp: every other sign-in ends.
    /// </summary>
    /// <returns>The user's id.</returns>
    public async Task<Result<string>> ChangePasswordAsync(ClaimsPrincipal principal, string? current, string? wanted)
    {
        var check = new Validation()
            .Require(!string.IsNullOrEmpty(current), "currentPassword", "Enter your current password.")
            .Require(!string.IsNullOrEmpty(wanted), "newPassword", "Enter a new password.");
        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        if (current == wanted)
        {
            return OpdProblem.Invalid("newPassword", "The new password must be different from the current one.");
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<OpdUser>>();
        if (await users.GetUserAsync(principal) is not { } user)
        {
            return OpdProblem.Conflict("Your account no longer exists; ask an admin.");
        }

        // Saved by ChangePasswordAsync's own update, which only runs when the password is right and accepted.
        user.MustChangePassword = false;
        var changed = await users.ChangePasswordAsync(user, current!, wanted!);
        if (!changed.Succeeded)
        {
            log.LogInformation("User {User} was refused a password change: {Codes}", user.Id, string.Join(",", changed.Errors.Select(e => e.Code)));
            return changed.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
                ? OpdProblem.Invalid("currentPassword", "The current password is not right.")
                : OpdProblem.Invalid("newPassword", string.Join(" ", changed.Errors.Select(e => e.Description)));
        }

        log.LogInformation("User {User} changed their password", user.Id);
        return user.Id;
    }

    /// <summary>The account's authenticator key, made on first use; unchanged until two-factor sign-in is turned on with it.</summary>
    public async Task<AuthenticatorKey?> AuthenticatorKeyAsync(ClaimsPrincipal principal)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<OpdUser>>();
        var store = scope.ServiceProvider.GetRequiredService<IUserStore<OpdUser>>();
        if (await users.GetUserAsync(principal) is not { } user)
        {
            return null;
        }

        if (await users.GetTwoFactorEnabledAsync(user))
        {
            // Once on, the key is never shown again: an unattended session must not hand it, or new recovery codes, to anyone.
            return null;
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // Through the store, not ResetAuthenticatorKeyAsync: that renews the security stamp and so would end the very
            // sign-in that is enrolling. A key not yet turned on protects nothing; turning it on renews the stamp.
            key = users.GenerateNewAuthenticatorKey();
            await ((IUserAuthenticatorKeyStore<OpdUser>)store).SetAuthenticatorKeyAsync(user, key, CancellationToken.None);
            OpdAccounts.Check(await users.UpdateAsync(user));
        }

        var issuer = Uri.EscapeDataString(options.CurrentValue.HospitalName);
        var account = Uri.EscapeDataString(user.Email ?? user.UserName ?? user.Id);
        return new AuthenticatorKey(key!, string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{issuer}:{account}?secret={key}&issuer={issuer}&digits=6&period=30"));
    }

    /// <summary>Whether the account already signs in with a second factor.</summary>
    public async Task<bool> TwoFactorOnAsync(ClaimsPrincipal principal)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<OpdUser>>();
        return await users.GetUserAsync(principal) is { } user && await users.GetTwoFactorEnabledAsync(user);
    }

    /// <summary>Turns two-factor sign-in on when the code proves the app holds the key, and answers the recovery codes, shown once.</summary>
    public async Task<Result<IReadOnlyList<string>>> EnableTwoFactorAsync(ClaimsPrincipal principal, string? code)
    {
        var digits = TwoFactorCode.Normalize(code);
        if (digits is null)
        {
            return OpdProblem.Invalid("code", "Enter the 6-digit code your authenticator app shows.");
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<OpdUser>>();
        if (await users.GetUserAsync(principal) is not { } user)
        {
            return OpdProblem.Conflict("Your account no longer exists; ask an admin.");
        }

        if (await users.GetTwoFactorEnabledAsync(user))
        {
            return OpdProblem.Conflict("Your second factor is already on. If the phone is lost, sign in with a recovery code.");
        }

        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, digits))
        {
            return OpdProblem.Invalid("code", "That code is not right. Check the app shows this account and the phone's clock is correct, then try the newest code.");
        }

        // Renews the security stamp, so sign-ins made without the second factor end.
        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodes))?.ToList() ?? [];
        log.LogInformation("User {User} turned on two-factor sign-in", user.Id);
        return codes;
    }
}

/// <summary>What a person types as an authenticator code: 6 digits, spaces and dashes allowed.</summary>
public static class TwoFactorCode
{
    public static string? Normalize(string? typed)
    {
        if (typed is null || typed.Length > 20)
        {
            return null;
        }

        var digits = new StringBuilder();
        foreach (var c in typed)
        {
            if (c is >= '0' and <= '9')
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-'))
            {
                return null;
            }
        }

        return digits.Length == 6 ? digits.ToString() : null;
    }

    /// <summary>A recovery code as Identity made it (letters and digits, maybe a dash), or null for anything else.</summary>
    public static string? NormalizeRecovery(string? typed)
    {
        var code = typed?.Trim().Replace(" ", "", StringComparison.Ordinal);
        return code is { Length: > 0 and <= 20 } && code.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? code : null;
    }
}

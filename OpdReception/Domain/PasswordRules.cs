namespace OpdReception.Domain;

/// <summary>Whether a password may be set: every path (create-admin, an admin's new user or reset, a change) asks this.</summary>
public abstract record PasswordVerdict
{
    private PasswordVerdict()
    {
    }

    public sealed record Accepted : PasswordVerdict;

    public sealed record TooShort(int Minimum) : PasswordVerdict;

    /// <summary>Beyond any passphrase a person types; hashing megabytes would only load the server.</summary>
    public sealed record TooLong(int Maximum) : PasswordVerdict;

    /// <summary>On the shipped list of common and breached passwords, or such a word with only digits and symbols around it.</summary>
    public sealed record Common : PasswordVerdict;
}

/// <summary>
/// Length and a list of known passwords, as NIST SP 800-63B asks: guessers try breached lists first, so a long
/// password from such a list is no better than a short one. Pure: the caller loads the list.
/// </summary>
public static class PasswordRules
{
    public const int MinimumLength = 12;

    public const int MaximumLength = 128;

    public static PasswordVerdict Check(string password, IReadOnlySet<string> refused)
    {
        ArgumentNullException.ThrowIfNull(password);
        var length = password.EnumerateRunes().Count();
        if (length < MinimumLength)
        {
            return new PasswordVerdict.TooShort(MinimumLength);
        }

        if (length > MaximumLength)
        {
            return new PasswordVerdict.TooLong(MaximumLength);
        }

        var lower = password.ToLowerInvariant();
        return refused.Contains(lower) || refused.Contains(Core(lower)) ? new PasswordVerdict.Common() : new PasswordVerdict.Accepted();
    }

    /// <summary>The message a person reads for a refusal.</summary>
    public static string Words(PasswordVerdict verdict) => verdict switch
    {
        PasswordVerdict.Accepted => "",
        PasswordVerdict.TooShort s => $"Passwords must be at least {s.Minimum} characters.",
        PasswordVerdict.TooLong l => $"Passwords may be at most {l.Maximum} characters.",
        PasswordVerdict.Common => "This password is on a list of common or breached passwords; choose another (a few unrelated words work well).",
        _ => throw new InvalidOperationException($"Unknown verdict {verdict}."),
    };

    /// <summary>"Password2026!" is the listed word "password" with digits and a symbol added: guessers add those first.</summary>
    private static string Core(string lower) => lower.Trim().Trim("0123456789!@#$%^&*()-_=+.,;:?'\"~`<>/\\|[]{} ".ToCharArray());
}

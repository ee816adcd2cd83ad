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

    /// <summary>A repeated, sequential or keyboard pattern, or only words about this app and its staff, with digits and symbols.</summary>
    public sealed record Predictable : PasswordVerdict;
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
        if (refused.Contains(lower) || refused.Contains(Core(lower)))
        {
            return new PasswordVerdict.Common();
        }

        return IsPredictable(lower) ? new PasswordVerdict.Predictable() : new PasswordVerdict.Accepted();
    }

    /// <summary>Words a guesser tries first against a hospital's OPD reception.</summary>
    private static readonly string[] ContextWords =
        ["opd", "reception", "receptionist", "hospital", "admin", "doctor", "clinic", "patient", "token", "desk", "password", "welcome"];

    private static readonly string[] KeyboardRows = ["qwertyuiopasdfghjklzxcvbnm", "1234567890", "qazwsxedcrfvtgbyhnujmikolp"];

    private static bool IsPredictable(string lower)
    {
        // "aaaaaaaaaaaa", "abababababab", "111111111111": too few different characters to be guessed slowly.
        if (lower.Distinct().Count() < 5)
        {
            return true;
        }

        // "abcdefghijkl", "987654321098": each character one step from the last, all the way.
        var steps = lower.Zip(lower.Skip(1), (a, b) => b - a).ToList();
        if (steps.All(d => d is 1 or -9) || steps.All(d => d is -1 or 9))
        {
            return true;
        }

        if (KeyboardRows.Any(row => (row + row).Contains(lower, StringComparison.Ordinal) || Reverse(row + row).Contains(lower, StringComparison.Ordinal)))
        {
            return true;
        }

        // "Reception2026", "opdreception12": nothing but words about this place, with digits and symbols.
        var letters = new string(lower.Where(char.IsLetter).ToArray());
        foreach (var word in ContextWords.OrderByDescending(w => w.Length))
        {
            letters = letters.Replace(word, "", StringComparison.Ordinal);
        }

        return letters.Length == 0;
    }

    private static string Reverse(string text) => new(text.Reverse().ToArray());

    /// <summary>The message a person reads for a refusal.</summary>
    public static string Words(PasswordVerdict verdict) => verdict switch
    {
        PasswordVerdict.Accepted => "",
        PasswordVerdict.TooShort s => $"Passwords must be at least {s.Minimum} characters.",
        PasswordVerdict.TooLong l => $"Passwords may be at most {l.Maximum} characters.",
        PasswordVerdict.Common => "This password is on a list of common or breached passwords; choose another (a few unrelated words work well).",
        PasswordVerdict.Predictable => "This password is too easy to guess (a repeated, sequential or keyboard pattern, or only words about this hospital); choose another (a few unrelated words work well).",
        _ => throw new InvalidOperationException($"Unknown verdict {verdict}."),
    };

    /// <summary>"Password2026!" is the listed word "password" with digits and a symbol added: guessers add those first.</summary>
    private static string Core(string lower) => lower.Trim().Trim("0123456789!@#$%^&*()-_=+.,;:?'\"~`<>/\\|[]{} ".ToCharArray());
}

namespace OpdReception.Domain;

/// <summary>A patient's email as the desk types it: one plain address, for messages by email.</summary>
public static class PatientEmail
{
    public const int MaxLength = 254;
    private const int MaxLocal = 64;
    private const int MaxLabel = 63;
    private const string LocalSymbols = "!#$%&'*+/=?^_`{|}~.-";

    /// <summary>
    /// The address as it is kept (trimmed, its domain in small letters), or null when it is not one address: a local
    /// part and a domain of at least two labels, no spaces, no display name, nothing a mail server would refuse outright.
    /// </summary>
    public static string? Parse(string typed)
    {
        var text = typed.Trim();
        var at = text.LastIndexOf('@');
        if (text.Length is 0 or > MaxLength || at <= 0 || at != text.IndexOf('@'))
        {
            return null;
        }

        var (local, domain) = (text[..at], text[(at + 1)..].ToLowerInvariant());
        return LocalIsValid(local) && DomainIsValid(domain) ? $"{local}@{domain}" : null;
    }

    private static bool LocalIsValid(string local) =>
        local.Length <= MaxLocal && local[0] != '.' && local[^1] != '.' && !local.Contains("..", StringComparison.Ordinal)
        && local.All(c => char.IsAsciiLetterOrDigit(c) || LocalSymbols.Contains(c));

    private static bool DomainIsValid(string domain)
    {
        var labels = domain.Split('.');
        return labels.Length >= 2
            && labels.All(l => l.Length is > 0 and <= MaxLabel && l[0] != '-' && l[^1] != '-' && l.All(c => char.IsLetterOrDigit(c) || c == '-'))
            && labels[^1].Length >= 2 && labels[^1].All(char.IsLetter);
    }
}

/// <summary>How a patient is reached: the language of their messages, their email, and whether they want none.</summary>
public sealed record MessageContact(string? Language, string? Email, bool OptOut)
{
    /// <summary>
    /// Two records of one person become one: the record kept keeps what it has and takes what it lacks from the other;
    /// a "no messages" on either stands, since the patient asked for it.
    /// </summary>
    public static MessageContact Merge(MessageContact keep, MessageContact from) =>
        new(keep.Language ?? from.Language, keep.Email ?? from.Email, keep.OptOut || from.OptOut);

    /// <summary>What the merge took from the other record, in the history's words; empty when nothing.</summary>
    public static IReadOnlyList<string> Taken(MessageContact keep, MessageContact merged)
    {
        var taken = new List<string>();
        if (keep.Language != merged.Language)
        {
            taken.Add($"language {MessageLanguages.Name(merged.Language)}");
        }

        if (keep.Email != merged.Email)
        {
            taken.Add($"email {merged.Email}");
        }

        if (keep.OptOut != merged.OptOut)
        {
            taken.Add("no messages");
        }

        return taken;
    }
}

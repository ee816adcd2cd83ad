using System.Globalization;
using System.Text;

namespace OpdReception.Domain;

/// <summary>One thing a picker offers: a doctor ("Dr. Sara Khan", "Paediatrics"), a slot ("Tue 8 Jan 09:00").</summary>
/// <param name="Detail">Matched as the name is: a doctor's specialization.</param>
/// <param name="Note">Shown, never matched: a slot's end and seats left, so typing "10" does not find the slot ending at 10:00.</param>
public sealed record PickChoice(int Id, string Name, string Detail = "", string Note = "")
{
    /// <summary>What the field shows once this is picked; typing it again picks it again.</summary>
    public string Text => (Detail.Length == 0 ? Name : $"{Name} — {Detail}") + (Note.Length == 0 ? "" : $" · {Note}");
}

/// <summary>What typed text in a picker stands for.</summary>
public abstract record PickDecision;

/// <summary>Nothing typed: nothing chosen, and nothing to complain about.</summary>
public sealed record NothingTyped : PickDecision;

public sealed record Picked(PickChoice Choice) : PickDecision;

public sealed record NoMatch(string Typed) : PickDecision;

/// <summary>Several fit equally well: the person picks, the form never guesses.</summary>
public sealed record Ambiguous(string Typed, IReadOnlyList<PickChoice> Candidates) : PickDecision;

/// <summary>
/// Issue 17: what a picker field shows is what is submitted. The choice is decided from the text in the field alone,
/// never from a suggestion list that may still show an earlier keystroke's matches.
/// </summary>
public static class Pick
{
    /// <summary>
    /// Every typed word must start a word of the name or detail (case, accents, spacing and punctuation set aside,
    /// so "khan", "Dr Khan" and "sara k" find Dr. Sara Khan). Text equal to a choice's whole text picks it.
    /// </summary>
    public static IReadOnlyList<PickChoice> Matches(string? typed, IReadOnlyList<PickChoice> choices)
    {
        var words = Typed(typed);
        return words.Count == 0 ? choices : choices.Where(c => Fits(words, c)).ToList();
    }

    public static PickDecision Decide(string? typed, IReadOnlyList<PickChoice> choices)
    {
        var words = Typed(typed);
        if (words.Count == 0)
        {
            return string.IsNullOrWhiteSpace(typed) ? new NothingTyped() : new NoMatch(typed.Trim());
        }

        var text = typed!.Trim();
        var whole = choices.Where(c => Same(Typed(c.Text), words) || Same(Typed(c.Name), words)).ToList();
        if (whole.Count == 1)
        {
            return new Picked(whole[0]);
        }

        var fits = whole.Count > 1 ? whole : choices.Where(c => Fits(words, c)).ToList();
        if (fits.Count == 1)
        {
            return new Picked(fits[0]);
        }

        if (fits.Count == 0)
        {
            return new NoMatch(text);
        }

        // "Ali" typed, Dr. Farhan Ali and Dr. Alisha Rao offered: the one whose word is exactly "ali" is meant.
        var exact = fits.Where(c => words.All(w => Words(c.Name).Concat(Words(c.Detail)).Contains(w))).ToList();
        return exact.Count == 1 ? new Picked(exact[0]) : new Ambiguous(text, fits);
    }

    /// <summary>What the field says about the decision, in the desk's words; null when there is nothing to say.</summary>
    public static string? Message(PickDecision decision, string what) => decision switch
    {
        NoMatch(var typed) => $"No {what} matches “{typed}”.",
        Ambiguous(var typed, var candidates) => $"{candidates.Count} {what}s match “{typed}” — pick one.",
        _ => null,
    };

    private static bool Fits(IReadOnlyList<string> typed, PickChoice choice)
    {
        var words = Words(choice.Name).Concat(Words(choice.Detail)).ToList();
        return typed.All(t => words.Any(w => w.StartsWith(t, StringComparison.Ordinal)));
    }

    private static bool Same(IReadOnlyList<string> a, IReadOnlyList<string> b) => a.SequenceEqual(b);

    /// <summary>The words typed; a title ("Dr.") before a name is no word of it, but "Dr." alone still means every doctor.</summary>
    private static List<string> Typed(string? text)
    {
        var words = Words(text);
        return words.Count > 1 ? words.Where(w => w != "dr").ToList() : words;
    }

    /// <summary>Lower-case words without accents or punctuation.</summary>
    private static List<string> Words(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var plain = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            plain.Append(char.IsLetterOrDigit(c) || category == UnicodeCategory.SpacingCombiningMark ? char.ToLowerInvariant(c) : ' ');
        }

        return plain.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
    }
}

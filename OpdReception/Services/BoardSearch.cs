using System.Globalization;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>
/// Finding a row on a doctor's board as the desk types: the token number as it is called out ("T012", "12"), part of
/// the patient's name, the start of their id, or three or more digits of their phone (spaces and dashes ignored).
/// </summary>
public static class BoardSearch
{
    public static IReadOnlyList<TokenView> Filter(IReadOnlyList<TokenView> tokens, string? typed)
    {
        var term = typed?.Trim();
        return string.IsNullOrEmpty(term) ? tokens : tokens.Where(t => Matches(t, term)).ToList();
    }

    public static bool Matches(TokenView token, string term)
    {
        if (NumberIn(term) is { } number && NumberIn(token.TokenNumber) == number)
        {
            return true;
        }

        var digits = new string(term.Where(char.IsDigit).ToArray());
        var phoneLike = digits.Length >= 3 && term.All(c => char.IsDigit(c) || c is ' ' or '-' or '+');
        return token.PatientName.Contains(term, StringComparison.CurrentCultureIgnoreCase)
            || token.PatientId.StartsWith(term, StringComparison.OrdinalIgnoreCase)
            || (phoneLike && token.PhoneNumber is { } phone && new string(phone.Where(char.IsDigit).ToArray()).Contains(digits, StringComparison.Ordinal));
    }

    /// <summary>"T012", "t12", "12" and, for a doctor with another label prefix, "A012" or "ab12" all name token 12.</summary>
    private static int? NumberIn(string text)
    {
        var letters = text.TakeWhile(char.IsAsciiLetter).Count();
        var digits = letters <= TokenLabels.MaxPrefixLength ? text[letters..] : "";
        return digits.Length is > 0 and <= 6 && digits.All(char.IsAsciiDigit)
            ? int.Parse(digits, CultureInfo.InvariantCulture)
            : null;
    }
}

using System.Globalization;

namespace OpdReception.Domain;

/// <summary>
/// The hospital's one pattern of hospital numbers: a prefix and a fixed count of digits ("H-" and 6 gives H-000123).
/// New patients get the next number in it; a number outside it was mistyped, never a new patient.
/// </summary>
public sealed record HospitalNumberPattern(string Prefix, int Digits)
{
    public const int MinDigits = 3;
    public const int MaxDigits = 12;
    public const int MaxPrefixLength = 6;

    public static HospitalNumberPattern Default { get; } = new("H-", 6);

    /// <summary>Why the pattern itself cannot be used, or null: a prefix of capitals, digits, - or /, and 3 to 12 digits.</summary>
    public string? Problem() =>
        Prefix.Length is < 1 or > MaxPrefixLength || !Prefix.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '/')
            ? $"the prefix must be 1 to {MaxPrefixLength} capital letters, digits, - or /"
            : Digits is < MinDigits or > MaxDigits ? $"the number of digits must be {MinDigits} to {MaxDigits}" : null;

    /// <summary>Capitals or not, the way a desk types it.</summary>
    public bool IsWellFormed(string id) =>
        id.Length == Prefix.Length + Digits
        && id.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
        && id[Prefix.Length..].All(char.IsAsciiDigit);

    public string Format(long number) => Prefix + number.ToString(CultureInfo.InvariantCulture).PadLeft(Digits, '0');

    /// <summary>The next number after the highest one given so far; null when every number of the pattern is used.</summary>
    public string? Next(string? highest)
    {
        var last = highest is not null && IsWellFormed(highest) ? long.Parse(highest[Prefix.Length..], CultureInfo.InvariantCulture) : 0;
        return last + 1 < (long)Math.Pow(10, Digits) ? Format(last + 1) : null;
    }

    /// <summary>How a person reads the pattern in a message: H- and 6 digits, e.g. H-000123.</summary>
    public string Describe() => $"{Prefix} and {Digits} digits, e.g. {Format(123)}";
}

/// <summary>What the desk records about a patient besides the name and phone, and the checks each field must pass.</summary>
public static class PatientFacts
{
    public const int MaxAge = 120;
    public const int AbhaNumberDigits = 14;
    public const int MaxAddress = 300;

    /// <summary>
    /// A phone as the duplicate check compares it: its last 10 digits, so the country code, a leading 0, spaces and
    /// dashes make no difference; null when there are too few digits to be a phone.
    /// </summary>
    public static string? PhoneKey(string? phone)
    {
        var digits = phone is null ? "" : string.Concat(phone.Where(char.IsAsciiDigit));
        return digits.Length < 7 ? null : digits.Length > 10 ? digits[^10..] : digits;
    }

    /// <summary>An age in years typed at the desk becomes an approximate date of birth, so it is still right next year.</summary>
    public static DateOnly BirthDateForAge(int years, DateOnly today) => today.AddYears(-years);

    /// <summary>Whole years on <paramref name="today"/>.</summary>
    public static int AgeOn(DateOnly birthDate, DateOnly today)
    {
        var age = today.Year - birthDate.Year;
        return birthDate > today.AddYears(-age) ? age - 1 : age;
    }

    public static string? AgeProblem(int years) =>
        years is < 0 or > MaxAge ? $"must be 0 to {MaxAge} years" : null;

    public static string? BirthDateProblem(DateOnly birthDate, DateOnly today) =>
        birthDate > today ? "cannot be in the future"
        : AgeOn(birthDate, today) > MaxAge ? $"gives an age over {MaxAge} years"
        : null;

    /// <summary>The 14 digits of an ABHA number as typed (spaces and dashes allowed), or null when it is not one.</summary>
    public static string? AbhaDigits(string typed)
    {
        var digits = string.Concat(typed.Where(c => c is not (' ' or '-')));
        return digits.Length == AbhaNumberDigits && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    /// <summary>How an ABHA number is printed: 12-3456-7890-1234.</summary>
    public static string ShowAbha(string digits) =>
        digits.Length == AbhaNumberDigits ? $"{digits[..2]}-{digits[2..6]}-{digits[6..10]}-{digits[10..]}" : digits;

    /// <summary>
    /// An ABHA address such as name@abdm (or name@sbx in ABDM's sandbox), lower-cased; null when it is not one. The
    /// name part is 4 to 32 letters or digits, with dots or underscores between them.
    /// </summary>
    public static string? AbhaAddress(string typed)
    {
        var address = typed.Trim().ToLowerInvariant();
        var at = address.IndexOf('@');
        if (at < 0 || address[(at + 1)..] is not ("abdm" or "sbx"))
        {
            return null;
        }

        var name = address[..at];
        var wellFormed = name.Length is >= 4 and <= 32
            && char.IsAsciiLetterOrDigit(name[0]) && char.IsAsciiLetterOrDigit(name[^1])
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_')
            && !name.Contains("..") && !name.Contains("__") && !name.Contains("._") && !name.Contains("_.");
        return wellFormed ? address : null;
    }

    /// <summary>The words a receptionist uses: "F, 34 y" on a slip, with ~ when the age was told rather than a date of birth.</summary>
    public static string? SexAndAge(Sex? sex, DateOnly? birthDate, bool approximate, DateOnly today)
    {
        var parts = new List<string>();
        if (sex is { } known)
        {
            parts.Add(Word(known));
        }

        if (birthDate is { } born)
        {
            parts.Add($"{(approximate ? "~" : "")}{AgeOn(born, today)} y");
        }

        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    public static string Word(Sex sex) => sex switch
    {
        Sex.Female => "Female",
        Sex.Male => "Male",
        _ => "Other",
    };
}

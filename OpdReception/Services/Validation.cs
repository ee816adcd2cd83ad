using System.Text.RegularExpressions;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>Collects field errors so a form or an API caller learns everything wrong at once.</summary>
public sealed partial class Validation
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public bool IsValid => _errors.Count == 0;

    public Validation Require(bool condition, string field, string message)
    {
        if (!condition)
        {
            (_errors.TryGetValue(field, out var list) ? list : _errors[field] = []).Add(message);
        }

        return this;
    }

    public Validation Name(string? value, string field, string what) =>
        Require(!string.IsNullOrWhiteSpace(value), field, $"{what} is required.")
            .Text(value, field, what, 100);

    /// <summary>Optional text: at most <paramref name="max"/> characters, any script, nothing that hides or reorders it.</summary>
    public Validation Text(string? value, string field, string what, int max)
    {
        if (value is null)
        {
            return this;
        }

        return Require(value.Trim().Length <= max, field, $"{what} must be at most {max} characters.")
            .Require(TextRules.Problem(value) is null, field, $"{what} {TextRules.Problem(value)}.");
    }

    public Validation Phone(string? value, string field = "phoneNumber") =>
        Require(string.IsNullOrWhiteSpace(value) || PhonePattern().IsMatch(value.Trim()), field,
            "Phone number must be 7 to 15 digits, optionally starting with + (spaces and dashes allowed).");

    public OpdProblem ToProblem() => OpdProblem.Invalid(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));

    /// <summary>At most a short excerpt of what was sent, with invisible characters made visible: errors never echo whole inputs.</summary>
    public static string Excerpt(string text, int max = 40)
    {
        var cut = text.Length > max ? text[..max] + "…" : text;
        return string.Concat(cut.Select(c => char.IsControl(c) || TextRules.IsBidiControl(c) || char.IsSurrogate(c) ? '\uFFFD' : c));
    }

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex(@"^\+?(?:[0-9][ -]?){6,14}[0-9]$")]
    private static partial Regex PhonePattern();
}

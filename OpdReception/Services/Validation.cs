using System.Text.RegularExpressions;

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
            .Require(value is null || value.Trim().Length <= 100, field, $"{what} must be at most 100 characters.");

    public Validation Phone(string? value, string field = "phoneNumber") =>
        Require(string.IsNullOrWhiteSpace(value) || PhonePattern().IsMatch(value.Trim()), field,
            "Phone number must be 7 to 15 digits, optionally starting with + (spaces and dashes allowed).");

    public OpdProblem ToProblem() => OpdProblem.Invalid(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex(@"^\+?(?:[0-9][ -]?){6,14}[0-9]$")]
    private static partial Regex PhonePattern();
}

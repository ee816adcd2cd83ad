using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using OpdReception.Domain;
using OpdReception.Services;

namespace OpdReception.Api;

/// <summary>
/// Turns the framework's binding and JSON failures into the caller's words: the field, what it must be, and at
/// most a short excerpt of what was sent. Never a .NET type name such as <c>Nullable&lt;DateOnly&gt;</c>.
/// </summary>
internal static partial class BadRequestWords
{
    public static async Task<Explained> ExplainAsync(HttpContext http, BadHttpRequestException bad, CancellationToken ct) => bad.InnerException switch
    {
        JsonException json when UnmappedPattern().Match(json.Message) is { Success: true } unmapped =>
            await UnknownMembersAsync(http, unmapped.Groups["member"].Value, unmapped.Groups["type"].Value, ct),
        JsonException json when MissingPattern().Match(json.Message) is { Success: true } missing => Missing(missing.Groups["members"].Value),
        JsonException { Path: { } path } json when ConvertPattern().Match(json.Message) is { Success: true } convert =>
            Explained.For(Field(path), $"The value at {Excerpt(path)} must be {Kind(MemberType(http, convert.Groups["type"].Value, Field(path)))}."),
        JsonException { Path: { } path } json => Explained.For(Field(path), $"The value at {Excerpt(path)} is not valid: {Excerpt(json.Message.Split(" Path: ")[0], 200)}"),
        JsonException => new Explained("The body is not valid JSON."),
        _ when BindPattern().Match(bad.Message) is { Success: true } bind && Named(http, bind.Groups["name"].Value) is var name =>
            Explained.For(name, $"{Capital(name)} must be {Kind(bind.Groups["type"].Value)}; got \"{Excerpt(bind.Groups["value"].Value)}\"."),
        _ when RequiredPattern().Match(bad.Message) is { Success: true } required =>
            Explained.For(required.Groups["name"].Value, $"{Capital(required.Groups["name"].Value)} is required: {Kind(required.Groups["type"].Value)}."),
        _ when bad.Message.Contains("no body was provided", StringComparison.Ordinal) => new Explained("This request needs a JSON body."),
        _ when bad.StatusCode == StatusCodes.Status415UnsupportedMediaType => new Explained("Send the body as JSON (Content-Type: application/json)."),
        _ when bad.StatusCode == StatusCodes.Status413PayloadTooLarge => new Explained("The body is too large."),
        _ => new Explained("The request could not be read."),
    };

    public static string Excerpt(string text, int max = 40) => Validation.Excerpt(text, max);

    // A message is a sentence even when it opens with the parameter's name ("Date must be…"); the error's key keeps the name as sent.
    private static string Capital(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];

    /// <summary>Every required member left out, each named, so a missing number is never taken for zero.</summary>
    private static Explained Missing(string listed)
    {
        var names = listed.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(n => Excerpt(n.Trim('\''))).Take(20).ToList();
        var message = $"Missing required field{(names.Count == 1 ? "" : "s")} {string.Join(", ", names)}: nothing was saved.";
        return new Explained(message, names.ToDictionary(n => n, n => new[] { $"{n} is required." }));
    }

    /// <summary>The framework stops at the first unknown member; the caller hears about every one of them.</summary>
    private static async Task<Explained> UnknownMembersAsync(HttpContext http, string first, string typeName, CancellationToken ct)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var type = typeof(BadRequestWords).Assembly.GetType(typeName);
        var known = type is null ? [] : options.GetTypeInfo(type).Properties.Select(p => p.Name).ToList();
        var unknown = new List<string> { first };
        if (http.Request.Body.CanSeek)
        {
            try
            {
                http.Request.Body.Position = 0;
                using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: ct);
                if (body.RootElement.ValueKind == JsonValueKind.Object)
                {
                    unknown = body.RootElement.EnumerateObject().Select(p => p.Name)
                        .Where(n => !known.Contains(n, StringComparer.OrdinalIgnoreCase)).Distinct().ToList();
                }
            }
            catch (JsonException)
            {
                // The first unknown member is already known; the rest cannot be read.
            }
        }

        var names = string.Join(", ", unknown.Take(5).Select(n => $"\"{Excerpt(n)}\"")) + (unknown.Count > 5 ? $" and {unknown.Count - 5} more" : "");
        var allowed = known.Count == 0 ? "" : $" Allowed: {string.Join(", ", known)}.";
        var message = $"Unknown field{(unknown.Count == 1 ? "" : "s")} {names}: nothing was saved.{allowed}";
        return new Explained(message, unknown.Take(5).ToDictionary(n => Excerpt(n), _ => new[] { $"Unknown field.{allowed}" }));
    }

    /// <summary>
    /// The framework names the body's type, not the member's, when a member fails to convert; the member's own type
    /// is looked up so the caller hears "a whole number", not the name of a .NET type.
    /// </summary>
    private static string MemberType(HttpContext http, string reported, string field)
    {
        var type = typeof(BadRequestWords).Assembly.GetType(reported);
        if (type is null)
        {
            return reported;
        }

        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return options.GetTypeInfo(type).Properties
            .FirstOrDefault(p => string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase))?.PropertyType.ToString() ?? reported;
    }

    private static string Field(string path) => Excerpt(path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$'));

    /// <summary>What a value of this .NET type looks like to a caller, however the framework spelled the type.</summary>
    private static string Kind(string typeName)
    {
        bool Has(string name) => typeName.Contains(name, StringComparison.Ordinal);
        return typeName switch
        {
            _ when Has(nameof(TokenSource)) => $"one of: {string.Join(", ", Enum.GetNames<TokenSource>())}",
            _ when Has(nameof(TokenStatus)) => $"one of: {string.Join(", ", Enum.GetNames<TokenStatus>())}",
            _ when Has(nameof(SlotStatus)) => $"one of: {string.Join(", ", Enum.GetNames<SlotStatus>())}",
            _ when Has("List") || Has("[]") || Has("Enumerable") => "a list in square brackets",
            _ when Has("DateOnly") => "a date written YYYY-MM-DD, for example 2030-01-07",
            _ when Has("TimeOnly") => "a time of day written HH:mm, for example 09:30",
            _ when Has("DateTime") => "a date and time, for example 2030-01-07T09:30:00+05:30",
            _ when Has("Int32") || Has("Int64") || Has("int") || Has("long") => "a whole number (for example 12)",
            _ when Has("Double") || Has("Decimal") || Has("double") || Has("decimal") => "a number",
            _ when Has("Boolean") || Has("bool") => "true or false",
            _ when Has("String") || Has("string") => "text in quotes",
            _ => "a value of the right kind",
        };
    }

    /// <summary>The name the caller used: a handler's delayMinutes is the query's delay_minutes.</summary>
    private static string Named(HttpContext http, string parameter)
    {
        var snake = string.Concat(parameter.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : c.ToString()));
        return snake != parameter && http.Request.Query.ContainsKey(snake) ? snake : parameter;
    }

    [GeneratedRegex(@"The JSON property '(?<member>.*)' could not be mapped to any \.NET member contained in type '(?<type>[^']+)'", RegexOptions.Singleline)]
    private static partial Regex UnmappedPattern();

    [GeneratedRegex(@"was missing required properties including: (?<members>.*?)\.?(?: Path:|$)", RegexOptions.Singleline)]
    private static partial Regex MissingPattern();

    [GeneratedRegex(@"could not be converted to (?<type>\S+?)\.? Path:", RegexOptions.Singleline)]
    private static partial Regex ConvertPattern();

    [GeneratedRegex(@"^Failed to bind parameter ""(?<type>\S+) (?<name>\w+)"" from ""(?<value>.*)""\.?$", RegexOptions.Singleline)]
    private static partial Regex BindPattern();

    [GeneratedRegex(@"^Required parameter ""(?<type>\S+) (?<name>\w+)"" was not provided", RegexOptions.Singleline)]
    private static partial Regex RequiredPattern();
}

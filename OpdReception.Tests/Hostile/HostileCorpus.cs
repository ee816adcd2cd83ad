using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace OpdReception.Tests.Hostile;

/// <summary>One bad request: what it is, and how to send it (a fresh message each time).</summary>
public sealed record HostileCase(string Name, HttpMethod Method, string Url, Func<HttpContent?> Body)
{
    public HttpRequestMessage Request() => new(Method, Url) { Content = Body() };

    public override string ToString() => $"{Method} {Url} [{Name}]";
}

/// <summary>Ids of real records, so a bad request reaches the code behind a route instead of stopping at "not found".</summary>
public sealed record KnownIds(int TokenId, int SlotId, int OtherSlotId, int DoctorId, string PatientId);

/// <summary>
/// Builds bad requests for every endpoint the app maps under /api and /account, read from the endpoint data
/// source: bad ids, wrong methods, malformed bodies and content types, and for each member of a request body the
/// values its type must refuse. A new endpoint or a new member is covered without touching this file.
/// </summary>
public static class HostileCorpus
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    private static readonly string[] BadIntIds =
        ["0", "-1", "2147483647", "2147483648", "-2147483649", "99999999999999999999", "abc", "1.5", "1e3", "0x1F", "%20", "%01", "%E2%80%AE7", "%D9%A1"];

    private static readonly string[] BadTextIds = ["%01", "%E2%80%AE%41", "%07", new string('P', 300)];

    private static readonly string[] Malformed =
    [
        "{", "{\"", "}", "[", "[]", "\"text\"", "42", "true", "{\"a\":1,}", "{'x':1}", "{\"x\":1 \"y\":2}", "{}{}", "<x/>", "\u0000", "\uFEFF{", "{\"x\":\"\\u12\"}",
    ];

    private static readonly HashSet<string> Required =
        ["slotId", "patientName", "source", "status", "name", "specialization", "doctorId", "date", "startTime", "endTime", "email", "password"];

    public static IReadOnlyList<HostileCase> Build(EndpointDataSource endpoints, KnownIds ids)
    {
        var routes = endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && (raw.StartsWith("/api/") || raw.StartsWith("/account/")))
            .Select(e => (Endpoint: e, Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []))
            .Where(e => e.Methods.Count > 0)
            .ToList();
        var cases = new List<HostileCase>();
        foreach (var (endpoint, methods) in routes)
        {
            var pattern = endpoint.RoutePattern;
            var method = new HttpMethod(methods[0]);
            var accepts = endpoint.Metadata.GetMetadata<IAcceptsMetadata>();
            var body = accepts?.RequestType;
            var baseBody = body is null ? null : BaseBody(body, ids);
            var url = Fill(pattern, ids, null, null);
            var queries = QueryParameters(endpoint).ToList();
            var validQuery = string.Join("&", queries.Select(q => $"{q.Name}={ValidQuery(q.Type, ids)}"));
            string WithQuery(string u, string query) => query.Length == 0 ? u : $"{u}?{query}";

            foreach (var parameter in pattern.Parameters)
            {
                var bad = IsIntRoute(parameter) ? BadIntIds : BadTextIds;
                foreach (var value in bad)
                {
                    cases.Add(new($"bad {parameter.Name} {value}", method, WithQuery(Fill(pattern, ids, parameter.Name, value), validQuery), () => Json(baseBody)));
                }
            }

            foreach (var query in queries)
            {
                foreach (var value in BadQuery(query.Type))
                {
                    var others = queries.Where(q => q.Name != query.Name).Select(q => $"{q.Name}={ValidQuery(q.Type, ids)}");
                    cases.Add(new($"bad query {query.Name}={value}", method, WithQuery(url, string.Join("&", others.Append($"{query.Name}={value}"))), () => Json(baseBody)));
                }
            }

            if (body is null || baseBody is null)
            {
                continue;
            }

            var target = WithQuery(url, validQuery);
            foreach (var text in Malformed.Append(baseBody[..(baseBody.Length / 2)]).Append(baseBody + "x"))
            {
                cases.Add(new($"malformed {Excerpt(text)}", method, target, () => Raw(text, "application/json")));
            }

            foreach (var type in new[] { "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-32" })
            {
                cases.Add(new($"content type {type}", method, target, () => Raw(baseBody, type)));
            }

            cases.Add(new("no content type", method, target, () => new ByteArrayContent(Encoding.UTF8.GetBytes(baseBody))));
            if (!BodyIsOptional(endpoint, body))
            {
                cases.Add(new("empty body", method, target, () => Raw("", "application/json")));
            }

            cases.Add(new("10 MB body", method, target, () => Raw(baseBody[..^1] + $",\"padding\":\"{new string('x', 10 * 1024 * 1024)}\"}}", "application/json")));
            cases.Add(new("unknown member", method, target, () => Raw(baseBody[..^1] + ",\"isAdmin\":true}", "application/json")));

            foreach (var member in Members(body))
            {
                foreach (var (label, value) in BadValues(member.Type, Required.Contains(member.Name)))
                {
                    var mutated = Mutate(baseBody, member.Name, value);
                    cases.Add(new($"{member.Name} {label}", method, target, () => Raw(mutated, "application/json")));
                }
            }
        }

        // Methods an endpoint's route does not answer to.
        foreach (var group in routes.GroupBy(r => r.Endpoint.RoutePattern.RawText))
        {
            var mapped = group.SelectMany(g => g.Methods).ToHashSet();
            var url = Fill(group.First().Endpoint.RoutePattern, ids, null, null);
            foreach (var method in Methods.Where(m => !mapped.Contains(m)))
            {
                cases.Add(new("wrong method", new HttpMethod(method), url, () => Raw("{}", "application/json")));
            }
        }

        return cases;
    }

    /// <summary>A nullable body parameter may be left out: an empty body is then a request without one, not a bad one.</summary>
    private static bool BodyIsOptional(RouteEndpoint endpoint, Type body) =>
        endpoint.Metadata.OfType<MethodInfo>().FirstOrDefault()?.GetParameters().FirstOrDefault(p => p.ParameterType == body) is { } parameter
        && new NullabilityInfoContext().Create(parameter).WriteState == NullabilityState.Nullable;

    private static bool IsIntRoute(RoutePatternParameterPart parameter) =>
        parameter.ParameterPolicies.Any(p => p.Content == "int");

    private static string Fill(RoutePattern pattern, KnownIds ids, string? bad, string? badValue) =>
        "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter when parameter.Name == bad => badValue!,
            RoutePatternParameterPart parameter => KnownId(pattern, parameter.Name, ids),
            _ => "",
        }))));

    private static string KnownId(RoutePattern pattern, string name, KnownIds ids) => name switch
    {
        "slotId" => ids.SlotId.ToString(),
        "doctorId" => ids.DoctorId.ToString(),
        "patientId" => ids.PatientId,
        _ when pattern.RawText!.StartsWith("/api/tokens") => ids.TokenId.ToString(),
        _ when pattern.RawText!.StartsWith("/api/slots") => ids.SlotId.ToString(),
        _ when pattern.RawText!.StartsWith("/api/doctors") => ids.DoctorId.ToString(),
        _ => "1",
    };

    private sealed record Parameter(string Name, Type Type);

    /// <summary>The handler's simple parameters that are neither route values, headers, nor services: they come from the query.</summary>
    private static IEnumerable<Parameter> QueryParameters(RouteEndpoint endpoint)
    {
        var handler = endpoint.Metadata.OfType<MethodInfo>().FirstOrDefault();
        if (handler is null)
        {
            yield break;
        }

        var route = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in handler.GetParameters())
        {
            var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
            if (route.Contains(parameter.Name!) || parameter.GetCustomAttribute<FromHeaderAttribute>() is not null || parameter.GetCustomAttribute<FromBodyAttribute>() is not null)
            {
                continue;
            }

            if (type == typeof(int) || type == typeof(long) || type == typeof(DateOnly) || type == typeof(TimeOnly) || type == typeof(bool))
            {
                yield return new Parameter(parameter.GetCustomAttribute<FromQueryAttribute>()?.Name ?? parameter.Name!, type);
            }
        }
    }

    private static string ValidQuery(Type type, KnownIds ids) =>
        type == typeof(DateOnly) ? "2030-01-07" : type == typeof(bool) ? "false" : type == typeof(TimeOnly) ? "09:00" : ids.OtherSlotId.ToString();

    private static IEnumerable<string> BadQuery(Type type) =>
        type == typeof(DateOnly) ? ["2030-02-30", "2030-13-01", "yesterday", "%00", "9999999999"]
        : type == typeof(TimeOnly) ? ["25:00", "noon", "%00"]
        : type == typeof(bool) ? ["maybe", "2"]
        : ["abc", "1.5", "99999999999", "%00", "1e3", "0x10"];

    private sealed record Member(string Name, Type Type);

    private static IEnumerable<Member> Members(Type body) =>
        body.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite || p.GetSetMethod(nonPublic: true) is not null || body.GetConstructors().Any(c => c.GetParameters().Any(a => a.Name == p.Name)))
            .Select(p => new Member(p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name), p.PropertyType));

    /// <summary>A body that would be accepted, so each case below is wrong in one member only.</summary>
    private static string BaseBody(Type body, KnownIds ids)
    {
        var values = new Dictionary<string, object?>();
        foreach (var member in Members(body))
        {
            var type = Nullable.GetUnderlyingType(member.Type) ?? member.Type;
            values[member.Name] = member.Name switch
            {
                "slotId" => ids.SlotId,
                "targetSlotId" => ids.OtherSlotId,
                "doctorId" => ids.DoctorId,
                "patientId" => "P-HOSTILE-NEW",
                "patientName" => "Asha Verma",
                "phoneNumber" => "+91 98765 43210",
                "source" => "WalkIn",
                "status" => "Waiting",
                "reason" => "Asked at the desk",
                "name" => "Dr. Hostile",
                "specialization" => "Cardiology",
                "opdDays" => new[] { "Monday" },
                "opd_days" => null,
                "room" => "101",
                "date" => "2030-01-07",
                "startTime" => "11:00",
                "endTime" => "12:00",
                "maxCapacity" => 5,
                "minutesPerConsultation" => 10,
                "email" => "nobody@hostile.test",
                "password" => "not-the-password",
                "refreshToken" => "not-a-token",
                _ when type == typeof(int) || type == typeof(long) => 1,
                _ when type == typeof(bool) => false,
                _ => "x",
            };
        }

        return JsonSerializer.Serialize(values.Where(v => v.Value is not null).ToDictionary());
    }

    private static IEnumerable<(string Label, string Json)> BadValues(Type type, bool required)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var list = type != typeof(string) && type.IsAssignableTo(typeof(System.Collections.IEnumerable));
        IEnumerable<(string, string)> common = list ? [("object", "{}")] : [("object", "{}"), ("array", "[]")];
        if (required)
        {
            common = common.Append(("null", "null"));
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return common.Concat([("text", "\"abc\""), ("fraction", "1.5"), ("int max", "2147483647"), ("int min", "-2147483648"), ("past int", "2147483648"),
                ("below int", "-2147483649"), ("past long", "9223372036854775808"), ("huge", "1e400"), ("negative", "-1"), ("bool", "true")]);
        }

        if (type == typeof(string))
        {
            return common.Concat([("number", "123"), ("bool", "true"), ("NUL", "\"Asha\\u0000Verma\""), ("bell", "\"Asha\\u0007\""), ("newline", "\"Asha\\nVerma\""),
                ("bidi override", "\"\\u202Eamrev ahsA\""), ("bidi isolate", "\"Asha\\u2066x\""), ("lone surrogate", "\"\\ud800\""), ("10k chars", $"\"{new string('a', 10_000)}\""),
                ("1 MB", $"\"{new string('a', 1024 * 1024)}\"")]);
        }

        if (type == typeof(DateOnly))
        {
            return common.Concat([("Feb 30", "\"2030-02-30\""), ("month 13", "\"2030-13-01\""), ("words", "\"yesterday\""), ("number", "20300107"), ("year 0", "\"0000-01-01\""), ("day 32", "\"9999-12-32\"")]);
        }

        if (type == typeof(TimeOnly))
        {
            return common.Concat([("25:00", "\"25:00\""), ("12:60", "\"12:60\""), ("negative", "\"-01:00\""), ("noon", "\"noon\""), ("number", "900"), ("24:00", "\"24:00\"")]);
        }

        if (type == typeof(bool))
        {
            return common.Concat([("yes", "\"yes\""), ("one", "1")]);
        }

        if (type.IsEnum)
        {
            return common.Concat([("unknown word", "\"NotAWord\""), ("empty", "\"\""), ("number", "7"), ("word with NUL", $"\"{Enum.GetNames(type)[0]}\\u0000\""), ("digit text", "\"0\"")]);
        }

        if (list)
        {
            return common.Concat([("a string", "\"Monday\""), ("numbers", "[1]"), ("nulls", "[null]"), ("unknown word", "[\"Funday\"]"), ("10 entries", $"[{string.Join(",", Enumerable.Repeat("\"Monday\"", 10))}]"),
                ("10k entries", $"[{string.Join(",", Enumerable.Repeat("\"Monday\"", 10_000))}]")]);
        }

        return common;
    }

    private static string Mutate(string baseBody, string member, string value)
    {
        var values = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(baseBody)!;
        var json = new StringBuilder("{");
        foreach (var (name, element) in values.Where(v => v.Key != member))
        {
            json.Append(JsonSerializer.Serialize(name)).Append(':').Append(element.GetRawText()).Append(',');
        }

        return json.Append(JsonSerializer.Serialize(member)).Append(':').Append(value).Append('}').ToString();
    }

    private static HttpContent? Json(string? body) => body is null ? null : Raw(body, "application/json");

    private static HttpContent Raw(string text, string type)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        return content;
    }

    private static string Excerpt(string text) => text.Length > 12 ? text[..12] + "…" : text;
}

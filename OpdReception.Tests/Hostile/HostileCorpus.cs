using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using static OpdReception.Tests.Hostile.HostileBodies;
using static OpdReception.Tests.Hostile.HostileValues;

namespace OpdReception.Tests.Hostile;

/// <summary>One bad request: what it is, and how to send it (a fresh message each time).</summary>
public sealed record HostileCase(string Name, HttpMethod Method, string Url, Func<HttpContent?> Body)
{
    public HttpRequestMessage Request() => new(Method, Url) { Content = Body() };

    public override string ToString() => $"{Method} {Url} [{Name}]";
}

/// <summary>Ids of real records, so a bad request reaches the code behind a route instead of stopping at "not found".</summary>
/// <param name="UserId">A staff account that may be changed, never the caller's own.</param>
/// <param name="Bodies">Bodies the app must tell (the settings in force), by type, so a mutation is wrong in one member only.</param>
public sealed record KnownIds(int TokenId, int SlotId, int OtherSlotId, int DoctorId, string PatientId, string UserId, IReadOnlyDictionary<Type, string> Bodies);

/// <summary>
/// Builds bad requests for every endpoint the app maps under /api and /account, read from the endpoint data
/// source: bad ids, wrong methods, malformed bodies and content types, and for each member of a request body the
/// values its type must refuse. A new endpoint or a new member is covered without touching these files.
/// </summary>
public static class HostileCorpus
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    public static IReadOnlyList<HostileCase> Build(EndpointDataSource endpoints, KnownIds ids)
    {
        var routes = endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(IsApi)
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
            var element = body is null ? null : ElementOf(body);
            var baseBody = body is null ? null : element is null ? BaseBody(body, ids) : $"[{BaseBody(element, ids)}]";
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

            // A list body is wrong in its one element, or in the list itself.
            var one = element is null ? baseBody : baseBody[1..^1];
            string Wrap(string member) => element is null ? member : $"[{member}]";
            if (element is not null)
            {
                foreach (var (label, list) in new[] { ("null entry", "[null]"), ("null after a good entry", $"[{one},null]"), ("object for list", one), ("nested list", $"[{baseBody}]") })
                {
                    cases.Add(new(label, method, target, () => Raw(list, "application/json")));
                }
            }

            cases.Add(new("10 MB body", method, target, () => Raw(Wrap(one[..^1] + $",\"padding\":\"{new string('x', 10 * 1024 * 1024)}\"}}"), "application/json")));
            cases.Add(new("unknown member", method, target, () => Raw(Wrap(one[..^1] + ",\"isAdmin\":true}"), "application/json")));

            var shape = element ?? body;
            foreach (var member in Members(shape))
            {
                var mustBeSent = MustBeSent(shape, member.Name);
                var nullMeansNone = shape == typeof(OpdReception.Services.LinkDoctorRequest); // null unlinks the doctor
                foreach (var (label, value) in BadValues(member.Type, mustBeSent || (Required.Contains(member.Name) && !nullMeansNone)))
                {
                    var mutated = Wrap(Mutate(one, member.Name, value));
                    cases.Add(new($"{member.Name} {label}", method, target, () => Raw(mutated, "application/json")));
                }

                if (mustBeSent)
                {
                    var without = Wrap(Without(one, member.Name));
                    cases.Add(new($"{member.Name} missing", method, target, () => Raw(without, "application/json")));
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

    /// <summary>Endpoints under /api and /account, less the pages that live there too (changing one's password, the second factor).</summary>
    private static bool IsApi(RouteEndpoint e) =>
        e.RoutePattern.RawText is { } raw && (raw.StartsWith("/api/") || raw.StartsWith("/account/"))
        && e.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is null;

    /// <summary>The routes under /api and /account that the corpus covers, with their methods.</summary>
    public static IReadOnlyList<string> Routes(EndpointDataSource endpoints) =>
        endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(IsApi)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Distinct().ToList();

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
        "tokenId" => ids.TokenId.ToString(),
        _ when pattern.RawText!.StartsWith("/api/admin/users") => ids.UserId,
        _ when pattern.RawText!.StartsWith("/api/admin/doctors") => ids.DoctorId.ToString(),
        _ when pattern.RawText!.StartsWith("/api/admin/slots") => ids.SlotId.ToString(),
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

}

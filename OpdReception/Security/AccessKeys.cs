using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.StaticAssets;

namespace OpdReception.Security;

/// <summary>
/// Names every endpoint by its line in the rule table: "METHOD /route", "PAGE /route", "STATIC" or "FRAMEWORK".
/// <see cref="RuledEndpoints"/> uses it to give each endpoint its policy; RuleTableTests uses it to find the lines.
/// </summary>
public static class AccessKeys
{
    /// <summary>The rule of a request the router found no endpoint for, or only routing's own 405 answer.</summary>
    public static (string Key, AccessRule Rule) RuleFor(HttpContext http, IHostEnvironment environment)
    {
        if (http.GetEndpoint() is { } endpoint)
        {
            var key = KeyOf(endpoint, http.Request.Method);
            return (key, RuleFor(key, environment));
        }

        // No endpoint: a missing page (answered by the not-found page) or the API reference UI, which is middleware.
        return http.Request.Path.StartsWithSegments("/docs")
            ? ("DOCS /docs", RuleFor("GET /openapi/{documentName}.json", environment))
            : ("NONE " + http.Request.Path, new AccessRule(Who.Anyone));
    }

    public static AccessRule RuleFor(string key, IHostEnvironment environment) => key switch
    {
        "STATIC" or "FRAMEWORK" => new AccessRule(Who.Anyone),
        "GET /openapi/{documentName}.json" when environment.IsDevelopment() => new AccessRule(Who.Anyone),
        _ => AccessRules.For(key),
    };

    /// <summary>"PAGE /route" for a Blazor page, "STATIC" for a static file, "FRAMEWORK" for Blazor's hub, else "METHOD /route".</summary>
    public static string KeyOf(Endpoint endpoint, string method)
    {
        if (endpoint is not RouteEndpoint routed)
        {
            // Routing's own answers, such as "405 HTTP Method Not Supported": nothing behind them to guard.
            return endpoint.DisplayName?.StartsWith("405 ", StringComparison.Ordinal) == true ? "FRAMEWORK" : $"UNROUTED {endpoint.DisplayName}";
        }

        var route = routed.RoutePattern.RawText ?? "";

        // Files of wwwroot: from the build's manifest, or (unpublished builds) the file fallback beside it.
        if (endpoint.Metadata.GetMetadata<StaticAssetDescriptor>() is not null
            || route == "{**path:file}")
        {
            return "STATIC";
        }

        var path = AccessRules.Normalize(route);
        if (endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
        {
            return $"PAGE {path}";
        }

        if (AccessRules.FrameworkPrefixes.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
        {
            return "FRAMEWORK";
        }

        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
        var chosen = methods.Contains(method, StringComparer.OrdinalIgnoreCase) ? method : methods.FirstOrDefault() ?? method;
        return AccessRules.Key(chosen.ToUpperInvariant(), path);
    }
}

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.StaticAssets;
using OpdReception.Domain;

namespace OpdReception.Security;

/// <summary>
/// Holds every request to the rule table: finds the rule of the endpoint it was routed to, decides, and answers
/// 401/403 (the API) or sends to the sign-in page (pages). An endpoint with no rule is refused, so nothing is
/// open by accident.
/// </summary>
public sealed class AccessEnforcement(RequestDelegate next, IHostEnvironment environment, ILogger<AccessEnforcement> log)
{
    public async Task InvokeAsync(HttpContext http, AccessOwnership ownership, AccountStamps stamps, IOptions<IdentityOptions> identity)
    {
        // A bearer token carries no later news of its account: a locked account or renewed security stamp ends it now.
        if (http.User.IsSignedIn() && http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && !await stamps.StillValidAsync(http.User, http.RequestServices, identity.Value))
        {
            log.LogWarning("Refused a bearer token of user {User} at {Path}: the account is locked or its security stamp changed", http.User.UserId(), TextRules.ForLog(http.Request.Path.Value));
            http.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
        }

        var rule = RuleFor(http, environment);
        var decision = AccessDecision.Decide(http.User.Holds(), http.User.IsSignedIn(), rule.Rule);
        if (decision is AccessDecision.IfOwn own)
        {
            decision = await ownership.OwnsAsync(http.User, own, http.GetRouteValue(own.RouteValue), http.RequestAborted)
                ? new AccessDecision.Allowed()
                : new AccessDecision.Refused($"Not your own {own.Owns.ToString().ToLowerInvariant()}.");
        }

        switch (decision)
        {
            case AccessDecision.Allowed:
                await next(http);
                break;
            case AccessDecision.SignInFirst:
                await http.ChallengeAsync();
                break;
            case AccessDecision.Refused refused:
                log.LogWarning("Refused {Endpoint} ({Path}) to user {User} ({Roles}): {Reason}",
                    rule.Key, TextRules.ForLog(http.Request.Path.Value), http.User.UserId(), http.User.RoleLabel(), refused.Reason);
                await http.ForbidAsync();
                break;
            default:
                throw new InvalidOperationException($"Unhandled access decision {decision}.");
        }
    }

    /// <summary>The rule of the endpoint the request was routed to, with the table key it was found under.</summary>
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

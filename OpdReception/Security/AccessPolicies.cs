using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using OpdReception.Domain;

namespace OpdReception.Security;

/// <summary>
/// The rule table enforced by ASP.NET Core authorization: one named role policy per distinct rule of the table
/// ("Admin", "Desk", "Staff (own Slot {id})"), ownership as a resource requirement (<see cref="OwnsRequirement"/>),
/// and a fallback policy that refuses whatever the table does not name. <see cref="RuledEndpoints"/> puts the
/// policy of its line on every endpoint and page, so a new endpoint needs nothing but its line in the table.
/// </summary>
public static class AccessPolicies
{
    /// <summary>The policy of a page or endpoint missing from the table: refused to everyone.</summary>
    public const string Nobody = nameof(Nobody);

    /// <summary>The policy named for a rule; null for a rule anyone passes (the endpoint is anonymous).</summary>
    public static string? NameOf(AccessRule rule) =>
        rule.Who.HasFlag(Who.Anyone) ? null
        : rule.Who == Who.Nobody ? Nobody
        : rule.Owns == Own.Nothing ? rule.Who.ToString()
        : $"{rule.Who} (own {rule.Owns} {{{rule.RouteValue}}})";

    public static IServiceCollection AddOpdAuthorization(this IServiceCollection services)
    {
        services.AddAuthorization(o =>
        {
            // Deny by default: a request the table does not name is refused; only the router's own answers
            // (not found, 405) and the API reference UI, which is middleware, are decided by their table line here.
            o.FallbackPolicy = new AuthorizationPolicyBuilder().AddRequirements(new UnlistedRequirement()).Build();
            o.AddPolicy(Nobody, p => p.RequireAuthenticatedUser().RequireAssertion(_ => false));
            foreach (var rule in AccessRules.Table.Values.Where(r => NameOf(r) is not (null or Nobody)).DistinctBy(NameOf))
            {
                o.AddPolicy(NameOf(rule)!, p => Build(p, rule));
            }
        });
        services.AddSingleton<AccessOwnership>();
        services.AddSingleton<IAuthorizationHandler, OwnsHandler>();
        services.AddSingleton<IAuthorizationHandler, UnlistedHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, LoggedRefusals>();
        return services;
    }

    /// <summary>The roles of the rule; a doctor's or the booking site's rule also asks that the thing be their own.</summary>
    private static void Build(AuthorizationPolicyBuilder policy, AccessRule rule)
    {
        policy.RequireAuthenticatedUser().RequireRole(Roles.All.Where(r => rule.Who.HasFlag(Enum.Parse<Who>(r))));
        if (rule.Owns != Own.Nothing)
        {
            policy.AddRequirements(new OwnsRequirement(rule));
        }
    }

    /// <summary>
    /// Gives every endpoint mapped so far the policy of its table line. Call it after the last Map… call: an
    /// endpoint mapped later carries no policy and the fallback refuses it.
    /// </summary>
    public static void EnforceAccessRules(this WebApplication app)
    {
        var sources = ((IEndpointRouteBuilder)app).DataSources;
        var ruled = sources.Select(s => s is RuledEndpoints || IsStaticFiles(s) ? s : new RuledEndpoints(s, app.Environment)).ToList();
        sources.Clear();
        foreach (var source in ruled)
        {
            sources.Add(source);
        }
    }

    /// <summary>
    /// Blazor finds the files' fingerprints by this source's own (internal) type, so it is left as it is; its files
    /// are the table's STATIC line, anyone, given by MapStaticAssets().AllowAnonymous() (AccessPolicyTests checks).
    /// </summary>
    private static bool IsStaticFiles(EndpointDataSource source) => source.GetType().Name == "StaticAssetsEndpointDataSource";
}

/// <summary>Logs each refusal with the table line that refused it; the answer itself stays the framework's (401/403, or the sign-in and forbidden pages).</summary>
internal sealed class LoggedRefusals(ILogger<LoggedRefusals> log) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _answer = new();

    public Task HandleAsync(RequestDelegate next, HttpContext http, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Forbidden)
        {
            var key = http.GetEndpoint()?.Metadata.GetMetadata<RuledBy>()?.Key ?? "no rule";
            var reasons = result.AuthorizationFailure?.FailureReasons.Select(r => r.Message).ToList() ?? [];
            log.LogWarning("Refused {Endpoint} ({Path}) to user {User} ({Roles}): {Reason}",
                key, TextRules.ForLog(http.Request.Path.Value), http.User.UserId(), http.User.RoleLabel(),
                reasons.Count > 0 ? string.Join(" ", reasons) : "Your role may not do this.");
        }

        return _answer.HandleAsync(next, http, policy, result);
    }
}

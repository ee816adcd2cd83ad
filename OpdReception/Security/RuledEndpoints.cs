using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Primitives;

namespace OpdReception.Security;

/// <summary>The table line an endpoint was given its policy by, for the refusal log.</summary>
public sealed record RuledBy(string Key, AccessRule Rule);

/// <summary>
/// Endpoints of another source, each carrying the authorization of its table line: anonymous where the line says
/// Anyone, else that line's named policy, and nothing for a missing line (the fallback policy refuses it). Any
/// authorization the mapping code put on an endpoint itself is dropped, so the table is the only word on access.
/// </summary>
public sealed class RuledEndpoints(EndpointDataSource inner, IHostEnvironment environment) : EndpointDataSource
{
    public override IReadOnlyList<Endpoint> Endpoints => inner.Endpoints.Select(Ruled).ToList();

    public override IReadOnlyList<Endpoint> GetGroupedEndpoints(RouteGroupContext context) =>
        inner.GetGroupedEndpoints(context).Select(Ruled).ToList();

    public override IChangeToken GetChangeToken() => inner.GetChangeToken();

    private Endpoint Ruled(Endpoint endpoint)
    {
        if (endpoint is not RouteEndpoint routed)
        {
            return endpoint;
        }

        var methods = routed.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } listed ? listed : ["GET"];
        var lines = methods.Select(m => AccessKeys.KeyOf(routed, m)).Distinct().Select(k => new RuledBy(k, AccessKeys.RuleFor(k, environment))).ToList();

        // One endpoint answering several methods under different rules gets none, and so is refused.
        var line = lines.DistinctBy(l => l.Rule).Count() == 1 ? lines[0] : new RuledBy(string.Join(" | ", lines.Select(l => l.Key)), AccessRule.Missing);
        var metadata = routed.Metadata.ToList();
        Apply(metadata, line);
        return new RouteEndpoint(routed.RequestDelegate!, routed.RoutePattern, routed.Order, new EndpointMetadataCollection(metadata), routed.DisplayName);
    }

    /// <summary>Replaces whatever authorization the metadata holds with the policy of the table line.</summary>
    public static void Apply(IList<object> metadata, RuledBy line)
    {
        foreach (var own in metadata.Where(m => m is IAuthorizeData or IAllowAnonymous or AuthorizationPolicy or IAuthorizationRequirementData or RuledBy).ToList())
        {
            metadata.Remove(own);
        }

        metadata.Add(line);
        switch (AccessPolicies.NameOf(line.Rule))
        {
            case null:
                metadata.Add(new AllowAnonymousAttribute());
                break;
            case AccessPolicies.Nobody:
                break;
            case var policy:
                metadata.Add(new AuthorizeAttribute(policy));
                break;
        }
    }
}

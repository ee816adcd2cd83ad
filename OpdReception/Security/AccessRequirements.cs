using Microsoft.AspNetCore.Authorization;

namespace OpdReception.Security;

/// <summary>A doctor or the booking site passes only for their own thing, named by the route (the desk and admins for any).</summary>
public sealed record OwnsRequirement(AccessRule Rule) : IAuthorizationRequirement;

/// <summary>
/// The resource handler for ownership: the resource is the request, whose route names the slot, token or doctor.
/// A page opened inside the circuit has no request, so an ownership rule on a page would refuse (none has one).
/// </summary>
internal sealed class OwnsHandler(AccessOwnership ownership) : AuthorizationHandler<OwnsRequirement, HttpContext>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OwnsRequirement requirement, HttpContext http)
    {
        switch (AccessDecision.Decide(context.User.Holds(), context.User.IsSignedIn(), requirement.Rule))
        {
            case AccessDecision.Allowed:
                context.Succeed(requirement);
                break;
            case AccessDecision.IfOwn own when await ownership.OwnsAsync(context.User, own, http.GetRouteValue(own.RouteValue), http.RequestAborted):
                context.Succeed(requirement);
                break;
            case AccessDecision.IfOwn own:
                context.Fail(new AuthorizationFailureReason(this, $"Not your own {own.Owns.ToString().ToLowerInvariant()}."));
                break;
        }
    }
}

/// <summary>The fallback policy's only requirement: met by no endpoint, so an endpoint missing from the table is refused.</summary>
public sealed record UnlistedRequirement : IAuthorizationRequirement;

/// <summary>
/// Requests that reach no endpoint are the router's own answers (a missing page, a 405) or the API reference UI,
/// which is middleware and cannot carry a policy: these alone are decided here, by their table line.
/// </summary>
internal sealed class UnlistedHandler(IHostEnvironment environment) : AuthorizationHandler<UnlistedRequirement, HttpContext>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, UnlistedRequirement requirement, HttpContext http)
    {
        if (http.GetEndpoint() is RouteEndpoint)
        {
            context.Fail(new AuthorizationFailureReason(this, "No rule allows this endpoint."));
        }
        else if (AccessDecision.Decide(context.User.Holds(), context.User.IsSignedIn(), AccessKeys.RuleFor(http, environment).Rule) is AccessDecision.Allowed)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

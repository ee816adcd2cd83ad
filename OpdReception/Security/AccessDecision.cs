namespace OpdReception.Security;

/// <summary>What the rule table says about one person and one endpoint or page, before any record is read.</summary>
public abstract record AccessDecision
{
    private AccessDecision()
    {
    }

    public sealed record Allowed : AccessDecision;

    /// <summary>Not signed in: 401 for the API, the sign-in page for a page.</summary>
    public sealed record SignInFirst : AccessDecision;

    /// <summary>Signed in, but no role of theirs is in the rule: 403.</summary>
    public sealed record Refused(string Reason) : AccessDecision;

    /// <summary>Allowed only if the thing named by the route is their own: the doctor's own slot, the booking site's own token.</summary>
    public sealed record IfOwn(Who As, Own Owns, string RouteValue) : AccessDecision;

    public static AccessDecision Decide(Who holds, bool signedIn, AccessRule rule)
    {
        if (rule.Who.HasFlag(Who.Anyone))
        {
            return new Allowed();
        }

        if (!signedIn)
        {
            return new SignInFirst();
        }

        var granted = holds & rule.Who;
        if (granted == Who.Nobody)
        {
            return new Refused(rule == AccessRule.Missing ? "No rule allows this endpoint." : "Your role may not do this.");
        }

        // Receptionists and admins act on everything their rule covers; doctors and the booking site on their own.
        if ((granted & (Who.Receptionist | Who.Admin)) != 0 || rule.Owns == Own.Nothing)
        {
            return new Allowed();
        }

        return new IfOwn(granted, rule.Owns, rule.RouteValue);
    }
}

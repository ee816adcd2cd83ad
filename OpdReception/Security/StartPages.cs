using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;

namespace OpdReception.Security;

/// <summary>
/// Where each person starts: an admin on /admin, a receptionist on /reception, a doctor on /doctor. A start page
/// that is not built yet is skipped for the next one the person may open, and "/" (today's slots) comes last.
/// </summary>
public sealed class StartPages
{
    private static readonly (string Role, string Page)[] Order =
    [
        (Roles.Admin, "/admin"),
        (Roles.Receptionist, "/reception"),
        (Roles.Admin, "/reception"),
        (Roles.Doctor, "/doctor"),
        (Roles.Admin, "/doctor"),
    ];

    private readonly HashSet<string> _routes;

    public StartPages()
        : this(RoutesOf(typeof(StartPages).Assembly))
    {
    }

    internal StartPages(IEnumerable<string> routes) => _routes = new(routes.Select(AccessRules.Normalize), StringComparer.OrdinalIgnoreCase);

    public string For(ClaimsPrincipal user) =>
        Order.Where(o => user.IsInRole(o.Role) && _routes.Contains(o.Page)).Select(o => o.Page).FirstOrDefault() ?? "/";

    /// <summary>Every page route in the app, from the components' @page directives.</summary>
    public static IReadOnlyList<string> RoutesOf(Assembly assembly) =>
        assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => r.Template)
            .Distinct()
            .ToList();
}

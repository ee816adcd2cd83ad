using System.Globalization;
using System.Security.Claims;
using OpdReception.Services;

namespace OpdReception.Security;

public static class Principal
{
    public static bool IsSignedIn(this ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true;

    public static string? UserId(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(OpdClaims.DisplayName) ?? user.Identity?.Name ?? "";

    public static int? DoctorId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(OpdClaims.DoctorId), CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>The roles of the rule table this user holds, as flags.</summary>
    public static Who Holds(this ClaimsPrincipal user) =>
        !user.IsSignedIn() ? Who.Nobody
        : (user.IsInRole(Roles.Receptionist) ? Who.Receptionist : 0)
          | (user.IsInRole(Roles.Doctor) ? Who.Doctor : 0)
          | (user.IsInRole(Roles.Admin) ? Who.Admin : 0)
          | (user.IsInRole(Roles.BookingPortal) ? Who.BookingPortal : 0);

    /// <summary>"Receptionist", "Admin, Doctor": what the app bar says after the name.</summary>
    public static string RoleLabel(this ClaimsPrincipal user) =>
        string.Join(", ", Roles.All.Where(user.IsInRole));

    /// <summary>The signed-in user, for a token's history.</summary>
    public static Actor Actor(this ClaimsPrincipal user) => new(user.DisplayName(), user.UserId());
}

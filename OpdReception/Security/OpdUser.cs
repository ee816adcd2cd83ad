using Microsoft.AspNetCore.Identity;

namespace OpdReception.Security;

/// <summary>A member of staff, or the booking site's service account. Identity keeps the password, lockout and roles.</summary>
public sealed class OpdUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>For a user in the Doctor role: the doctor whose slots and patients they act on.</summary>
    public int? DoctorId { get; set; }

    /// <summary>An admin set the password (a new account or a reset): the person must choose their own before working.</summary>
    public bool MustChangePassword { get; set; }
}

/// <summary>The roles of the rule table. A user may hold several.</summary>
public static class Roles
{
    public const string Receptionist = nameof(Receptionist);
    public const string Doctor = nameof(Doctor);
    public const string Admin = nameof(Admin);
    public const string BookingPortal = nameof(BookingPortal);

    public static readonly IReadOnlyList<string> All = [Receptionist, Doctor, Admin, BookingPortal];
}

/// <summary>The extra claims a signed-in principal carries besides Identity's own.</summary>
public static class OpdClaims
{
    public const string DisplayName = "opd:name";
    public const string DoctorId = "opd:doctor";

    /// <summary>The page of a pending <see cref="Domain.AccountDuty"/> (see <see cref="AccountDuties"/>).</summary>
    public const string Duty = "opd:duty";
}

using System.Text.RegularExpressions;

namespace OpdReception.Security;

/// <summary>Who may use an endpoint or page. Doctor and BookingPortal grant access to their own things only.</summary>
[Flags]
public enum Who
{
    Nobody = 0,
    Receptionist = 1,

    /// <summary>Only for the doctor's own slots and patients (see <see cref="Own"/>).</summary>
    Doctor = 2,
    Admin = 4,

    /// <summary>Only for the tokens the booking site booked itself (see <see cref="Own"/>).</summary>
    BookingPortal = 8,

    /// <summary>Anyone at all, signed in or not.</summary>
    Anyone = 16,

    Desk = Receptionist | Admin,
    Staff = Receptionist | Doctor | Admin,
    SignedIn = Receptionist | Doctor | Admin | BookingPortal,
}

/// <summary>Which route value names the thing a doctor or the booking site must own.</summary>
public enum Own
{
    Nothing,
    Slot,
    Token,
    Doctor,
}

/// <param name="Who">The roles allowed.</param>
/// <param name="Owns">What a Doctor or BookingPortal must own, named by <paramref name="RouteValue"/>.</param>
public sealed record AccessRule(Who Who, Own Owns = Own.Nothing, string RouteValue = "id")
{
    public static readonly AccessRule Missing = new(Who.Nobody);
}

/// <summary>
/// THE rule table: who may use every endpoint and page. <see cref="AccessPolicies"/> turns each line into an ASP.NET
/// Core authorization policy on its endpoint (the page gate asks the same policy for every interactive navigation);
/// RuleTableTests fails for any endpoint or page not listed here.
/// Keys are "METHOD /route" as mapped (constraints dropped), or "PAGE /route" for a Blazor page.
/// To add an endpoint: map it, then add its line here.
/// </summary>
public static partial class AccessRules
{
    private static readonly AccessRule Anyone = new(Who.Anyone);
    private static readonly AccessRule SignedIn = new(Who.SignedIn);
    private static readonly AccessRule Desk = new(Who.Desk);
    private static readonly AccessRule Admin = new(Who.Admin);

    /// <summary>Acting in a doctor's place: their own doctor, or an admin covering (never a receptionist).</summary>
    private static AccessRule DoctorOwn(Own owns, string routeValue = "id") => new(Who.Doctor | Who.Admin, owns, routeValue);

    /// <summary>The desk, and the doctor for their own.</summary>
    private static AccessRule DeskOrDoctor(Own owns, string routeValue = "id") => new(Who.Desk | Who.Doctor, owns, routeValue);

    public static readonly IReadOnlyDictionary<string, AccessRule> Table = new Dictionary<string, AccessRule>(StringComparer.OrdinalIgnoreCase)
    {
        // Signing in and out.
        ["POST /api/auth/login"] = Anyone,
        ["POST /api/auth/refresh"] = Anyone,
        ["GET /api/auth/me"] = SignedIn,
        ["POST /api/auth/logout"] = SignedIn,
        ["POST /api/auth/sign-out-everywhere"] = SignedIn,
        ["POST /account/signin"] = Anyone,
        ["POST /account/signout"] = SignedIn,
        // A person's own password and second factor (AccountApi); the second step of sign-in needs Identity's two-factor cookie.
        ["POST /api/auth/password"] = SignedIn,
        ["POST /account/signin/two-factor"] = Anyone,
        ["POST /api/auth/two-factor"] = Admin,

        // Doctors: everyone signed in reads them (the booking site too); only an admin changes them.
        ["GET /api/doctors"] = new(Who.SignedIn),
        ["GET /api/doctors/{id}"] = new(Who.SignedIn),
        ["POST /api/doctors"] = Admin,
        ["PUT /api/doctors/{id}"] = Admin,
        ["DELETE /api/doctors/{id}"] = Admin,
        ["GET /api/doctors/{id}/queue"] = DeskOrDoctor(Own.Doctor),
        ["POST /api/doctors/{id}/call-next"] = DoctorOwn(Own.Doctor),

        // Slots: the admin sets them up; the desk runs the day; a doctor declares their own delay.
        ["GET /api/slots"] = new(Who.Staff),
        ["GET /api/slots/{id}"] = new(Who.SignedIn),
        ["POST /api/slots"] = Admin,
        ["PUT /api/slots/{id}"] = Admin,
        ["DELETE /api/slots/{id}"] = Admin,
        ["GET /api/slots/doctor/{doctorId}"] = DeskOrDoctor(Own.Doctor, "doctorId"),
        ["GET /api/slots/doctor/{doctorId}/available"] = new(Who.SignedIn),
        ["PATCH /api/slots/{id}/delay"] = DeskOrDoctor(Own.Slot),
        ["POST /api/slots/{id}/cancel"] = Desk,
        ["POST /api/slots/{id}/close"] = Desk,
        ["GET /api/slots/{id}/stats"] = DeskOrDoctor(Own.Slot),
        ["POST /api/slots/{id}/call-next"] = DoctorOwn(Own.Slot),

        // Tokens: the desk issues every kind; the booking site books online and follow-up, and sees its own.
        ["POST /api/tokens"] = Desk,
        ["POST /api/tokens/book"] = new(Who.Desk | Who.BookingPortal),
        ["POST /api/tokens/followup"] = new(Who.Desk | Who.BookingPortal),
        ["POST /api/tokens/walkin"] = Desk,
        ["POST /api/tokens/priority"] = Desk,
        ["POST /api/tokens/emergency"] = Desk,
        ["GET /api/tokens/{id}"] = new(Who.Desk | Who.Doctor | Who.BookingPortal, Own.Token),
        ["GET /api/tokens/patient/{patientId}"] = Desk,
        ["GET /api/tokens/queue/{slotId}"] = DeskOrDoctor(Own.Slot, "slotId"),
        ["PATCH /api/tokens/{id}/status"] = DeskOrDoctor(Own.Token),
        ["POST /api/tokens/{id}/check-in"] = Desk,
        ["DELETE /api/tokens/{id}/cancel"] = new(Who.Desk | Who.BookingPortal, Own.Token),
        ["POST /api/tokens/reallocate/{slotId}"] = Desk,
        ["POST /api/tokens/{id}/move"] = Desk,
        ["GET /api/tokens/to-contact"] = Desk,
        ["POST /api/tokens/{id}/contacted"] = Desk,

        // Patient records: the desk reads, corrects and merges them; a doctor's screens never need them.
        ["GET /api/patients/{id}"] = Desk,
        ["PUT /api/patients/{id}"] = Desk,
        ["POST /api/patients/{id}/merge"] = Desk,
        // Who read a patient, and erasing one on request: an admin's, never the desk's.
        ["GET /api/patients/{id}/accesses"] = Admin,
        ["POST /api/patients/{id}/erase"] = Admin,

        // The admin's setup: doctors, templates, slots, leave, users and settings (AdminApi).
        ["GET /api/admin/overview"] = Admin,
        ["GET /api/admin/doctors"] = Admin,
        ["GET /api/admin/specializations"] = Admin,
        ["DELETE /api/admin/doctors/{id}"] = Admin,
        ["POST /api/admin/doctors/{id}/reactivate"] = Admin,
        ["GET /api/admin/doctors/{id}/template"] = Admin,
        ["PUT /api/admin/doctors/{id}/template"] = Admin,
        ["POST /api/admin/slots/generate"] = Admin,
        ["POST /api/admin/slots/{id}/cancel"] = Admin,
        ["GET /api/admin/leave"] = Admin,
        ["POST /api/admin/leave"] = Admin,
        ["DELETE /api/admin/leave/{id}"] = Admin,
        ["GET /api/admin/users"] = Admin,
        ["POST /api/admin/users"] = Admin,
        ["PUT /api/admin/users/{id}"] = Admin,
        ["DELETE /api/admin/users/{id}"] = Admin,
        ["POST /api/admin/users/{id}/password"] = Admin,
        ["POST /api/admin/users/{id}/lock"] = Admin,
        ["POST /api/admin/users/{id}/sign-out-everywhere"] = Admin,
        ["POST /api/admin/users/{id}/unlock"] = Admin,
        ["POST /api/admin/users/{id}/roles"] = Admin,
        ["DELETE /api/admin/users/{id}/roles/{role}"] = Admin,
        ["PUT /api/admin/users/{id}/doctor"] = Admin,
        ["GET /api/admin/settings"] = Admin,
        ["PUT /api/admin/settings"] = Admin,
        ["GET /api/admin/message-templates"] = Admin,
        ["PUT /api/admin/message-templates"] = Admin,
        ["GET /api/admin/history"] = Admin,
        ["GET /api/admin/feedback"] = Admin,
        // The superintendent's reports, from the daily summaries; CSV and Excel too (ReportsApi).
        ["GET /api/reports/{kind}"] = Admin,
        // Patient messages that failed for good, and retrying them (MessagesApi).
        ["GET /api/admin/messages"] = Admin,
        ["POST /api/admin/messages/{id}/retry"] = Admin,
        ["POST /api/admin/messages/retry"] = Admin,
        // The SMS gateway's delivery receipts: no sign-in, refused unless signed with the webhook secret.
        ["POST /api/notifications/receipts"] = Anyone,
        ["GET /api/admin/appearance"] = Admin,
        ["PUT /api/admin/appearance"] = Admin,
        ["PUT /api/admin/logo"] = Admin,
        ["DELETE /api/admin/logo"] = Admin,
        // The named waiting-room screens and what each speaks (DisplaysApi).
        ["GET /api/admin/displays"] = Admin,
        ["PUT /api/admin/displays/{name}"] = Admin,
        ["DELETE /api/admin/displays/{name}"] = Admin,
        // The hospital's logo: on the sign-in page and the waiting-room display too; no patient data in it.
        ["GET /branding/logo"] = Anyone,
        // The doctor's console: the doctor's own day (an admin may cover).
        ["GET /api/doctors/{id}/console"] = DoctorOwn(Own.Doctor),
        ["POST /api/doctors/{id}/tokens/{tokenId}/recall"] = DoctorOwn(Own.Doctor),
        ["POST /api/doctors/{id}/tokens/{tokenId}/not-here"] = DoctorOwn(Own.Doctor),
        ["POST /api/doctors/{id}/tokens/{tokenId}/no-show"] = DoctorOwn(Own.Doctor),
        ["POST /api/doctors/{id}/tokens/{tokenId}/complete"] = DoctorOwn(Own.Doctor),
        ["POST /api/doctors/{id}/undo"] = DoctorOwn(Own.Doctor),
        ["POST /api/doctors/{id}/running-late"] = DoctorOwn(Own.Doctor),
        ["POST /api/doctors/{id}/break"] = DoctorOwn(Own.Doctor),
        ["POST /api/doctors/{id}/on-time"] = DoctorOwn(Own.Doctor),

        // Whether the app can serve: no patient data in it.
        ["GET /health"] = Anyone,

        // The API's own description: open in Development, admins only elsewhere (see AccessKeys).
        ["GET /openapi/{documentName}.json"] = Admin,

        // Pages.
        ["PAGE /"] = new(Who.Staff),
        ["PAGE /signin"] = Anyone,
        ["PAGE /signin/two-factor"] = Anyone,
        ["PAGE /account/password"] = new(Who.Staff),
        ["PAGE /account/two-factor"] = Admin,
        ["PAGE /forbidden"] = Anyone,
        ["PAGE /not-found"] = Anyone,
        ["PAGE /Error"] = Anyone,
        ["PAGE /reception"] = Desk,
        ["PAGE /reception/board/{DoctorId}"] = Desk,
        ["PAGE /reception/patients/{Id}"] = Desk,
        ["PAGE /doctor"] = new(Who.Doctor | Who.Admin),
        ["PAGE /admin"] = Admin,
        ["PAGE /admin/doctors"] = Admin,
        ["PAGE /admin/users"] = Admin,
        ["PAGE /admin/feedback"] = Admin,
        ["PAGE /admin/reports"] = Admin,
        ["PAGE /admin/schedules"] = Admin,
        ["PAGE /admin/leave"] = Admin,
        ["PAGE /admin/slots"] = Admin,
        ["PAGE /admin/message-templates"] = Admin,
        ["PAGE /admin/settings"] = Admin,
        ["PAGE /admin/displays"] = Admin,
        ["PAGE /admin/messages"] = Admin,

        // The waiting-room TV and the patient's own token page: no sign-in, and no name or phone on them.
        ["PAGE /display"] = Anyone,
        ["PAGE /display/{which}"] = Anyone,
        // The patient's page is plain HTML (PatientPageApi): its live state, its stream and its two forms, found by the slip's code.
        ["GET /t/{code}"] = Anyone,
        ["GET /t/{code}/state"] = Anyone,
        ["GET /t/{code}/events"] = Anyone,
        ["POST /t/{code}/messages"] = Anyone,
        ["POST /t/{code}/feedback"] = Anyone,
        // The TV's own check of its voices, opened on the TV by whoever sets it up: no patient data on it.
        ["PAGE /display/settings"] = Anyone,
        // Self check-in: the patient's "I have arrived" (needs today's entrance code), the entrance's QR landing page,
        // and the kiosk (needs its key); all rate-limited per address. The desk prints the entrance QR and kiosk links.
        ["POST /t/{code}/arrive"] = Anyone,
        ["GET /arrive"] = Anyone,
        ["GET /kiosk"] = Anyone,
        ["POST /api/kiosk/check-in"] = Anyone,
        ["PAGE /reception/entrance-qr"] = Desk,
    };

    /// <summary>Blazor's own plumbing (the circuit's hub, static files): no data of its own; each page is gated in the circuit.</summary>
    public static readonly IReadOnlyList<string> FrameworkPrefixes = ["/_blazor", "/_framework", "/_content"];

    /// <summary>"GET /api/tokens/{id:int}/" becomes "GET /api/tokens/{id}".</summary>
    public static string Key(string method, string route) => $"{method} {Normalize(route)}";

    public static string Normalize(string route)
    {
        var path = Constraint().Replace(route, "{$1}").TrimEnd('/');
        return path.StartsWith('/') ? path : "/" + path;
    }

    public static AccessRule For(string key) => Table.GetValueOrDefault(key) ?? AccessRule.Missing;

    [GeneratedRegex(@"\{\*{0,2}(\w+)(?::[^}]*)?\??\}")]
    private static partial Regex Constraint();
}

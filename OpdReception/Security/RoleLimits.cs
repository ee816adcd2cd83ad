using System.Security.Claims;
using OpdReception.Domain;
using OpdReception.Services;

namespace OpdReception.Security;

/// <summary>The parts of the rule table that depend on the request itself, not only on the endpoint.</summary>
public static class RoleLimits
{
    /// <summary>
    /// Who may move a token to a status through the status endpoint: the desk checks in, re-admits, marks no-show and
    /// cancels; the doctor calls, recalls, completes and marks no-show for their own patients; an admin does either.
    /// </summary>
    public static bool MaySetStatus(Who holds, TokenStatus? to) => to switch
    {
        null => holds != Who.Nobody,
        TokenStatus.InConsultation or TokenStatus.Completed => (holds & (Who.Doctor | Who.Admin)) != 0,
        TokenStatus.Cancelled or TokenStatus.Booked => (holds & Who.Desk) != 0,
        TokenStatus.Waiting or TokenStatus.NoShow => (holds & (Who.Desk | Who.Doctor)) != 0,
        _ => false,
    };

    /// <summary>
    /// The booking site never learns another patient's name: a patient id booked under a different name is refused
    /// without saying what name the hospital holds.
    /// </summary>
    public static Result<T> ForCaller<T>(this Result<T> result, ClaimsPrincipal user) =>
        result.Problem is { Extensions: { } extensions } problem
        && extensions.TryGetValue("refusal", out var refusal) && refusal is "PatientMismatch"
        && (user.Holds() & Who.Desk) == 0
            ? problem with
            {
                Detail = "The patient id and name do not match the hospital's records. Check both, or ask the patient to call the hospital.",
                Extensions = new Dictionary<string, object?> { ["refusal"] = "PatientMismatch" },
            }
            : result;
}

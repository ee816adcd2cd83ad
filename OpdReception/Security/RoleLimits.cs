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
    /// Only the desk sees a patient arrive, so a doctor's "Waiting" would record an arrival nobody witnessed.
    /// </summary>
    public static bool MaySetStatus(Who holds, TokenStatus? to) => to switch
    {
        null => holds != Who.Nobody,
        TokenStatus.InConsultation or TokenStatus.Completed => (holds & (Who.Doctor | Who.Admin)) != 0,
        TokenStatus.Cancelled or TokenStatus.Booked => (holds & Who.Desk) != 0,
        TokenStatus.Waiting => (holds & Who.Desk) != 0,
        TokenStatus.NoShow => (holds & (Who.Desk | Who.Doctor)) != 0,
        _ => false,
    };

    /// <summary>Why the status endpoint refused: a check-in is the desk's, anything else is outside the role.</summary>
    public static string StatusRefusal(TokenStatus? to) => to == TokenStatus.Waiting
        ? "Only the desk checks a patient in (status Waiting): the receptionist sees the patient arrive."
        : $"Your role may not set a token to {to}.";

    /// <summary>
    /// The booking site never learns about a patient what the patient did not type: a patient id booked under a
    /// different name is refused without the registered name, a phone shared with others without their names, and a
    /// second booking as "already booked" without the first one's doctor, time or token.
    /// </summary>
    public static Result<T> ForCaller<T>(this Result<T> result, ClaimsPrincipal user) =>
        result.Problem is { Extensions: { } extensions } problem
        && extensions.TryGetValue("refusal", out var refusal) && (user.Holds() & Who.Desk) == 0
        && ForBookingSite(refusal as string) is { } detail
            ? problem with { Detail = detail, Extensions = new Dictionary<string, object?> { ["refusal"] = refusal } }
            : result;

    private static string? ForBookingSite(string? refusal) => refusal switch
    {
        "PatientMismatch" => "The patient id and name do not match the hospital's records. Check both, or ask the patient to call the hospital.",
        "PossibleDuplicatePatient" => "A patient with a similar name and this phone is already on record. Send their hospital number as patientId, or ask the patient to call the hospital.",
        "AlreadyHoldsToken" => "Already booked: the patient already has a token with this doctor on that day.",
        _ => null,
    };
}

using System.ComponentModel.DataAnnotations;
using OpdReception.Domain;

namespace OpdReception.Security;

/// <summary>How long a signed-in browser lasts, section "Opd:Sessions" (docs/security.md).</summary>
public sealed class SessionOptions
{
    public const string Section = "Opd:Sessions";

    /// <summary>Minutes without a request or a touch of the screen after which the browser is signed out.</summary>
    [Range(1, 24 * 60)] public int IdleMinutes { get; set; } = 30;

    /// <summary>Hours after sign-in when the browser must sign in again, however busy: at most one shift.</summary>
    [Range(1, SessionRules.MaxAbsoluteHours)] public int AbsoluteHours { get; set; } = SessionRules.MaxAbsoluteHours;

    public TimeSpan Idle => TimeSpan.FromMinutes(IdleMinutes);

    public TimeSpan Absolute => TimeSpan.FromHours(AbsoluteHours);
}

using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>The hospital's settings, section "Opd"; environment variables such as Opd__EmergencyPriority override them.</summary>
public sealed class OpdOptions
{
    public const string Section = "Opd";

    [Range(1, 1_000_000)] public int EmergencyPriority { get; set; } = 1000;
    [Range(1, 1_000_000)] public int PaidPriority { get; set; } = 500;
    [Range(1, 1_000_000)] public int FollowUpPriority { get; set; } = 300;
    [Range(1, 1_000_000)] public int OnlinePriority { get; set; } = 200;
    [Range(1, 1_000_000)] public int WalkInPriority { get; set; } = 100;

    [Range(1, 500)] public int DefaultMaxCapacity { get; set; } = 6;
    [Range(1, 240)] public int DefaultConsultationMinutes { get; set; } = 10;
    [Range(1, 240)] public int NoShowTimeoutMinutes { get; set; } = 15;
    [Range(0, 240)] public int LateArrivalGraceMinutes { get; set; } = 10;
    /// <summary>How many times the doctor may call a patient again before "not here" counts them absent.</summary>
    [Range(0, 20)] public int RecallsBeforeNoShow { get; set; } = 2;

    /// <summary>No waiting walk-in is overtaken by more than this many later arrivals; null is off.</summary>
    [Range(1, 1000)] public int? MaxOvertakes { get; set; }

    [Range(5, 3600)] public int NoShowSweepSeconds { get; set; } = 60;

    /// <summary>
    /// The hard cut-off of a doctor's day, a time of day ("00:00", midnight, by default): the first such time after
    /// the day's last slot has run out. Until then a day with patients checked in stays open while they are seen.
    /// </summary>
    public TimeOnly DayCutOff { get; set; }

    /// <summary>
    /// The hospital's time zone, an IANA id such as Asia/Kolkata: it decides "now" and "today" for every rule, and
    /// slot dates and times are wall-clock times in it. Empty means the zone the host runs in.
    /// </summary>
    public string? TimeZone { get; set; }

    /// <summary>How long an Idempotency-Key is remembered: at least a day, so a portal's retries after an outage still match.</summary>
    [Range(24, 24 * 90)] public int IdempotencyKeyHours { get; set; } = 48;

    /// <summary>Printed at the top of every token slip.</summary>
    [Required, StringLength(80, MinimumLength = 1)] public string HospitalName { get; set; } = "City Hospital OPD";

    /// <summary>What every hospital number starts with (<see cref="HospitalNumberPattern"/>): "H-" gives H-000123.</summary>
    public string HospitalNumberPrefix { get; set; } = HospitalNumberPattern.Default.Prefix;

    /// <summary>How many digits follow the prefix; new patients get the next number.</summary>
    public int HospitalNumberDigits { get; set; } = HospitalNumberPattern.Default.Digits;

    public HospitalNumberPattern HospitalNumbers => new(HospitalNumberPrefix, HospitalNumberDigits);
    /// <summary>The hospital's colour: the app bar, buttons and links of every staff screen (white text must stay readable on it).</summary>
    [Required, RegularExpression("^#[0-9a-fA-F]{6}$")] public string PrimaryColour { get; set; } = Domain.AppearanceRules.DefaultColour;

    /// <summary>The board colours a patient's wait amber, then red, past these many minutes.</summary>
    [Range(1, 600)] public int WaitAmberMinutes { get; set; } = 30;
    [Range(1, 600)] public int WaitRedMinutes { get; set; } = 60;

    /// <summary>Off in tests that pin the clock, so no token changes behind their back.</summary>
    public bool AutoNoShow { get; set; } = true;

    /// <summary>
    /// Sign-in attempts one client (IP address) may make per minute before answers are 429: a coarse flood guard, high
    /// enough for a hospital whose desks all reach the app through one address (guessing is slowed per account instead).
    /// </summary>
    [Range(1, 100_000)] public int SignInAttemptsPerMinute { get; set; } = 120;

    /// <summary>Token refreshes one client (IP address) may make per minute before answers are 429.</summary>
    [Range(1, 100_000)] public int RefreshesPerMinutePerClient { get; set; } = 60;

    /// <summary>
    /// Origins besides the app's own that may open its live connections (the screens' WebSocket, <c>/_blazor</c>):
    /// "https://opd.hospital.example". Any other Origin is refused with 403.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Tokens one client (signed-in user, else IP address) may issue per minute before answers are 429.</summary>
    [Range(1, 100_000)] public int IssuesPerMinutePerClient { get; set; } = 120;

    /// <summary>
    /// Display and patient-page screens one client address may hold open at once (no sign-in needed for those, so
    /// one machine could otherwise open thousands); staff screens are not counted.
    /// </summary>
    [Range(1, 100_000)] public int MaxAnonymousScreensPerClient { get; set; } = 20;

    /// <summary>The largest request body the API reads; larger ones are refused with 413 before they are read.</summary>
    [Range(1, 10_240)] public int MaxRequestBodyKilobytes { get; set; } = 64;

    /// <summary>Full (default) survives a power cut; Normal is faster but may lose the last commits in one (docs/concurrency.md).</summary>
    [EnumDataType(typeof(OpdReception.Data.DiskSync))] public OpdReception.Data.DiskSync Synchronous { get; set; } = OpdReception.Data.DiskSync.Full;

    /// <summary>
    /// Years after a patient's last visit before their name, phone, address, ABHA and date of birth are erased by
    /// the daily sweep; their tokens stay, anonymised, for the reports.
    /// </summary>
    [Range(1, 100)] public int PatientDataRetentionYears { get; set; } = 3;

    /// <summary>Days a line of the patient access log is kept (who opened which record, history or board): 3 years by default, as the records.</summary>
    [Range(30, 36_500)] public int AccessLogRetentionDays { get; set; } = 1095;

    /// <summary>Seeds a demo OPD day into an empty database in Development.</summary>
    public bool SeedDemoDay { get; set; } = true;

    /// <summary>Sign-in and account settings ("Opd:Security").</summary>
    public OpdSecurityOptions Security { get; set; } = new();

    /// <summary>The certificate that encrypts the Data Protection keys kept in the database; required outside Development (docs/security.md).</summary>
    public OpdReception.Security.KeyCertificateSettings DataProtection { get; set; } = new();

    /// <summary>The reverse proxy in front of the app, whose X-Forwarded-* headers are trusted (docs/deploy.md).</summary>
    public OpdReception.Security.ProxySettings Proxy { get; set; } = new();

    /// <summary>How estimates learn each doctor's pace and draw ranges ("Opd:Estimates").</summary>
    public EstimateOptions Estimates { get; set; } = new();

    public PriorityWeights Weights => new(EmergencyPriority, PaidPriority, FollowUpPriority, OnlinePriority, WalkInPriority) { MaxOvertakes = MaxOvertakes };
}

/// <summary>An emergency must outrank everyone, or the rule "never refused, always first" would not hold.</summary>
public sealed class OpdOptionsValidator : IValidateOptions<OpdOptions>
{
    public ValidateOptionsResult Validate(string? name, OpdOptions options)
    {
        if (!HospitalClock.IsKnownZone(options.TimeZone))
        {
            return ValidateOptionsResult.Fail($"Opd:TimeZone ('{options.TimeZone}') is not a known time zone; use an IANA id such as Asia/Kolkata, or leave it empty for the host's zone.");
        }

        if (options.Estimates.Problem() is { } estimates)
        {
            return ValidateOptionsResult.Fail(estimates);
        }

        if (options.HospitalNumbers.Problem() is { } pattern)
        {
            return ValidateOptionsResult.Fail($"Opd:HospitalNumberPrefix and Opd:HospitalNumberDigits ('{options.HospitalNumberPrefix}', {options.HospitalNumberDigits}) make no usable hospital number: {pattern}.");
        }

        if (options.AllowedOrigins.FirstOrDefault(o => !Security.LiveConnectionOrigins.IsOrigin(o)) is { } notAnOrigin)
        {
            return ValidateOptionsResult.Fail($"Opd:AllowedOrigins ('{notAnOrigin}') is not an origin; write it as a browser sends it: scheme, host and port only, such as https://opd.hospital.example.");
        }

        var others = new[] { options.PaidPriority, options.FollowUpPriority, options.OnlinePriority, options.WalkInPriority };
        return options.EmergencyPriority > others.Max()
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Opd:EmergencyPriority ({options.EmergencyPriority}) must be higher than every other priority weight (highest other: {others.Max()}).");
    }
}

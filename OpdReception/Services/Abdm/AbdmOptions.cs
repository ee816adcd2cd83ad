using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace OpdReception.Services.Abdm;

/// <summary>ABDM Scan &amp; Share (docs/abdm.md), section "Opd:Abdm". Off until a gateway URL is set.</summary>
public sealed class AbdmOptions
{
    public const string Section = "Opd:Abdm";

    /// <summary>The ABDM gateway's base address; the sandbox's or production's (docs/abdm.md).</summary>
    public Uri? GatewayUrl { get; set; }

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>The consent manager the gateway names in X-CM-ID: "sbx" in the sandbox, "abdm" in production.</summary>
    public string CmId { get; set; } = "sbx";

    /// <summary>This hospital's facility id as registered with ABDM; shares for another facility are refused.</summary>
    public string HipId { get; set; } = "";

    /// <summary>How long a token given to a scan stays the answer to a repeat scan (the app shows it this long).</summary>
    [Range(1, 24 * 60)] public int TokenExpiryMinutes { get; set; } = 30;

    /// <summary>How long the gateway's published keys are trusted before they are fetched again.</summary>
    [Range(1, 24 * 60)] public int KeysLifetimeMinutes { get; set; } = 60;

    /// <summary>
    /// The least time between two fetches of the keys forced by an unknown key id, so forged tokens naming made-up ids
    /// cannot make us hammer the gateway.
    /// </summary>
    [Range(0, 3600)] public int UnknownKeyRefetchSeconds { get; set; } = 30;

    /// <summary>Clock difference with the gateway tolerated on a token's expiry.</summary>
    [Range(0, 600)] public int ClockSkewSeconds { get; set; } = 30;

    public bool Enabled => GatewayUrl is not null;
}

public sealed class AbdmOptionsValidator : IValidateOptions<AbdmOptions>
{
    public ValidateOptionsResult Validate(string? name, AbdmOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (options.GatewayUrl is { IsAbsoluteUri: false } or { Scheme: not ("https" or "http") })
        {
            failures.Add("Opd:Abdm:GatewayUrl must be an absolute http(s) address.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId) || string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add("Opd:Abdm:ClientId and ClientSecret are needed once GatewayUrl is set.");
        }

        if (string.IsNullOrWhiteSpace(options.HipId))
        {
            failures.Add("Opd:Abdm:HipId (the facility id registered with ABDM) is needed once GatewayUrl is set.");
        }

        if (string.IsNullOrWhiteSpace(options.CmId))
        {
            failures.Add("Opd:Abdm:CmId must name the consent manager (\"sbx\" in the sandbox).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

namespace OpdReception.Services;

/// <summary>Settings of section "Opd:Security".</summary>
public sealed class OpdSecurityOptions
{
    /// <summary>Admins must sign in with an authenticator code. Unset: on everywhere but Development.</summary>
    public bool? AdminTwoFactor { get; set; }

    public bool AdminTwoFactorIn(IHostEnvironment environment) => AdminTwoFactor ?? !environment.IsDevelopment();
}

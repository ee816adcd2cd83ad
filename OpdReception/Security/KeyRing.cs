using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using OpdReception.Data;
using OpdReception.Services;

namespace OpdReception.Security;

/// <summary>
/// Data Protection's keys sign cookies, bearer and refresh tokens and antiforgery tokens. They live in the app's
/// database, not in $HOME, so sessions survive a restart under another account or HOME and a second instance can
/// share them; outside Development a certificate encrypts them, so a copied database file does not hand over the keys.
/// </summary>
public static class KeyRing
{
    public const string ApplicationName = "OpdReception";

    public const string Settings = $"{OpdOptions.Section}:{nameof(OpdOptions.DataProtection)}";

    /// <summary>Registers Data Protection; a <see cref="KeyCertificate.Refused"/> means the app must not start.</summary>
    public static KeyCertificate AddOpdDataProtection(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var settings = configuration.GetSection(Settings).Get<KeyCertificateSettings>() ?? new KeyCertificateSettings();
        var certificate = KeyCertificate.Load(settings, environment.ContentRootPath, CertificateRequired(environment));
        var protection = services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToDbContext<OpdDbContext>();
        if (certificate is KeyCertificate.Loaded loaded)
        {
            protection.ProtectKeysWithCertificate(loaded.Certificate);
        }

        return certificate;
    }

    /// <summary>
    /// A self-signed RSA certificate written as a PFX (0600) to <paramref name="file"/>, unless one is there already, so a
    /// restart finds the same one: for throwaway servers (the benchmark's, the tests'), not for a hospital's.
    /// </summary>
    public static string SelfSignedCertificate(string file, string password)
    {
        if (File.Exists(file))
        {
            return file;
        }

        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=OpdReception throwaway keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        PrivateFiles.EnsureFolder(Path.GetDirectoryName(Path.GetFullPath(file)));
        using var stream = PrivateFiles.Open(file, FileMode.CreateNew, FileAccess.Write);
        stream.Write(certificate.Export(X509ContentType.Pfx, password));
        return file;
    }

    /// <summary>Development (the demo) and the test suite's own environment may keep their keys unencrypted.</summary>
    public static bool CertificateRequired(IHostEnvironment environment) =>
        !environment.IsDevelopment() && !environment.IsEnvironment("Testing");
}

/// <summary>Opd:DataProtection: a PFX with its password, or a PEM certificate with its PEM key.</summary>
public sealed class KeyCertificateSettings
{
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>The private key of a PEM certificate; empty when <see cref="CertificatePath"/> is a PFX.</summary>
    public string? CertificateKeyPath { get; set; }
}

public abstract record KeyCertificate
{
    private KeyCertificate()
    {
    }

    public sealed record Loaded(X509Certificate2 Certificate) : KeyCertificate;

    public sealed record NotGiven : KeyCertificate;

    public sealed record Refused(string Reason) : KeyCertificate;

    private const string Path = $"{KeyRing.Settings}:{nameof(KeyCertificateSettings.CertificatePath)}";

    public static KeyCertificate Load(KeyCertificateSettings settings, string contentRoot, bool required)
    {
        if (string.IsNullOrWhiteSpace(settings.CertificatePath))
        {
            return required
                ? new Refused($"The app will not start outside Development without a certificate to encrypt its Data Protection keys: set {Path} "
                    + $"to a .pfx file (and {KeyRing.Settings}:{nameof(KeyCertificateSettings.CertificatePassword)}), or to a PEM certificate with "
                    + $"{KeyRing.Settings}:{nameof(KeyCertificateSettings.CertificateKeyPath)}. docs/security.md shows how to make one.")
                : new NotGiven();
        }

        var file = System.IO.Path.GetFullPath(settings.CertificatePath, contentRoot);
        var keyFile = string.IsNullOrWhiteSpace(settings.CertificateKeyPath) ? null : System.IO.Path.GetFullPath(settings.CertificateKeyPath, contentRoot);
        foreach (var (name, path) in new[] { (Path, file), ($"{KeyRing.Settings}:{nameof(KeyCertificateSettings.CertificateKeyPath)}", keyFile) })
        {
            if (path is not null && !File.Exists(path))
            {
                return new Refused($"{name} names {path}, and there is no such file.");
            }
        }

        X509Certificate2 certificate;
        try
        {
            certificate = keyFile is null
                ? X509CertificateLoader.LoadPkcs12FromFile(file, settings.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet)
                : X509Certificate2.CreateFromPemFile(file, keyFile);
        }
        catch (CryptographicException ex)
        {
            return new Refused($"{Path} ({file}) could not be read (is {KeyRing.Settings}:{nameof(KeyCertificateSettings.CertificatePassword)} right?): {ex.Message}");
        }

        // Data Protection encrypts each key to the certificate with XML encryption, which takes an RSA key.
        using var rsa = certificate.GetRSAPrivateKey();
        return rsa is null
            ? new Refused($"{Path} ({file}) must be a certificate with its RSA private key.")
            : new Loaded(certificate);
    }
}

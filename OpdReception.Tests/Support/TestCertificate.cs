using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OpdReception.Tests.Support;

/// <summary>A self-signed RSA certificate in a PFX, made by the test, for the Data Protection keys outside Development.</summary>
public static class TestCertificate
{
    public const string Password = "test-key-certificate";

    public const string PathSetting = "Opd:DataProtection:CertificatePath";

    public const string PasswordSetting = "Opd:DataProtection:CertificatePassword";

    /// <summary>The PFX at <paramref name="file"/>, made there (0600, as an operator keeps it) unless it exists, so a restart finds the same one.</summary>
    public static string At(string file) => File.Exists(file) ? file : Create(file);

    /// <summary>Writes a new PFX to <paramref name="file"/> and returns its path.</summary>
    public static string Create(string file)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=OpdReception test keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, certificate.Export(X509ContentType.Pfx, Password));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return file;
    }

    /// <summary>The app's settings for a certificate at <paramref name="file"/>, as environment variables.</summary>
    public static Dictionary<string, string> Environment(string file) => new()
    {
        [PathSetting.Replace(":", "__", StringComparison.Ordinal)] = file,
        [PasswordSetting.Replace(":", "__", StringComparison.Ordinal)] = Password,
    };

    /// <summary>Environments other than Development and the suite's own Testing refuse to start without one.</summary>
    public static bool Required(string environment) => environment is not ("Development" or "Testing");
}

using OpdReception.Security;

namespace OpdReception.Tests.Support;

/// <summary>A self-signed RSA certificate in a PFX, made by the test, for the Data Protection keys outside Development.</summary>
public static class TestCertificate
{
    public const string Password = "test-key-certificate";

    public const string PathSetting = "Opd:DataProtection:CertificatePath";

    public const string PasswordSetting = "Opd:DataProtection:CertificatePassword";

    /// <summary>The PFX at <paramref name="file"/>, made there unless it exists, so a restart finds the same one.</summary>
    public static string At(string file) => KeyRing.SelfSignedCertificate(file, Password);

    /// <summary>A new PFX at <paramref name="file"/>.</summary>
    public static string Create(string file)
    {
        File.Delete(file);
        return At(file);
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

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using OpdReception.Security;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Security;

/// <summary>Data Protection's keys (what cookies and tokens are sealed with) live in the database, encrypted outside Development.</summary>
public sealed class KeyStorageTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Sessions_survive_a_restart_with_another_HOME()
    {
        var database = _folder.File("opd.db");
        var firstHome = _folder.File("home-1");
        var secondHome = _folder.File("home-2");
        Directory.CreateDirectory(firstHome);
        Directory.CreateDirectory(secondHome);
        var certificate = TestCertificate.Create(_folder.File("keys.pfx"));
        var cookies = new CookieContainer();
        string bearer;

        await using (var app = await AppProcess.StartAsync(database, Ct, With(TestCertificate.Environment(certificate), "HOME", firstHome)))
        {
            using var browser = Browser(app.Address, cookies);
            var signIn = await browser.PostAsJsonAsync("/account/signin", new { email = AppProcess.AdminEmail, password = AppProcess.AdminPassword }, Ct);
            Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/auth/me", Ct)).StatusCode);
            bearer = app.Client().DefaultRequestHeaders.Authorization!.Parameter!;
        }

        await using (var restarted = await AppProcess.StartAsync(database, Ct, With(TestCertificate.Environment(certificate), "HOME", secondHome)))
        {
            using var browser = Browser(restarted.Address, cookies);
            var me = await browser.GetAsync("/api/auth/me", Ct);
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
            Assert.Contains(AppProcess.AdminEmail, await me.Content.ReadAsStringAsync(Ct));

            using var program = new HttpClient { BaseAddress = restarted.Address };
            program.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            Assert.Equal(HttpStatusCode.OK, (await program.GetAsync("/api/auth/me", Ct)).StatusCode);
        }

        // The old bug: keys under $HOME/.aspnet, lost with HOME.
        Assert.False(Directory.Exists(Path.Combine(firstHome, ".aspnet")), "keys were written under HOME");
        Assert.Single(KeyXml(database));
    }

    [Fact]
    public async Task Keys_are_encrypted_at_rest_outside_development()
    {
        const string host = "opd.hospital.example";
        await using var app = new OpdApp().InEnvironment("Production").With("AllowedHosts", host).With("https_port", "443");
        app.ClientOptions.BaseAddress = new Uri($"https://{host}");

        // Signing in seals a bearer token, which makes the first key.
        await app.UserAsync(Roles.Admin);

        var key = Assert.Single(KeyXml(app.DatabaseFile));
        Assert.Contains("<encryptedSecret", key, StringComparison.Ordinal);
        Assert.Contains("EncryptedData", key, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", key, StringComparison.Ordinal);
        Assert.DoesNotContain("<value>", key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_certificate_the_test_environment_keeps_its_keys_unencrypted()
    {
        await using var app = new OpdApp();

        await app.UserAsync(Roles.Admin);

        var key = Assert.Single(KeyXml(app.DatabaseFile));
        Assert.Contains("<masterKey", key, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "", "without a certificate")]
    [InlineData("missing.pfx", "", "there is no such file")]
    [InlineData("keys.pfx", "not-the-password", "could not be read")]
    public async Task Production_refuses_to_start_without_the_key_certificate(string file, string password, string said)
    {
        TestCertificate.Create(_folder.File("keys.pfx"));
        var (exitCode, printed) = await AppProcess.RunUntilExitAsync(_folder.File("opd.db"), new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Opd__DataProtection__CertificatePath"] = file.Length == 0 ? "" : _folder.File(file),
            ["Opd__DataProtection__CertificatePassword"] = password,
        }, Ct);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Opd:DataProtection:CertificatePath", printed, StringComparison.Ordinal);
        Assert.Contains(said, printed, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", printed, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> With(Dictionary<string, string> environment, string name, string value)
    {
        environment[name] = value;
        return environment;
    }

    private static HttpClient Browser(Uri address, CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };

    private static List<string> KeyXml(string database)
    {
        using var db = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT Xml FROM DataProtectionKeys;";
        using var reader = command.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }
}

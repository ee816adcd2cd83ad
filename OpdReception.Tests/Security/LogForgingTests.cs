using System.Net;
using Microsoft.Extensions.Logging;
using OpdReception.Domain;
using OpdReception.Security;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Security;

/// <summary>
/// Whoever reads the logs must be able to trust every line: typed text (an email, a path) echoed in one of our lines can
/// neither start a forged line, nor reorder what a viewer shows, nor flood the log.
/// </summary>
public sealed class LogForgingTests : IAsyncLifetime
{
    private const string Forged = "\r\n[Warning] OpdReception.Security.SignIn: User admin signed in";

    private readonly OpdApp _app = new OpdApp().CapturingLogs();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private IReadOnlyList<CapturedLogs.Line> OurLines() =>
        _app.Logs!.Lines.Where(l => l.Category.StartsWith("OpdReception", StringComparison.Ordinal) && l.Level >= LogLevel.Warning).ToList();

    private static void AssertCannotForge(CapturedLogs.Line line)
    {
        var hiding = line.Text.TrimEnd().Where(c => char.IsControl(c) || TextRules.IsBidiControl(c) || c is '\u2028' or '\u2029' or '\u200F').ToList();
        Assert.True(hiding.Count == 0, $"A hiding character reached the log: {string.Join(",", hiding.Select(c => $"U+{(int)c:X4}"))} in {line.Text}");
    }

    [Fact]
    public async Task A_failed_sign_in_logs_a_short_hash_instead_of_a_forged_typed_email()
    {
        var typed = "nobody@test.opd" + Forged + "\u202Egpj.exe\u2028" + new string('x', 4000);

        var response = await _app.AnonymousClient().Post("/api/auth/login", new { email = typed, password = "wrong-password-1" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var failed = Assert.Single(OurLines(), l => l.Text.StartsWith("Sign-in failed for ", StringComparison.Ordinal));
        AssertCannotForge(failed);
        Assert.DoesNotContain("nobody@test.opd", failed.Text, StringComparison.Ordinal);
        Assert.True(failed.Text.Length < TextRules.LogLength + 200, $"{failed.Text.Length} characters logged");
    }

    [Fact]
    public async Task A_refused_request_logs_its_path_with_encoded_line_breaks_escaped()
    {
        var portal = await _app.ClientAsAsync(Roles.BookingPortal);

        var response = await portal.GetAsync("/api/tokens/patient/P1%0D%0A%5BWarning%5D%20forged%E2%80%AE", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var refused = Assert.Single(OurLines(), l => l.Text.StartsWith("Refused GET /api/tokens/patient/{patientId}", StringComparison.Ordinal));
        AssertCannotForge(refused);
        Assert.Contains(@"P1\u000D\u000A[Warning] forged\u202E", refused.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cross_site_write_logs_its_path_with_encoded_line_breaks_escaped()
    {
        var browser = _app.AnonymousClient();
        using var form = new HttpRequestMessage(HttpMethod.Post, "/api/tokens/walkin%0A%5BInformation%5D%20forged")
        {
            Content = new FormUrlEncodedContent([new("x", "1")]),
            Headers = { { "Origin", "https://evil.example" } },
        };

        var response = await browser.SendAsync(form, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var refused = Assert.Single(OurLines(), l => l.Text.StartsWith("Refused a cross-site write", StringComparison.Ordinal));
        AssertCannotForge(refused);
        Assert.Contains(@"walkin\u000A[Information] forged", refused.Text, StringComparison.Ordinal);
    }
}

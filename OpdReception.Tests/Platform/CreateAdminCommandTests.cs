using System.Net;
using System.Net.Http.Json;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Platform;

/// <summary>Outside Development no account exists until the operator creates the first admin from the command line.</summary>
public sealed class CreateAdminCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Create_admin_reads_the_password_from_standard_input_refuses_a_second_account_and_the_admin_signs_in()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = _folder.File("opd.db");
        var none = new Dictionary<string, string>();

        var weak = await AppProcess.RunCommandAsync(database, ["create-admin", "first@hospital.example"], none, ct, input: "short");
        var created = await AppProcess.RunCommandAsync(database, ["create-admin", "first@hospital.example"], none, ct, input: "A-long-enough-password-1");
        var again = await AppProcess.RunCommandAsync(database, ["create-admin", "first@hospital.example"], none, ct, input: "A-long-enough-password-1");

        Assert.Equal(1, weak.ExitCode);
        Assert.Contains("at least 12 characters", weak.Output, StringComparison.Ordinal);
        Assert.Equal(0, created.ExitCode);
        Assert.Contains("Created admin first@hospital.example", created.Output, StringComparison.Ordinal);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exists", again.Output, StringComparison.Ordinal);

        // The process fixture creates its own admin beside this one; the operator's account signs in too.
        await using var app = await AppProcess.StartAsync(database, ct);
        using var client = new HttpClient { BaseAddress = app.Address };
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email = "first@hospital.example", password = "A-long-enough-password-1" }, ct);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    public void Dispose() => _folder.Dispose();
}

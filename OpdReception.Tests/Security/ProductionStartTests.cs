using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using OpdReception.Security;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Security;

/// <summary>What the app says first and when it refuses to start: the published app with deploy/'s settings, and the demo as `dotnet run` starts it.</summary>
public sealed class ProductionStartTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string Folder => Path.GetDirectoryName(_folder.File("opd.db"))!;

    public void Dispose() => _folder.Dispose();

    /// <summary>A start that should stop by itself; five minutes is far more than it needs, and a hang fails instead of blocking the run.</summary>
    private static async Task<(int ExitCode, string Output)> StartExpectingRefusalAsync(ServerSettings settings)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(TimeSpan.FromMinutes(5));
        return await ProductionServer.RunAsync([], settings, limit.Token);
    }

    [Fact]
    public async Task Production_start_refuses_plain_http_without_a_proxy_and_says_so_without_a_stack_trace()
    {
        var settings = ProductionServer.Settings(Folder, ProductionServer.FreePort()).Without("Opd__Proxy__KnownProxies");

        var (exitCode, output) = await StartExpectingRefusalAsync(settings);

        Assert.Equal(1, exitCode);
        Assert.Contains("is plain HTTP and no proxy is configured", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_start_refuses_while_an_account_has_the_demo_password_and_starts_once_it_is_changed()
    {
        var ct = TestContext.Current.CancellationToken;
        var settings = ProductionServer.Settings(Folder, ProductionServer.FreePort());
        var created = await ProductionServer.RunAsync(["create-admin", "ward.admin@hospital.example"], settings.With("OPD_ADMIN_PASSWORD", "A-strong-first-password-7"), ct);
        Assert.Equal(0, created.ExitCode);
        await GiveTheDemoPasswordAsync("ward.admin@hospital.example");

        var (exitCode, output) = await StartExpectingRefusalAsync(settings);

        Assert.Equal(1, exitCode);
        Assert.Contains("ward.admin@hospital.example still has the demo password", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.Equal(0, (await ProductionServer.RunAsync(["set-password", "ward.admin@hospital.example"], settings.With("OPD_ADMIN_PASSWORD", "A-new-ward-password-8"), ct)).ExitCode);
        await using var started = await ProductionServer.StartAsync(Folder, ct);
    }

    [Fact]
    public async Task Production_first_log_line_names_the_environment_the_database_and_the_addresses()
    {
        var port = ProductionServer.FreePort();
        var settings = ProductionServer.Settings(Folder, port).Without("Opd__Proxy__KnownProxies");

        var (_, output) = await StartExpectingRefusalAsync(settings);

        Assert.Equal(
            $"Production: database {ProductionServer.DatabaseFile(Folder)}; listening on http://127.0.0.1:{port}; no proxy configured",
            FirstLogMessage(output));
    }

    [Fact]
    public async Task Dotnet_run_is_the_demo_and_its_first_log_line_says_so()
    {
        var ct = TestContext.Current.CancellationToken;
        using var launch = JsonDocument.Parse(await File.ReadAllTextAsync(Repository.File("OpdReception", "Properties", "launchSettings.json"), ct));
        var environment = launch.RootElement.GetProperty("profiles").EnumerateObject().Single().Value
            .GetProperty("environmentVariables").GetProperty("ASPNETCORE_ENVIRONMENT").GetString()!;

        // The build `dotnet run` starts, with the environment its launch profile gives.
        var folder = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(folder, "OpdReception.dll"), "--urls", "http://127.0.0.1:0", "--contentRoot", folder])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = environment,
                ["ConnectionStrings__Opd"] = $"Data Source={_folder.File("demo.db")}",
                ["Opd__AutoNoShow"] = "false",
            },
        };
        using var process = Process.Start(start)!;
        var lines = new List<string>();
        while (lines.Count < 2 && await process.StandardOutput.ReadLineAsync(ct) is { } line)
        {
            lines.Add(line);
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(ct);

        Assert.Equal("Development", environment);
        Assert.Equal(
            "Demo mode (Development): demo day and demo accounts seeded, password in README. Not for patients' data; see docs/deploy.md.",
            FirstLogMessage(string.Join('\n', lines)));
    }

    /// <summary>The console logger writes "info: Category[0]" and then the message, indented, on the next line.</summary>
    private static string FirstLogMessage(string output)
    {
        var lines = output.Split('\n');
        var first = Array.FindIndex(lines, l => l.StartsWith("info: ", StringComparison.Ordinal) || l.StartsWith("warn: ", StringComparison.Ordinal) || l.StartsWith("crit: ", StringComparison.Ordinal));
        Assert.True(first >= 0 && first + 1 < lines.Length, $"No log line in:\n{output}");
        return lines[first + 1].Trim();
    }

    private async Task GiveTheDemoPasswordAsync(string email)
    {
        await using var db = new SqliteConnection($"Data Source={ProductionServer.DatabaseFile(Folder)};Pooling=false");
        await db.OpenAsync();
        await using var update = db.CreateCommand();
        update.CommandText = "UPDATE AspNetUsers SET PasswordHash = $hash WHERE NormalizedEmail = $email";
        update.Parameters.AddWithValue("$hash", new PasswordHasher<OpdUser>().HashPassword(new OpdUser(), DemoAccount.DemoPassword));
        update.Parameters.AddWithValue("$email", email.ToUpperInvariant());
        Assert.Equal(1, await update.ExecuteNonQueryAsync());
    }
}

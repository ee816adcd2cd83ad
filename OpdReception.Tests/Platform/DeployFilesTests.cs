using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Platform;

/// <summary>
/// The systemd unit in deploy/ as systemd itself reads it (the test machine has no systemd running, so its settings
/// reach the published app through ProductionServer and its sandbox is judged by systemd-analyze).
/// </summary>
public sealed partial class DeployFilesTests
{
    private static readonly string Unit = Repository.File("deploy", "opd-reception.service");

    [Fact]
    public async Task The_systemd_unit_passes_systemd_analyze_verify()
    {
        var (exitCode, output) = await SystemdAnalyzeAsync("verify", Unit);

        Assert.True(exitCode == 0 && output.Length == 0, $"systemd-analyze verify ({exitCode}):\n{output}");
    }

    [Fact]
    public async Task The_systemd_unit_keeps_the_app_in_a_tight_sandbox()
    {
        var (exitCode, output) = await SystemdAnalyzeAsync("security", "--offline=true", Unit);

        Assert.Equal(0, exitCode);
        var exposure = double.Parse(Exposure().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        // systemd calls up to 4.9 "OK"; the unit as committed scores 3.0. UMask and NoNewPrivileges are read as set.
        Assert.True(exposure < 5.0, $"Exposure {exposure}:\n{output}");
        Assert.Matches(@"✓ UMask=", output);
        Assert.Matches(@"✓ NoNewPrivileges=", output);
    }

    private static async Task<(int ExitCode, string Output)> SystemdAnalyzeAsync(params string[] arguments)
    {
        const string tool = "/usr/bin/systemd-analyze";
        Assert.True(File.Exists(tool), $"This test reads the unit with {tool}; install it with `apt-get install -y systemd`.");
        var start = new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, (await output + await errors).Trim());
    }

    [GeneratedRegex(@"Overall exposure level for \S+: ([0-9.]+)")]
    private static partial Regex Exposure();
}

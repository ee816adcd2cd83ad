using System.Diagnostics;
using Microsoft.Playwright;

namespace OpdReception.Tests.Support;

/// <summary>
/// Debian's Chromium, driven by Playwright: installed with apt-get on a machine that lacks it (the README's test
/// command is all a fresh machine needs), launched once per test run. A browser test never skips: without a browser it fails.
/// </summary>
public static class Chromium
{
    public const string Executable = "/usr/bin/chromium";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;

    public static async Task<IBrowser> BrowserAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_browser is { IsConnected: true })
            {
                return _browser;
            }

            await EnsureInstalledAsync();
            _playwright ??= await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = Executable,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            });
            AppDomain.CurrentDomain.ProcessExit += (_, _) => _playwright?.Dispose();
            return _browser;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task EnsureInstalledAsync()
    {
        if (File.Exists(Executable))
        {
            return;
        }

        // flock keeps two test processes from running apt-get at once.
        var log = await RunAsync("flock", ["/tmp/opd-chromium-install.lock", "sh", "-c",
            $"test -x {Executable} || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium)"]);
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException(
                $"Browser tests need Chromium at {Executable} and installing it failed; run `apt-get install -y chromium` as root.\n{log}");
        }
    }

    private static async Task<string> RunAsync(string command, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(command, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not run {command}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return await output + await errors;
    }
}

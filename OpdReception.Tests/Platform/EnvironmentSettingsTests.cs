using System.Diagnostics;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Platform;

/// <summary>Settings given the ASP.NET way, as environment variables of the real app process.</summary>
public sealed class EnvironmentSettingsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("opd-env-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left to the temp folder's cleanup.
        }
    }

    [Fact]
    public async Task Opd_environment_variables_override_the_weights()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await AppProcess.StartAsync(Path.Combine(_folder, "opd.db"), ct, new Dictionary<string, string>
        {
            ["Opd__EmergencyPriority"] = "2000",
            ["Opd__WalkInPriority"] = "150",
        });
        var desk = new Desk(app.Client());
        var doctor = await desk.Doctor();
        var slot = await desk.Slot(doctor.Id, "09:00", "17:00", date: DateOnly.FromDateTime(DateTime.Now).AddDays(1));

        var emergency = await desk.Issue("emergency", slot.Id);
        var walkIn = await desk.Issue("walkin", slot.Id);

        Assert.Equal((2000, 150), (emergency.PriorityScore, walkIn.PriorityScore));
    }

    [Fact]
    public async Task An_invalid_environment_setting_stops_the_app_with_a_message_naming_it()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "OpdReception.dll"), "--urls", "http://127.0.0.1:0"])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Testing",
                ["ConnectionStrings__Opd"] = $"Data Source={Path.Combine(_folder, "bad.db")}",
                ["Opd__EmergencyPriority"] = "50",
            },
        };

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("EmergencyPriority", await errors + await output);
    }
}

using OpdReception.Tests.Support;

namespace OpdReception.Tests.Platform;

/// <summary>Settings given the ASP.NET way, as environment variables of the real app process.</summary>
public sealed class EnvironmentSettingsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Opd_environment_variables_override_the_weights()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await AppProcess.StartAsync(_folder.File("opd.db"), ct, new Dictionary<string, string>
        {
            ["Opd__FollowUpPriority"] = "350",
            ["Opd__OnlinePriority"] = "150",
        });
        var desk = new Desk(app.Client());
        var doctor = await desk.Doctor();
        var slot = await desk.Slot(doctor.Id, "09:00", "17:00", date: DateOnly.FromDateTime(DateTime.Now).AddDays(1));

        // Tomorrow's slot, so the real clock never ends it mid-test: bookings, since walk-ins are for today only.
        var followUp = await desk.Issue("followup", slot.Id);
        var online = await desk.Issue("book", slot.Id);

        Assert.Equal((350, 150), (followUp.PriorityScore, online.PriorityScore));
    }

    [Fact]
    public async Task An_invalid_environment_setting_stops_the_app_with_a_message_naming_it()
    {
        var (exitCode, printed) = await AppProcess.RunUntilExitAsync(_folder.File("bad.db"),
            new Dictionary<string, string> { ["Opd__EmergencyPriority"] = "50" }, TestContext.Current.CancellationToken);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("EmergencyPriority", printed);
    }
}

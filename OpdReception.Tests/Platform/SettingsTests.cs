using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Platform;

public sealed class SettingsTests
{
    [Fact]
    public async Task A_first_start_on_a_fresh_database_logs_no_error_while_the_settings_table_does_not_exist_yet()
    {
        await using var app = new OpdApp().CapturingLogs("Warning");
        var desk = new Desk(app.CreateClient());

        await desk.NewSlot();

        var errors = app.Logs!.Lines.Where(l => l.Level >= LogLevel.Error).ToList();
        Assert.True(errors.Count == 0, "Errors at a clean start:\n" + string.Join("\n", errors.Select(e => $"{e.Category}: {e.Text[..Math.Min(200, e.Text.Length)]}")));
    }

    [Fact]
    public async Task Weights_from_settings_set_the_priority_score()
    {
        await using var app = new OpdApp().With("Opd:EmergencyPriority", "2500").With("Opd:WalkInPriority", "150");
        var desk = new Desk(app.CreateClient());
        var slot = await desk.NewSlot();

        var emergency = await desk.Issue("emergency", slot.Id);
        var walkIn = await desk.Issue("walkin", slot.Id);

        Assert.Equal((2500, 150), (emergency.PriorityScore, walkIn.PriorityScore));
    }

    [Fact]
    public async Task Default_capacity_and_consultation_minutes_come_from_settings()
    {
        await using var app = new OpdApp().With("Opd:DefaultMaxCapacity", "15").With("Opd:DefaultConsultationMinutes", "7");
        var desk = new Desk(app.CreateClient());
        var doctor = await desk.Doctor();

        var slot = await (await desk.Client.Post("/api/slots", new { doctorId = doctor.Id, date = "2030-01-07", startTime = "09:00", endTime = "11:00" })).Read<SlotView>();

        Assert.Equal((15, 7), (slot.MaxCapacity, slot.MinutesPerConsultation));
    }

    [Theory]
    [InlineData("Opd:EmergencyPriority", "400", "EmergencyPriority")]
    [InlineData("Opd:DefaultMaxCapacity", "0", "DefaultMaxCapacity")]
    [InlineData("Opd:NoShowTimeoutMinutes", "-1", "NoShowTimeoutMinutes")]
    [InlineData("Opd:HospitalNumberPrefix", "h #", "HospitalNumberPrefix")]
    [InlineData("Opd:HospitalNumberDigits", "2", "HospitalNumberDigits")]
    [InlineData("Opd:AllowedOrigins:0", "opd.hospital.example", "AllowedOrigins")]
    [InlineData("Opd:AllowedOrigins:0", "https://opd.hospital.example/screens", "AllowedOrigins")]
    [InlineData("Opd:Display:SpeechLanguages", "en,fr", "Opd:Display:SpeechLanguages")]
    [InlineData("Opd:Display:Announcements:hi", "कमरा {room}", "Opd:Display:Announcements:hi")]
    [InlineData("Opd:Display:Announcements:fr", "Jeton {token}, salle {room}", "Opd:Display:Announcements:fr")]
    public async Task Invalid_settings_stop_the_app_at_start_naming_the_setting(string key, string value, string named)
    {
        await using var app = new OpdApp().With(key, value);

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains(named, error.Message);
    }
}

using System.Net;
using Microsoft.Extensions.Logging;
using OpdReception.Security;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Security;

/// <summary>Logs leave the hospital's hands (files, collectors): no patient's name or phone in them at Information or above.</summary>
public sealed class LogPrivacyTests : IAsyncLifetime
{
    private readonly OpdApp _app = new OpdApp().CapturingLogs("Trace");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task A_busy_run_logs_no_patient_name_or_phone_but_logs_refusals_and_failed_sign_ins_with_user_and_endpoint()
    {
        var desk = new Desk(_app.CreateClient());
        var slot = await desk.NewSlot(capacity: 3);
        var later = await desk.Slot(slot.DoctorId, "10:00", "11:00");
        var names = new[] { "Zubeida Quraishi", "Xavier Pinto", "Yamini Thakkar", "Wahida Ansari" };
        var phones = new[] { "+91 99887 76655", "+91 91234 56780" };
        var tokens = new List<int>();
        var patients = new List<string>();
        foreach (var (name, index) in names.Select((n, i) => (n, i)))
        {
            var response = await desk.Client.Post($"/api/tokens/{(index == 3 ? "emergency" : "walkin")}", new { slotId = slot.Id, patientName = name, phoneNumber = phones[index % 2], newPatient = true });
            var issued = await response.ReadJson();
            tokens.Add(issued.GetProperty("id").GetInt32());
            patients.Add(issued.GetProperty("patientId").GetString()!);
        }

        await desk.TryIssue("walkin", slot.Id, patientId: patients[0], name: "Not Zubeida");
        await desk.TryIssue("walkin", slot.Id, name: "Vera Overflow", phone: "+91 90000 11111");
        await desk.Client.PostAsync($"/api/slots/{slot.Id}/call-next", null, TestContext.Current.CancellationToken);
        await desk.SetStatus(tokens[1], "Cancelled", "Zubeida Quraishi's sister called");
        await desk.Client.PatchAsync($"/api/slots/{slot.Id}/delay?delay_minutes=40", null, TestContext.Current.CancellationToken);
        await desk.Client.Post($"/api/tokens/reallocate/{slot.Id}", new { targetSlotId = later.Id });
        var portal = new Desk(await _app.ClientAsAsync(Roles.BookingPortal));
        Assert.Equal(HttpStatusCode.Forbidden, (await portal.Client.GetAsync($"/api/tokens/{tokens[0]}", TestContext.Current.CancellationToken)).StatusCode);
        await _app.AnonymousClient().Post("/api/auth/login", new { email = "someone@test.opd", password = "wrong-password-1" });
        await desk.Client.GetAsync($"/api/tokens/patient/LOG0", TestContext.Current.CancellationToken);

        var logged = _app.Logs!.Lines.Where(l => l.Level >= LogLevel.Information).ToList();
        Assert.NotEmpty(logged);
        var secrets = names.Concat(["Vera Overflow", "Not Zubeida", "Zubeida"]).Concat(phones).Concat(phones.Select(p => p.Replace(" ", "", StringComparison.Ordinal)));
        var leaks = logged.Where(l => secrets.Any(s => l.Text.Contains(s, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.True(leaks.Count == 0, "Patient data in the logs:\n" + string.Join("\n", leaks.Select(l => $"{l.Level} {l.Category}: {l.Text}")));

        var portalUser = await _app.UserAsync(Roles.BookingPortal);
        Assert.Contains(logged, l => l.Level == LogLevel.Warning && l.Text.Contains("Refused GET /api/tokens/{id}", StringComparison.Ordinal) && l.Text.Contains(portalUser.Id, StringComparison.Ordinal));
        Assert.Contains(logged, l => l.Level == LogLevel.Warning && l.Text.Contains("Sign-in failed for email ", StringComparison.Ordinal) && l.Text.Contains("at /api/auth/login", StringComparison.Ordinal));
        Assert.DoesNotContain(logged, l => l.Text.Contains("someone@test.opd", StringComparison.Ordinal));
    }
}

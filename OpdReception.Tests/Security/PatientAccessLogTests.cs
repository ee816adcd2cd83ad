using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Security;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Security;

/// <summary>Every open of a patient's record, token history or board leaves a line that an admin, and only an admin, reads per patient.</summary>
public sealed class PatientAccessLogTests(OpdApp app) : IClassFixture<OpdApp>
{
    private readonly Desk _desk = new(app.CreateClient());

    [Fact]
    public async Task Opening_a_patient_record_is_logged()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = await _desk.Issue("walkin", (await _desk.NewSlot()).Id, name: "Rekha Readby");
        var receptionist = await app.UserAsync(Roles.Receptionist);
        var desk = await app.ClientAsAsync(Roles.Receptionist);

        Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync($"/api/patients/{token.PatientId}", ct)).StatusCode);
        await app.Service<PatientAccessLog>().FlushAsync(ct);

        await using var db = await app.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(ct);
        var line = await db.PatientAccesses.SingleAsync(a => a.PatientId == token.PatientId && a.What == PatientAccessKind.Record, ct);
        Assert.Equal((receptionist.Id, "Test Receptionist"), (line.UserId, line.UserName));
        Assert.Equal(app.Clock.Now, line.At);

        // A record that is not there reads nothing, so logs nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await desk.GetAsync("/api/patients/H-999999", ct)).StatusCode);
        await app.Service<PatientAccessLog>().FlushAsync(ct);
        Assert.False(await db.PatientAccesses.AnyAsync(a => a.PatientId == "H-999999", ct));
    }

    [Fact]
    public async Task Admin_sees_who_read_a_patient()
    {
        var ct = TestContext.Current.CancellationToken;
        var slot = await _desk.NewSlot();
        var token = await _desk.Issue("walkin", slot.Id, name: "Sunil Seenby");
        var otherDay = await _desk.Slot(slot.DoctorId, "09:00", "10:00", date: OpdApp.Day.AddDays(3));
        var desk = await app.ClientAsAsync(Roles.Receptionist);
        var doctor = await app.ClientAsAsync(Roles.Doctor, slot.DoctorId);

        await desk.GetAsync($"/api/patients/{token.PatientId}", ct);
        await desk.GetAsync($"/api/tokens/{token.Id}", ct);
        await doctor.GetAsync($"/api/doctors/{slot.DoctorId}/queue", ct);
        // A board of a day the patient had no token on is not about them.
        await desk.GetAsync($"/api/doctors/{slot.DoctorId}/queue?date={otherDay.Date:yyyy-MM-dd}", ct);

        var lines = await _desk.Client.GetFromJsonAsync<List<PatientAccessView>>($"/api/patients/{token.PatientId}/accesses", Json.Options, ct);

        Assert.Equal(
            [
                ("Test Doctor" + slot.DoctorId, $"Opened {slot.DoctorName}'s board of {OpdApp.Day:ddd d MMM yyyy}"),
                ("Test Receptionist", $"Opened the history of token {token.TokenNumber} of {OpdApp.Day:ddd d MMM yyyy}"),
                ("Test Receptionist", "Opened the patient's record"),
            ],
            lines!.Select(l => (l.By, l.Words)));
    }

    [Fact]
    public async Task Non_admin_cannot_read_the_access_log()
    {
        var ct = TestContext.Current.CancellationToken;
        var slot = await _desk.NewSlot();
        var token = await _desk.Issue("walkin", slot.Id, name: "Tara Private");

        foreach (var client in new[]
                 {
                     await app.ClientAsAsync(Roles.Receptionist), await app.ClientAsAsync(Roles.Doctor, slot.DoctorId),
                     await app.ClientAsAsync(Roles.BookingPortal), app.AnonymousClient(),
                 })
        {
            var refused = await client.GetAsync($"/api/patients/{token.PatientId}/accesses", ct);
            Assert.True(refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized, $"{refused.StatusCode}");
            Assert.DoesNotContain("Test ", await refused.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        }
    }
}

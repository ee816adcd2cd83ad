using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;
using OpdReception.Security;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Security;

/// <summary>
/// Patient details are kept for <c>Opd:PatientDataRetentionYears</c> after the last visit, then erased; an admin
/// erases them sooner on request. Tokens stay, anonymised, for the reports. These tests move the clock by years.
/// </summary>
public sealed class PatientRetentionTests(OpdApp app) : IClassFixture<OpdApp>
{
    private readonly Desk _desk = new(app.CreateClient());

    private static DateTime At(DateOnly day) => day.ToDateTime(new TimeOnly(8, 0));

    [Fact]
    public async Task Retention_erases_patients_of_closed_days_past_the_limit()
    {
        var ct = TestContext.Current.CancellationToken;
        app.Clock.Set(At(OpdApp.Day));
        var slot = await _desk.NewSlot();
        var token = await _desk.Issue("book", slot.Id, name: "Usha Longago", phone: "+91 95555 66666");
        Assert.Equal(HttpStatusCode.OK, (await _desk.Client.PutAsJsonAsync($"/api/patients/{token.PatientId}",
            new { name = "Usha Longago", phone = "+91 95555 77777", address = "4 Old Lane" }, ct)).StatusCode);

        app.Clock.Set(At(OpdApp.Day.AddYears(3).AddDays(1)));
        await app.Service<CloseFinishedDays>().CloseFinishedDaysAsync(ct);
        await app.Service<ErasePatients>().SweepAsync(ct);

        var record = await _desk.Client.GetFromJsonAsync<PatientRecordView>($"/api/patients/{token.PatientId}", Json.Options, ct);
        Assert.Equal((ErasePatients.ErasedName, null, null), (record!.Name, record.Phone, record.Address));
        Assert.NotNull(record.ErasedAt);
        Assert.DoesNotContain(record.History, e => e.Details?.Contains("9555", StringComparison.Ordinal) == true || e.Details?.Contains("Old Lane", StringComparison.Ordinal) == true);
        // The token stays for the reports, with its outcome, under the erased name.
        var kept = await _desk.Token(token.Id);
        Assert.Equal((TokenStatus.NoShow, ErasePatients.ErasedName, (string?)null), (kept.Status, kept.PatientName, kept.PhoneNumber));
    }

    [Fact]
    public async Task Retention_keeps_a_patient_with_a_recent_visit()
    {
        var ct = TestContext.Current.CancellationToken;
        app.Clock.Set(At(OpdApp.Day));
        var doctor = await _desk.Doctor();
        var first = await _desk.Slot(doctor.Id, "09:00", "10:00");
        var token = await _desk.Issue("book", first.Id, name: "Vikram Stillcoming", phone: "+91 94444 55555");
        app.Clock.Set(At(OpdApp.Day.AddYears(2)));
        var again = await _desk.Slot(doctor.Id, "09:00", "10:00", date: OpdApp.Day.AddYears(2));
        await _desk.Issue("book", again.Id, patientId: token.PatientId, name: "Vikram Stillcoming", phone: "+91 94444 55555");

        app.Clock.Set(At(OpdApp.Day.AddYears(3).AddDays(1)));
        await app.Service<CloseFinishedDays>().CloseFinishedDaysAsync(ct);
        await app.Service<ErasePatients>().SweepAsync(ct);

        var record = await _desk.Client.GetFromJsonAsync<PatientRecordView>($"/api/patients/{token.PatientId}", Json.Options, ct);
        Assert.Equal(("Vikram Stillcoming", "+91 94444 55555", (DateTime?)null), (record!.Name, record.Phone, record.ErasedAt));
        await using var db = await app.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(ct);
        // The old day was looked at, and will not be again; the recent one waits for its own turn.
        Assert.NotNull((await db.Slots.SingleAsync(s => s.Id == first.Id, ct)).RetentionSweptAt);
        Assert.Null((await db.Slots.SingleAsync(s => s.Id == again.Id, ct)).RetentionSweptAt);
    }

    [Fact]
    public async Task Retention_finds_the_days_that_crossed_the_line_through_its_index_not_by_scanning_the_slots()
    {
        await using var db = await app.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);

        var plan = await QueryPlan.ExplainAsync(db, ErasePatients.DueSlots(db, OpdApp.Day).Take(ErasePatients.SlotsPerRun).Select(s => s.Id));

        Assert.Contains(plan, line => line.Contains("IX_Slots_RetentionDue", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.StartsWith("SCAN", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Access_log_lines_past_their_retention_are_deleted_and_newer_ones_kept()
    {
        var ct = TestContext.Current.CancellationToken;
        app.Clock.Set(At(OpdApp.Day));
        var token = await _desk.Issue("walkin", (await _desk.NewSlot()).Id, name: "Xavier Oldread");
        var log = app.Service<PatientAccessLog>();
        log.Record("Old reader", token.PatientId);
        app.Clock.Set(At(OpdApp.Day.AddDays(100)));
        log.Record("New reader", token.PatientId);
        await log.FlushAsync(ct);

        await log.PruneAsync(retentionDays: 90, ct);

        await using var db = await app.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(ct);
        Assert.Equal(["New reader"], await db.PatientAccesses.Where(a => a.PatientId == token.PatientId).Select(a => a.UserName).ToListAsync(ct));
    }

    [Fact]
    public async Task Admin_erases_a_patient_on_request_with_an_audit_line()
    {
        var ct = TestContext.Current.CancellationToken;
        app.Clock.Set(At(OpdApp.Day));
        var token = await _desk.Issue("walkin", (await _desk.NewSlot()).Id, name: "Wasim Forgetme", phone: "+91 93333 22222");
        var receptionist = await app.ClientAsAsync(Roles.Receptionist);

        Assert.Equal(HttpStatusCode.Forbidden, (await receptionist.Post($"/api/patients/{token.PatientId}/erase", new { reason = "Asked at the desk" })).StatusCode);
        var noReason = await _desk.Client.Post($"/api/patients/{token.PatientId}/erase", new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("reason", await noReason.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal("Wasim Forgetme", (await _desk.Token(token.Id)).PatientName);

        await using (var db = await app.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(ct))
        {
            // A desk's note of a call, as the to-contact list writes it.
            db.TokenEvents.Add(new TokenEvent
            {
                TokenId = token.Id, At = app.Clock.Now, Action = ContactPatients.ContactedAction, ToStatus = TokenStatus.Waiting, SlotId = token.SlotId,
                TokenNumber = 1, By = "Test Admin", Reason = "Spoke to Wasim's son on +91 93333 22222",
            });
            await db.SaveChangesAsync(ct);
        }

        var erased = await _desk.Client.Post($"/api/patients/{token.PatientId}/erase", new { reason = "Written request of 5 Jan" });

        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        var record = await erased.Read<PatientRecordView>();
        Assert.Equal((ErasePatients.ErasedName, (string?)null, (DateOnly?)null, (string?)null), (record.Name, record.Phone, record.BirthDate, record.AbhaNumber));
        Assert.Equal(TokenStatus.Waiting, (await _desk.Token(token.Id)).Status);
        var line = Assert.Single(record.History, e => e.Action == "Erased");
        Assert.Equal(("Test Admin", "Details erased on request: Written request of 5 Jan"), (line.By, line.Details));
        var audit = await _desk.Client.GetFromJsonAsync<List<AdminChangeView>>("/api/admin/history?area=Patient", Json.Options, ct);
        var entry = Assert.Single(audit!, a => a.Subject == token.PatientId);
        Assert.Contains("Written request of 5 Jan", entry.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("Wasim", entry.Details, StringComparison.Ordinal);
        Assert.DoesNotContain(record.History, e => e.Details?.Contains("Wasim", StringComparison.Ordinal) == true);

        Assert.DoesNotContain((await _desk.Token(token.Id)).History!, e => e.Reason?.Contains("Wasim", StringComparison.Ordinal) == true);

        var twice = await _desk.Client.Post($"/api/patients/{token.PatientId}/erase", new { reason = "Again" });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
    }
}

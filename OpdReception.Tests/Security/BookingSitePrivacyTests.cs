using System.Net;
using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Security;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Security;

/// <summary>The booking site books against a patient's record; it neither rewrites it nor learns what the record holds.</summary>
public sealed class BookingSitePrivacyTests(OpdApp app) : IClassFixture<OpdApp>
{
    private readonly Desk _desk = new(app.CreateClient());

    [Fact]
    public async Task Portal_booking_with_another_phone_is_refused_and_changes_nothing()
    {
        var slot = await _desk.NewSlot();
        var registered = await _desk.Issue("walkin", slot.Id, name: "Lata Phone-On-Record", phone: "+91 90000 11111");
        var later = await _desk.Slot(slot.DoctorId, "11:00", "12:00", date: OpdApp.Day.AddDays(1));
        var portal = new Desk(await app.ClientAsAsync(Roles.BookingPortal));
        var before = await RowsAsync(registered.PatientId);

        var refused = await portal.TryIssue("book", later.Id, patientId: registered.PatientId, name: "Lata Phone-On-Record", phone: "+91 98111 22334");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("phone on record differs", body, StringComparison.Ordinal);
        Assert.Contains("the desk corrects the record", body, StringComparison.Ordinal);
        Assert.DoesNotContain("90000", body, StringComparison.Ordinal);
        Assert.Equal(before, await RowsAsync(registered.PatientId));

        // The same phone, typed another way, books; and the record still reads as the desk wrote it.
        var same = await portal.TryIssue("book", later.Id, patientId: registered.PatientId, name: "lata  phone-on-record", phone: "9000011111");
        Assert.Equal(HttpStatusCode.Created, same.StatusCode);
        await using var db = await app.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var patient = await db.Patients.SingleAsync(p => p.Id == registered.PatientId, TestContext.Current.CancellationToken);
        Assert.Equal(("Lata Phone-On-Record", "+91 90000 11111"), (patient.Name, patient.Phone));
    }

    [Fact]
    public async Task Duplicate_booking_refusal_names_no_appointment()
    {
        var slot = await _desk.Slot((await _desk.Doctor()).Id, "15:00", "16:00", date: OpdApp.Day.AddDays(2));
        var portal = new Desk(await app.ClientAsAsync(Roles.BookingPortal));
        var first = await portal.Issue("book", slot.Id, name: "Mohan Twice", phone: "+91 93333 44444");

        var again = await portal.TryIssue("book", slot.Id, patientId: first.PatientId, name: "Mohan Twice", phone: "+91 93333 44444");
        var atDesk = await _desk.TryIssue("book", slot.Id, patientId: first.PatientId, name: "Mohan Twice", phone: "+91 93333 44444");

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var problem = await again.ReadJson();
        Assert.StartsWith("Already booked", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var detail = problem.GetProperty("detail").GetString()!;
        foreach (var said in new[] { first.TokenNumber, $"{first.Id}", "15:00", "Test Doctor" })
        {
            Assert.DoesNotContain(said, detail, StringComparison.Ordinal);
        }

        Assert.Equal(["detail", "refusal", "status", "title", "traceId", "type"],
            problem.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

        // The desk, which holds the record anyway, is still told which token to look at.
        Assert.Contains(first.TokenNumber, await atDesk.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Personal_data_answers_are_not_cached()
    {
        var slot = await _desk.NewSlot();
        var token = await _desk.Issue("walkin", slot.Id, name: "Nalini Uncached");
        var portal = new Desk(await app.ClientAsAsync(Roles.BookingPortal));
        var anonymous = app.AnonymousClient();
        var ct = TestContext.Current.CancellationToken;
        await using var db = await app.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(ct);
        var code = await db.Tokens.Where(t => t.Id == token.Id).Select(t => t.Code).SingleAsync(ct);

        var answers = new[]
        {
            await _desk.TryIssue("walkin", slot.Id, name: "Nalini Second"),
            await _desk.Client.GetAsync($"/api/patients/{token.PatientId}", ct),
            await _desk.Client.GetAsync($"/api/tokens/{token.Id}", ct),
            await _desk.Client.GetAsync($"/api/tokens/patient/{token.PatientId}", ct),
            await _desk.Client.GetAsync($"/api/tokens/queue/{slot.Id}", ct),
            await portal.TryIssue("book", slot.Id, name: "Nalini Portal"),
            await portal.Client.GetAsync($"/api/tokens/{token.Id}", ct),
            await anonymous.GetAsync($"/t/{code}", ct),
            await anonymous.GetAsync("/display", ct),
        };

        foreach (var answer in answers)
        {
            Assert.True(answer.Headers.CacheControl?.NoStore == true, $"{answer.RequestMessage!.RequestUri} ({(int)answer.StatusCode}) is cacheable: {answer.Headers.CacheControl}");
        }
    }

    private async Task<string> RowsAsync(string patientId)
    {
        await using var db = await app.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var patient = await db.Patients.AsNoTracking().SingleAsync(p => p.Id == patientId, TestContext.Current.CancellationToken);
        var events = await db.PatientEvents.CountAsync(e => e.PatientId == patientId, TestContext.Current.CancellationToken);
        var tokens = await db.Tokens.CountAsync(t => t.PatientId == patientId, TestContext.Current.CancellationToken);
        return $"{patient.Name}|{patient.Phone}|{patient.Address}|{patient.Sex}|{events}|{tokens}";
    }
}

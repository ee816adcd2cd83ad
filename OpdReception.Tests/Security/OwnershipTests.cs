using System.Net;
using OpdReception.Domain;
using OpdReception.Security;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Security;

/// <summary>A doctor acts on their own slots and patients only; the booking site on the tokens it booked only.</summary>
public sealed class OwnershipTests(OpdApp app) : IClassFixture<OpdApp>
{
    private readonly Desk _desk = new(app.CreateClient());

    [Fact]
    public async Task A_doctor_calls_and_reads_their_own_queue_and_not_another_doctors()
    {
        var own = await _desk.NewSlot();
        var other = await _desk.NewSlot();
        var mine = await _desk.Issue("walkin", own.Id);
        var theirs = await _desk.Issue("walkin", other.Id);
        var doctor = new Desk(await app.ClientAsAsync(Roles.Doctor, own.DoctorId));

        Assert.Equal(HttpStatusCode.OK, (await doctor.Client.GetAsync($"/api/tokens/queue/{own.Id}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await doctor.Client.GetAsync($"/api/tokens/queue/{other.Id}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await doctor.Client.PostAsync($"/api/slots/{other.Id}/call-next", null, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await doctor.SetStatus(theirs.Id, "Completed")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await doctor.Client.PostAsync($"/api/slots/{own.Id}/call-next", null, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await doctor.SetStatus(mine.Id, "Completed")).StatusCode);

        Assert.Equal((TokenStatus.Completed, TokenStatus.Waiting), ((await _desk.Token(mine.Id)).Status, (await _desk.Token(theirs.Id)).Status));
        Assert.Equal("Test Doctor" + own.DoctorId, (await _desk.Token(mine.Id)).History!.Last().By);
    }

    [Fact]
    public async Task A_doctor_may_not_cancel_and_a_receptionist_may_not_complete()
    {
        var slot = await _desk.NewSlot();
        var token = await _desk.Issue("walkin", slot.Id);
        var doctor = new Desk(await app.ClientAsAsync(Roles.Doctor, slot.DoctorId));
        var receptionist = new Desk(await app.ClientAsAsync(Roles.Receptionist));

        Assert.Equal(HttpStatusCode.Forbidden, (await doctor.SetStatus(token.Id, "Cancelled", "no")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await receptionist.SetStatus(token.Id, "InConsultation")).StatusCode);
        Assert.Equal(TokenStatus.Waiting, (await _desk.Token(token.Id)).Status);
    }

    [Fact]
    public async Task Doctor_cannot_check_a_patient_in()
    {
        var slot = await _desk.NewSlot();
        var booked = await _desk.Issue("book", slot.Id, name: "Gita Booked");
        var doctor = new Desk(await app.ClientAsAsync(Roles.Doctor, slot.DoctorId));
        var receptionist = new Desk(await app.ClientAsAsync(Roles.Receptionist));

        var refused = await doctor.SetStatus(booked.Id, "Waiting");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Only the desk checks a patient in", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(TokenStatus.Booked, (await _desk.Token(booked.Id)).Status);
        Assert.Equal(HttpStatusCode.OK, (await receptionist.SetStatus(booked.Id, "Waiting")).StatusCode);
        Assert.Equal(TokenStatus.Waiting, (await _desk.Token(booked.Id)).Status);
    }

    public static TheoryData<Who, TokenStatus, bool> StatusRules() => new()
    {
        { Who.Receptionist, TokenStatus.Waiting, true },
        { Who.Receptionist, TokenStatus.NoShow, true },
        { Who.Receptionist, TokenStatus.Cancelled, true },
        { Who.Receptionist, TokenStatus.InConsultation, false },
        { Who.Receptionist, TokenStatus.Completed, false },
        { Who.Doctor, TokenStatus.InConsultation, true },
        { Who.Doctor, TokenStatus.Completed, true },
        { Who.Doctor, TokenStatus.NoShow, true },
        { Who.Doctor, TokenStatus.Waiting, false },
        { Who.Doctor | Who.Receptionist, TokenStatus.Waiting, true },
        { Who.Admin, TokenStatus.Waiting, true },
        { Who.Doctor, TokenStatus.Cancelled, false },
        { Who.Doctor, TokenStatus.Booked, false },
        { Who.Admin, TokenStatus.Completed, true },
        { Who.Admin, TokenStatus.Cancelled, true },
        { Who.BookingPortal, TokenStatus.Cancelled, false },
        { Who.BookingPortal, TokenStatus.Waiting, false },
    };

    [Theory]
    [MemberData(nameof(StatusRules))]
    public void Who_may_set_which_status(Who holds, TokenStatus to, bool allowed) =>
        Assert.Equal(allowed, RoleLimits.MaySetStatus(holds, to));

    [Fact]
    public async Task The_booking_site_books_online_reads_and_cancels_its_own_and_sees_nobody_elses()
    {
        var slot = await _desk.NewSlot();
        var walkIn = await _desk.Issue("walkin", slot.Id, name: "Ravi Desk-Patient");
        var portal = new Desk(await app.ClientAsAsync(Roles.BookingPortal));

        var booked = await portal.Issue("book", slot.Id, name: "Nina Online");
        var followUp = await portal.Issue("followup", slot.Id, name: "Omar Online");

        Assert.Equal(HttpStatusCode.OK, (await portal.Client.GetAsync($"/api/tokens/{booked.Id}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await portal.Client.GetAsync($"/api/tokens/{walkIn.Id}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await portal.Client.GetAsync($"/api/tokens/queue/{slot.Id}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await portal.Client.GetAsync($"/api/tokens/patient/{walkIn.PatientId}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await portal.TryIssue("walkin", slot.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await portal.Client.DeleteAsync($"/api/tokens/{walkIn.Id}/cancel?reason=x", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await portal.Client.DeleteAsync($"/api/tokens/{followUp.Id}/cancel?reason=Patient%20rebooked", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await portal.Client.GetAsync($"/api/slots/doctor/{slot.DoctorId}/available?date={OpdApp.Day:yyyy-MM-dd}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal((TokenStatus.Waiting, TokenStatus.Cancelled), ((await _desk.Token(walkIn.Id)).Status, (await _desk.Token(followUp.Id)).Status));
    }

    [Fact]
    public async Task A_patient_id_booked_under_another_name_is_refused_without_telling_the_booking_site_the_registered_name()
    {
        var slot = await _desk.NewSlot();
        var other = await _desk.NewSlot();
        var registered = await _desk.Issue("walkin", slot.Id, name: "Kamala Registered");
        var portal = new Desk(await app.ClientAsAsync(Roles.BookingPortal));

        var refused = await portal.TryIssue("book", other.Id, patientId: registered.PatientId, name: "Someone Else");
        var atDesk = await _desk.TryIssue("book", other.Id, patientId: registered.PatientId, name: "Someone Else");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain("Kamala", body, StringComparison.Ordinal);
        Assert.Contains("PatientMismatch", body, StringComparison.Ordinal);
        Assert.Contains("Kamala", await atDesk.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}

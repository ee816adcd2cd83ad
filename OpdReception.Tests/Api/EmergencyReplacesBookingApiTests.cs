using System.Net;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>Issue 6, defect 4, through the API: the emergency is issued and the later booking cancelled in one write.</summary>
public sealed class EmergencyReplacesBookingApiTests(OpdApp app) : IClassFixture<OpdApp>
{
    private readonly Desk _desk = new(app.CreateClient());

    [Fact]
    public async Task An_emergency_for_a_patient_booked_later_that_day_cancels_the_booking_with_its_reason()
    {
        var doctor = await _desk.Doctor();
        var now = await _desk.Slot(doctor.Id, "09:00", "10:00");
        var later = await _desk.Slot(doctor.Id, "14:00", "15:00");
        await _desk.Issue("walkin", now.Id);
        var booking = await _desk.Issue("book", later.Id, name: "Asha Verma");

        var response = await _desk.TryIssue("emergency", now.Id, patientId: booking.PatientId, name: "Asha Verma");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var emergency = await response.Read<TokenView>();
        // Labels run across the doctor's day: the walk-in T001, the booking T002, the emergency the next, T003.
        Assert.Equal(("T003", TokenSource.Emergency, 1), (emergency.TokenNumber, emergency.Source, emergency.Position));
        var replaced = await _desk.Token(booking.Id);
        Assert.Equal(TokenStatus.Cancelled, replaced.Status);
        Assert.Equal("replaced by emergency token T003", replaced.CancellationReason);
        var last = replaced.History!.Last();
        Assert.Equal(("Cancelled", TokenStatus.Booked, "replaced by emergency token T003"), (last.Action, last.FromStatus, last.Reason));
        Assert.Equal(0, (await _desk.GetSlot(later.Id)).BookedCount);
        Assert.Empty((await _desk.Queue(later.Id)).Tokens);
        Assert.Contains("replaces booking T002", (await _desk.Token(emergency.Id)).History!.Single().Reason);
    }

    [Fact]
    public async Task A_walk_in_for_a_patient_booked_later_is_still_refused_and_the_booking_stays()
    {
        var doctor = await _desk.Doctor();
        var now = await _desk.Slot(doctor.Id, "09:00", "10:00");
        var later = await _desk.Slot(doctor.Id, "14:00", "15:00");
        var booking = await _desk.Issue("book", later.Id);

        var response = await _desk.TryIssue("walkin", now.Id, patientId: booking.PatientId);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(booking.Id, (await response.ReadJson()).GetProperty("existingTokenId").GetInt32());
        Assert.Equal(TokenStatus.Booked, (await _desk.Token(booking.Id)).Status);
    }

    [Fact]
    public async Task An_emergency_refused_by_its_slot_leaves_the_booking_in_place()
    {
        var doctor = await _desk.Doctor();
        var now = await _desk.Slot(doctor.Id, "09:00", "10:00");
        var later = await _desk.Slot(doctor.Id, "14:00", "15:00");
        var booking = await _desk.Issue("book", later.Id);
        await _desk.Client.PostAsync($"/api/slots/{now.Id}/close", null);

        var response = await _desk.TryIssue("emergency", now.Id, patientId: booking.PatientId);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(TokenStatus.Booked, (await _desk.Token(booking.Id)).Status);
        Assert.Equal(1, (await _desk.GetSlot(later.Id)).BookedCount);
    }
}

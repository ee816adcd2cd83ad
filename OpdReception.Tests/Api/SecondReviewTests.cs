using System.Net;
using System.Net.Http.Json;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

public sealed class SecondReviewTests(OpdApp app) : IClassFixture<OpdApp>
{
    private readonly Desk _desk = new(app.CreateClient());

    [Fact]
    public async Task A_returning_no_show_who_has_since_got_another_token_with_the_doctor_is_pointed_to_it()
    {
        var doctor = await _desk.Doctor();
        var first = await _desk.Slot(doctor.Id, "09:00", "10:00");
        var second = await _desk.Slot(doctor.Id, "10:00", "11:00");
        var missed = await _desk.Issue("walkin", first.Id, patientId: "MRN-8101");
        await _desk.SetStatus(missed.Id, "NoShow");
        await _desk.Issue("walkin", second.Id, patientId: "MRN-8101");

        var response = await _desk.Client.PostAsync($"/api/tokens/{missed.Id}/check-in", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("AlreadyHoldsToken", (await response.ReadJson()).GetProperty("rejection").GetString());
        Assert.Equal(TokenStatus.NoShow, (await _desk.Token(missed.Id)).Status);
    }

    [Fact]
    public async Task A_doctor_with_a_patient_in_one_slot_cannot_call_one_from_another()
    {
        var doctor = await _desk.Doctor();
        var first = await _desk.Slot(doctor.Id, "09:00", "10:00");
        var second = await _desk.Slot(doctor.Id, "10:00", "11:00");
        await _desk.Issue("walkin", first.Id);
        await _desk.Issue("walkin", second.Id);
        await _desk.Client.PostAsync($"/api/slots/{first.Id}/call-next", null);

        var response = await _desk.Client.PostAsync($"/api/slots/{second.Id}/call-next", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("09:00 slot", (await response.ReadJson()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_emergency_returning_after_its_seat_was_given_away_gets_an_extra_seat()
    {
        var slot = await _desk.NewSlot(capacity: 1);
        var emergency = await _desk.Issue("emergency", slot.Id);
        await _desk.SetStatus(emergency.Id, "NoShow");
        await _desk.Issue("walkin", slot.Id);

        var back = await _desk.Client.PostAsync($"/api/tokens/{emergency.Id}/check-in", null);

        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        var after = await _desk.GetSlot(slot.Id);
        Assert.Equal((2, 1, 2), (after.EffectiveCapacity, after.EmergencyExtensions, after.BookedCount));
        Assert.Contains("emergency seat added", (await _desk.Token(emergency.Id)).History!.Last().Reason);
    }

    [Fact]
    public async Task Capacity_cannot_drop_below_the_ordinary_patients_holding_seats()
    {
        var doctor = await _desk.Doctor();
        var slot = await _desk.Slot(doctor.Id, capacity: 3);
        for (var i = 0; i < 3; i++)
        {
            await _desk.Issue("walkin", slot.Id);
        }

        var emergency = await _desk.Issue("emergency", slot.Id);
        await _desk.SetStatus(emergency.Id, "Cancelled", "stabilised");

        var shrink = await _desk.Client.PutAsJsonAsync($"/api/slots/{slot.Id}", new { doctorId = doctor.Id, date = "2030-01-07", startTime = "09:00", endTime = "10:00", maxCapacity = 2 });

        Assert.Equal(HttpStatusCode.Conflict, shrink.StatusCode);
        Assert.Equal(3, (await _desk.GetSlot(slot.Id)).MaxCapacity);
    }

    [Fact]
    public async Task Racing_changes_and_deletes_of_slots_and_doctors_never_answer_500()
    {
        var codes = new List<HttpStatusCode>();
        for (var round = 0; round < 25; round++)
        {
            var doctor = await _desk.Doctor();
            var slot = await _desk.Slot(doctor.Id, "13:00", "14:00");
            var results = await Task.WhenAll(
                _desk.Client.PutAsJsonAsync($"/api/slots/{slot.Id}", new { doctorId = doctor.Id, date = "2030-01-07", startTime = "13:00", endTime = "14:30" }),
                _desk.Client.DeleteAsync($"/api/slots/{slot.Id}"),
                _desk.Client.PutAsJsonAsync($"/api/doctors/{doctor.Id}", new { name = "Dr. Renamed", specialization = "ENT" }),
                _desk.Client.DeleteAsync($"/api/doctors/{doctor.Id}"));
            codes.AddRange(results.Select(r => r.StatusCode));
        }

        Assert.DoesNotContain(HttpStatusCode.InternalServerError, codes);
        Assert.All(codes, c => Assert.Contains(c, new[] { HttpStatusCode.OK, HttpStatusCode.NotFound }));
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>Everyday surprises at the desk: leftover seats, late returns, moved slots, a busy doctor, racing admins.</summary>
public sealed class EdgeCaseTests(OpdApp app) : IClassFixture<OpdApp>
{
    private readonly Desk _desk = new(app.CreateClient());

    [Fact]
    public async Task The_seat_of_a_cancelled_emergency_is_not_given_to_an_ordinary_patient()
    {
        var slot = await _desk.NewSlot(capacity: 2);
        await _desk.Issue("book", slot.Id);
        await _desk.Issue("followup", slot.Id);
        var emergency = await _desk.Issue("emergency", slot.Id);
        await _desk.SetStatus(emergency.Id, "Cancelled", "stabilised in casualty");

        var walkIn = await _desk.TryIssue("walkin", slot.Id);
        var nextEmergency = await _desk.TryIssue("emergency", slot.Id);

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Created), (walkIn.StatusCode, nextEmergency.StatusCode));
        var after = await _desk.GetSlot(slot.Id);
        Assert.Equal((3, 3, 0), (after.EffectiveCapacity, after.BookedCount, after.AvailableSeats));
    }

    [Fact]
    public async Task Reallocating_to_a_named_slot_on_another_day_respects_one_token_per_doctor_per_day()
    {
        var doctor = await _desk.Doctor("Endocrinology");
        var monday = await _desk.Slot(doctor.Id, "09:00", "10:00");
        var tuesday = await _desk.Slot(doctor.Id, "09:00", "10:00", date: OpdApp.Day.AddDays(1));
        var onMonday = await _desk.Issue("book", monday.Id);
        var moving = await _desk.Issue("book", tuesday.Id, patientId: onMonday.PatientId);
        await _desk.Client.Post($"/api/slots/{tuesday.Id}/cancel", new { reason = "Doctor on leave" });

        var result = await (await _desk.Client.Post($"/api/tokens/reallocate/{tuesday.Id}", new { targetSlotId = monday.Id })).Read<ReallocationResult>();

        Assert.Empty(result.Moved);
        Assert.Equal([moving.Id], result.NotPlaced.Select(u => u.TokenId));
    }

    [Fact]
    public async Task A_slot_holding_patients_cannot_be_moved_to_another_day_or_time()
    {
        var doctor = await _desk.Doctor();
        var slot = await _desk.Slot(doctor.Id, "09:00", "10:00");
        await _desk.Issue("book", slot.Id);

        var moveDay = await _desk.Client.PutAsJsonAsync($"/api/slots/{slot.Id}", new { doctorId = doctor.Id, date = "2030-01-08", startTime = "09:00", endTime = "10:00" });
        var moveTime = await _desk.Client.PutAsJsonAsync($"/api/slots/{slot.Id}", new { doctorId = doctor.Id, date = "2030-01-07", startTime = "11:00", endTime = "12:00" });

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (moveDay.StatusCode, moveTime.StatusCode));
        Assert.Equal(OpdApp.Day, (await _desk.GetSlot(slot.Id)).Date);
    }

    [Fact]
    public async Task Nobody_is_checked_in_or_called_in_a_cancelled_slot()
    {
        var slot = await _desk.NewSlot();
        var booked = await _desk.Issue("book", slot.Id);
        await _desk.Issue("walkin", slot.Id);
        await _desk.Client.Post($"/api/slots/{slot.Id}/cancel", new { reason = "Doctor unwell" });

        var checkIn = await _desk.Client.PostAsync($"/api/tokens/{booked.Id}/check-in", null);
        var callNext = await _desk.Client.PostAsync($"/api/slots/{slot.Id}/call-next", null);

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (checkIn.StatusCode, callNext.StatusCode));
        Assert.Contains("reallocate", (await checkIn.ReadJson()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Reallocating_into_a_cancelled_slot_is_409_saying_so()
    {
        var doctor = await _desk.Doctor();
        var source = await _desk.Slot(doctor.Id, "09:00", "10:00");
        var cancelled = await _desk.Slot(doctor.Id, "10:00", "11:00");
        await _desk.Issue("walkin", source.Id);
        await _desk.Client.PatchAsync($"/api/slots/{source.Id}/delay?delay_minutes=60", null);
        await _desk.Client.Post($"/api/slots/{cancelled.Id}/cancel", new { reason = "Ward round" });

        var response = await _desk.Client.Post($"/api/tokens/reallocate/{source.Id}", new { targetSlotId = cancelled.Id });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("cancelled", (await response.ReadJson()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_known_patient_id_with_another_name_is_refused_and_renames_no_one()
    {
        var slot = await _desk.NewSlot();
        var other = await _desk.NewSlot(specialization: "ENT");
        var kavya = await _desk.Issue("book", slot.Id, name: "Kavya Rao");

        var typo = await _desk.TryIssue("book", other.Id, patientId: kavya.PatientId, name: "Ramesh Iyer");
        var sameWithOtherSpacing = await _desk.TryIssue("book", other.Id, patientId: kavya.PatientId, name: "kavya  rao");

        Assert.Equal(HttpStatusCode.Conflict, typo.StatusCode);
        Assert.Equal("Kavya Rao", (await typo.ReadJson()).GetProperty("registeredName").GetString());
        Assert.Equal(HttpStatusCode.Created, sameWithOtherSpacing.StatusCode);
        Assert.All((await _desk.Queue(slot.Id)).Tokens, t => Assert.Equal("Kavya Rao", t.PatientName));
    }

    [Fact]
    public async Task Patient_ids_ignore_case_so_the_one_token_rule_cannot_be_dodged()
    {
        var slot = await _desk.NewSlot();
        var booked = await _desk.Issue("book", slot.Id);

        var again = await _desk.TryIssue("walkin", slot.Id, patientId: booked.PatientId.ToLowerInvariant());

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Single(await (await _desk.Client.GetAsync($"/api/tokens/patient/{booked.PatientId.ToLowerInvariant()}")).Read<List<TokenView>>());
    }

    [Fact]
    public async Task A_closed_slot_can_still_be_delayed_and_stays_closed()
    {
        var slot = await _desk.NewSlot();
        var token = await _desk.Issue("walkin", slot.Id);
        await _desk.Client.PostAsync($"/api/slots/{slot.Id}/close", null);

        var delayed = await (await _desk.Client.PatchAsync($"/api/slots/{slot.Id}/delay?delay_minutes=30", null)).Read<SlotView>();

        Assert.Equal((SlotStatus.Closed, 30), (delayed.Status, delayed.DelayMinutes));
        Assert.Equal(new TimeOnly(9, 30), TimeOnly.FromDateTime((await _desk.Token(token.Id)).EstimatedTime!.Value));
    }

    [Fact]
    public async Task A_returning_no_show_who_has_since_got_another_token_with_the_doctor_is_pointed_to_it()
    {
        var doctor = await _desk.Doctor();
        var first = await _desk.Slot(doctor.Id, "09:00", "10:00");
        var second = await _desk.Slot(doctor.Id, "10:00", "11:00");
        var missed = await _desk.Issue("walkin", first.Id);
        await _desk.SetStatus(missed.Id, "NoShow");
        await _desk.Issue("walkin", second.Id, patientId: missed.PatientId);

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
                _desk.Client.PutAsJsonAsync($"/api/doctors/{doctor.Id}", new { name = "Dr. Renamed", specialization = "ENT", opdDays = new[] { "Monday" } }),
                _desk.Client.DeleteAsync($"/api/doctors/{doctor.Id}"));
            codes.AddRange(results.Select(r => r.StatusCode));
        }

        Assert.DoesNotContain(HttpStatusCode.InternalServerError, codes);
        // A refusal is a fair answer to a race: the rename can leave the slot outside the doctor's OPD days.
        Assert.All(codes, c => Assert.Contains(c, new[] { HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.Conflict }));
    }
}

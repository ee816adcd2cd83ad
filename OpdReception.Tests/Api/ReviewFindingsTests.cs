using System.Net.Http.Json;
using System.Net;
using System.Text;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>Hostile and careless requests: each gets a clear 4xx and changes nothing it should not.</summary>
public sealed class ReviewFindingsTests(OpdApp app) : IClassFixture<OpdApp>
{
    private readonly Desk _desk = new(app.CreateClient());

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("Monday,Saturday")]
    [InlineData("Monday, Thursday")]
    [InlineData("3")]
    [InlineData("")]
    public async Task A_day_that_is_not_one_day_name_is_400_and_saves_no_doctor(string day)
    {
        var before = (await (await _desk.Client.GetAsync("/api/doctors")).Read<List<DoctorView>>()).Count;

        var response = await _desk.Client.Post("/api/doctors", new { name = "Dr. X", specialization = "ENT", opdDays = new[] { day } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _desk.Client.GetAsync("/api/doctors")).StatusCode);
        Assert.Equal(before, (await (await _desk.Client.GetAsync("/api/doctors")).Read<List<DoctorView>>()).Count);
    }

    [Theory]
    [InlineData("/api/tokens", """{"slotId":SLOT,"patientName":"Asha"}""", "source")]
    [InlineData("/api/tokens", """{"slotId":SLOT,"source":"WalkIn, Priority","patientName":"Asha"}""", null)]
    [InlineData("/api/tokens/walkin", """{"patientName":"Asha"}""", "slotId")]
    [InlineData("/api/slots", """{"date":"2030-01-07","startTime":"09:00","endTime":"10:00"}""", "doctorId")]
    public async Task Missing_or_combined_values_are_400_not_a_guess(string path, string json, string? field)
    {
        var slot = await _desk.NewSlot();

        var response = await _desk.Client.PostAsync(path, Body(json.Replace("SLOT", slot.Id.ToString())));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        if (field is not null)
        {
            Assert.True((await response.ReadJson()).GetProperty("errors").TryGetProperty(field, out _));
        }

        Assert.Equal(0, (await _desk.GetSlot(slot.Id)).BookedCount);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"status":"Booked, Waiting"}""")]
    [InlineData("""{"status":1}""")]
    public async Task Status_change_without_one_clear_status_is_400_and_changes_nothing(string json)
    {
        var slot = await _desk.NewSlot();
        var token = await _desk.Issue("book", slot.Id);

        var response = await _desk.Client.PatchAsync($"/api/tokens/{token.Id}/status", Body(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(TokenStatus.Booked, (await _desk.Token(token.Id)).Status);
    }

    [Fact]
    public async Task A_request_without_a_body_is_told_it_needs_one()
    {
        var response = await _desk.Client.PostAsync("/api/tokens/walkin", Body(""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("needs a JSON body", (await response.ReadJson()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Wrong_type_is_explained_by_field_not_by_dotnet_type_names()
    {
        var response = await _desk.Client.PostAsync("/api/tokens/walkin", Body("""{"slotId":"nine","patientName":"Asha"}"""));

        var detail = (await response.ReadJson()).GetProperty("detail").GetString();
        Assert.Contains("$.slotId", detail);
        Assert.DoesNotContain("OpdReception", detail);
    }

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
        await _desk.Issue("book", monday.Id, patientId: "MRN-9001");
        var moving = await _desk.Issue("book", tuesday.Id, patientId: "MRN-9001");

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
        await _desk.Issue("book", slot.Id, patientId: "MRN-5005", name: "Kavya Rao");

        var typo = await _desk.TryIssue("book", other.Id, patientId: "MRN-5005", name: "Ramesh Iyer");
        var sameWithOtherSpacing = await _desk.TryIssue("book", other.Id, patientId: "MRN-5005", name: "kavya  rao");

        Assert.Equal(HttpStatusCode.Conflict, typo.StatusCode);
        Assert.Equal("Kavya Rao", (await typo.ReadJson()).GetProperty("registeredName").GetString());
        Assert.Equal(HttpStatusCode.Created, sameWithOtherSpacing.StatusCode);
        Assert.All((await _desk.Queue(slot.Id)).Tokens, t => Assert.Equal("Kavya Rao", t.PatientName));
    }

    [Fact]
    public async Task Patient_ids_ignore_case_so_the_one_token_rule_cannot_be_dodged()
    {
        var slot = await _desk.NewSlot();
        await _desk.Issue("book", slot.Id, patientId: "mrn-6006");

        var again = await _desk.TryIssue("walkin", slot.Id, patientId: "MRN-6006");

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Single(await (await _desk.Client.GetAsync("/api/tokens/patient/Mrn-6006")).Read<List<TokenView>>());
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
}

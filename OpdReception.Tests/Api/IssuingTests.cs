using System.Net;
using System.Text.Json;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

public sealed class IssuingTests(OpdApp app) : IClassFixture<OpdApp>
{
    private readonly Desk _desk = new(app.CreateClient());

    [Theory]
    [InlineData("book", TokenSource.Online, TokenStatus.Booked, 200)]
    [InlineData("walkin", TokenSource.WalkIn, TokenStatus.Waiting, 100)]
    [InlineData("priority", TokenSource.Priority, TokenStatus.Waiting, 500)]
    [InlineData("followup", TokenSource.FollowUp, TokenStatus.Booked, 300)]
    [InlineData("emergency", TokenSource.Emergency, TokenStatus.Waiting, 1000)]
    public async Task Each_source_endpoint_issues_its_kind_of_token(string path, TokenSource source, TokenStatus status, int score)
    {
        var slot = await _desk.NewSlot();

        var token = await _desk.Issue(path, slot.Id);

        Assert.Equal((source, status, score, "T001", 1), (token.Source, token.Status, token.PriorityScore, token.TokenNumber, token.Position));
        Assert.Equal(slot.DoctorId, token.DoctorId);
        Assert.Equal(OpdApp.Day.ToDateTime(new TimeOnly(9, 0)), token.EstimatedTime);
    }

    [Fact]
    public async Task Token_numbers_follow_issue_order_while_positions_follow_priority()
    {
        var slot = await _desk.NewSlot();
        var walkIn = await _desk.Issue("walkin", slot.Id);
        var online = await _desk.Issue("book", slot.Id);
        var priority = await _desk.Issue("priority", slot.Id);

        var queue = await _desk.Queue(slot.Id);

        Assert.Equal(["T001", "T002", "T003"], new[] { walkIn, online, priority }.Select(t => t.TokenNumber));
        Assert.Equal([priority.Id, online.Id, walkIn.Id], queue.Tokens.Select(t => t.Id));
        Assert.Equal([1, 2, 3], queue.Tokens.Select(t => t.Position!.Value));
        Assert.Equal(["09:00", "09:10", "09:20"], queue.Tokens.Select(t => t.EstimatedTime!.Value.ToString("HH:mm")));
        var walkInAlone = await _desk.Token(walkIn.Id);
        Assert.Equal((3, "09:20"), (walkInAlone.Position, walkInAlone.EstimatedTime!.Value.ToString("HH:mm")));
    }

    [Fact]
    public async Task Full_slot_refuses_with_409_and_offers_the_next_slot_with_room()
    {
        var doctor = await _desk.Doctor();
        var full = await _desk.Slot(doctor.Id, "09:00", "10:00", capacity: 1);
        var alsoFull = await _desk.Slot(doctor.Id, "10:00", "11:00", capacity: 1);
        var next = await _desk.Slot(doctor.Id, "11:00", "12:00", capacity: 1);
        await _desk.Issue("walkin", full.Id);
        await _desk.Issue("walkin", alsoFull.Id);

        var refused = await _desk.TryIssue("book", full.Id);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.ReadJson();
        Assert.Equal("SlotFull", problem.GetProperty("refusal").GetString());
        Assert.Equal(next.Id, problem.GetProperty("alternativeSlotId").GetInt32());
        Assert.Contains("11:00", problem.GetProperty("detail").GetString());
        Assert.Equal(1, (await _desk.GetSlot(full.Id)).BookedCount);
    }

    [Fact]
    public async Task Emergency_in_full_slot_extends_capacity_by_one_and_goes_first()
    {
        var slot = await _desk.NewSlot(capacity: 2);
        await _desk.Issue("walkin", slot.Id);
        await _desk.Issue("book", slot.Id);

        var emergency = await _desk.Issue("emergency", slot.Id);

        var after = await _desk.GetSlot(slot.Id);
        Assert.Equal((2, 3, 1, 3), (after.MaxCapacity, after.EffectiveCapacity, after.EmergencyExtensions, after.BookedCount));
        Assert.Equal(1, emergency.Position);
        var history = (await _desk.Token(emergency.Id)).History!;
        Assert.Equal("IssuedOnExtraSeat", history.Single().Action);
        Assert.Contains("from 2 to 3", history.Single().Reason);
        Assert.Equal(HttpStatusCode.Conflict, (await _desk.TryIssue("walkin", slot.Id)).StatusCode);
    }

    [Fact]
    public async Task Second_active_token_with_the_same_doctor_that_day_is_refused_naming_the_first()
    {
        var doctor = await _desk.Doctor();
        var morning = await _desk.Slot(doctor.Id, "09:00", "10:00");
        var later = await _desk.Slot(doctor.Id, "11:00", "12:00");
        var first = await _desk.Issue("book", morning.Id);

        var second = await _desk.TryIssue("walkin", later.Id, patientId: first.PatientId);

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = await second.ReadJson();
        Assert.Equal(first.Id, problem.GetProperty("existingTokenId").GetInt32());
        Assert.Contains("T001", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_cancelled_token_lets_the_patient_book_again()
    {
        var slot = await _desk.NewSlot();
        var first = await _desk.Issue("book", slot.Id);
        (await _desk.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/tokens/{first.Id}/cancel")
        {
            Content = JsonContent(new { reason = "Patient rescheduled" }),
        })).EnsureSuccessStatusCode();

        var again = await _desk.Issue("book", slot.Id, patientId: first.PatientId);

        Assert.Equal("T002", again.TokenNumber);
    }

    [Fact]
    public async Task Same_patient_may_hold_tokens_with_two_different_doctors()
    {
        var cardiology = await _desk.NewSlot();
        var orthopedics = await _desk.NewSlot(specialization: "Orthopedics");

        var cardiologyBooking = await _desk.Issue("book", cardiology.Id);
        var second = await _desk.TryIssue("book", orthopedics.Id, patientId: cardiologyBooking.PatientId);

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
    }

    [Fact]
    public async Task Walk_in_without_hospital_id_gets_a_generated_one()
    {
        var slot = await _desk.NewSlot();

        var response = await _desk.Client.Post("/api/tokens/walkin", new { slotId = slot.Id, patientName = "Ravi Kumar" });

        var token = await response.Read<TokenView>();
        Assert.True(HospitalNumberPattern.Default.IsWellFormed(token.PatientId), token.PatientId);
        Assert.Equal("Ravi Kumar", token.PatientName);
    }

    [Theory]
    [InlineData("""{"slotId":SLOT,"patientName":"","phoneNumber":"+911234567"}""", "patientName")]
    [InlineData("""{"slotId":SLOT,"phoneNumber":"+911234567"}""", "patientName")]
    [InlineData("""{"slotId":SLOT,"patientName":"Asha","phoneNumber":"call me"}""", "phoneNumber")]
    [InlineData("""{"slotId":SLOT,"patientName":"Asha","phoneNumber":"12"}""", "phoneNumber")]
    public async Task Invalid_patient_details_get_400_naming_the_field_and_issue_nothing(string body, string field)
    {
        var slot = await _desk.NewSlot();

        var response = await _desk.Client.PostAsync("/api/tokens/walkin", JsonText(body.Replace("SLOT", slot.Id.ToString())));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJson()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(0, (await _desk.GetSlot(slot.Id)).BookedCount);
    }

    [Theory]
    [InlineData("""{"slotId":SLOT,"source":"Vip","patientName":"Asha"}""")]
    [InlineData("""{"slotId":SLOT,"source":4,"patientName":"Asha"}""")]
    [InlineData("""{"slotId":"nine","source":"WalkIn","patientName":"Asha"}""")]
    [InlineData("""{"slotId":SLOT,"source":"WalkIn","patientName":""")]
    [InlineData("not json at all")]
    public async Task Malformed_or_unknown_values_get_400_problem_details(string body)
    {
        var slot = await _desk.NewSlot();

        var response = await _desk.Client.PostAsync("/api/tokens", JsonText(body.Replace("SLOT", slot.Id.ToString())));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, (await _desk.GetSlot(slot.Id)).BookedCount);
    }

    [Fact]
    public async Task Generic_endpoint_issues_the_named_source()
    {
        var slot = await _desk.NewSlot();

        var response = await _desk.Client.Post("/api/tokens", new { slotId = slot.Id, source = "FollowUp", patientName = "Meena" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(TokenSource.FollowUp, (await response.Read<TokenView>()).Source);
        Assert.EndsWith($"/api/tokens/{(await _desk.Queue(slot.Id)).Tokens.Single().Id}", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Unknown_slot_gets_404()
    {
        var response = await _desk.TryIssue("walkin", 999_999);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Cancelled_slot_issues_no_tokens_not_even_emergencies()
    {
        var slot = await _desk.NewSlot();
        (await _desk.Client.Post($"/api/slots/{slot.Id}/cancel", new { reason = "Doctor on leave" })).EnsureSuccessStatusCode();

        var walkIn = await _desk.TryIssue("walkin", slot.Id);
        var emergency = await _desk.TryIssue("emergency", slot.Id);

        Assert.Equal(HttpStatusCode.Conflict, walkIn.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, emergency.StatusCode);
        Assert.Equal("SlotNotTakingTokens", (await emergency.ReadJson()).GetProperty("refusal").GetString());
    }

    [Fact]
    public async Task Tokens_of_a_patient_are_listed_newest_first()
    {
        var first = await _desk.NewSlot();
        var second = await _desk.NewSlot(specialization: "Dermatology");
        var booking = await _desk.Issue("book", first.Id);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await _desk.Issue("followup", second.Id, patientId: booking.PatientId);

        var tokens = await (await _desk.Client.GetAsync($"/api/tokens/patient/{booking.PatientId}")).Read<List<TokenView>>();

        Assert.Equal([second.Id, first.Id], tokens.Select(t => t.SlotId));
    }

    private static StringContent JsonText(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private static StringContent JsonContent(object value) => JsonText(JsonSerializer.Serialize(value, Json.Options));
}

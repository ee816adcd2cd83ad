using System.Net;
using System.Net.Http.Json;
using System.Text;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>Careless and hostile requests: each gets a clear 400 and changes nothing.</summary>
public sealed class BadInputTests(OpdApp app) : IClassFixture<OpdApp>
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
}

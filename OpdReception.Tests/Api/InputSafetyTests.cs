using System.Net;
using System.Text;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>Issue 6, defects 5 and 9: nothing a client sends is dropped silently, hides itself, or comes back whole in an error.</summary>
public sealed class InputSafetyTests(OpdApp app) : IClassFixture<OpdApp>
{
    private readonly Desk _desk = new(app.CreateClient());

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<HttpResponseMessage> Send(string method, string path, string json) =>
        await _desk.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Body(json) });

    [Fact]
    public async Task The_references_opd_days_spelling_keeps_its_days()
    {
        var response = await _desk.Client.PostAsync("/api/doctors", Body("""{"name":"Dr. Sharma","specialization":"Cardiology","opd_days":["Monday","Wednesday","Friday"],"room":"101"}"""));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday], (await response.Read<DoctorView>()).OpdDays);
    }

    [Fact]
    public async Task Both_spellings_of_opd_days_at_once_are_400()
    {
        var response = await _desk.Client.PostAsync("/api/doctors", Body("""{"name":"Dr. Sharma","specialization":"Cardiology","opdDays":["Monday"],"opd_days":["Friday"]}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJson()).GetProperty("errors").TryGetProperty("opdDays", out _));
    }

    [Theory]
    [InlineData("POST", "/api/doctors", """{"name":"Dr. Typo","specialization":"ENT","opdDay":["Monday"],"rooom":"1"}""")]
    [InlineData("PUT", "/api/doctors/DOC", """{"name":"Dr. Typo","specialization":"ENT","opdDay":["Monday"],"rooom":"1"}""")]
    [InlineData("POST", "/api/slots", """{"doctorId":DOC,"date":"2030-01-07","startTime":"15:00","endTime":"16:00","opdDay":1,"rooom":2}""")]
    [InlineData("PUT", "/api/slots/SLOT", """{"doctorId":DOC,"date":"2030-01-07","startTime":"09:00","endTime":"10:00","opdDay":1,"rooom":2}""")]
    [InlineData("POST", "/api/tokens/walkin", """{"slotId":SLOT,"patientName":"Asha","opdDay":1,"rooom":2}""")]
    [InlineData("POST", "/api/tokens", """{"slotId":SLOT,"source":"WalkIn","patientName":"Asha","opdDay":1,"rooom":2}""")]
    [InlineData("POST", "/api/slots/SLOT/cancel", """{"reason":"Leave","opdDay":1,"rooom":2}""")]
    [InlineData("POST", "/api/tokens/reallocate/SLOT", """{"targetSlotId":SLOT,"opdDay":1,"rooom":2}""")]
    public async Task Unknown_members_in_any_body_are_400_naming_each_and_change_nothing(string method, string path, string json)
    {
        var doctor = await _desk.Doctor("ENT", "Dr. Before");
        var slot = await _desk.Slot(doctor.Id);

        var response = await Send(method, path.Replace("DOC", doctor.Id.ToString()).Replace("SLOT", slot.Id.ToString()),
            json.Replace("DOC", doctor.Id.ToString()).Replace("SLOT", slot.Id.ToString()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJson();
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("\"opdDay\"", detail);
        Assert.Contains("\"rooom\"", detail);
        Assert.True(problem.GetProperty("errors").TryGetProperty("rooom", out _));
        Assert.DoesNotContain("OpdReception", detail);
        Assert.Equal("Dr. Before", (await (await _desk.Client.GetAsync($"/api/doctors/{doctor.Id}")).Read<DoctorView>()).Name);
        var after = await _desk.GetSlot(slot.Id);
        Assert.Equal((0, SlotStatus.Open, new TimeOnly(9, 0)), (after.BookedCount, after.Status, after.StartTime));
    }

    [Fact]
    public async Task Status_and_cancel_bodies_refuse_unknown_members_too()
    {
        var slot = await _desk.NewSlot();
        var token = await _desk.Issue("walkin", slot.Id);

        var status = await Send("PATCH", $"/api/tokens/{token.Id}/status", """{"status":"Cancelled","reasn":"typo"}""");
        var cancel = await Send("DELETE", $"/api/tokens/{token.Id}/cancel", """{"reasn":"typo"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, cancel.StatusCode);
        Assert.Equal(TokenStatus.Waiting, (await _desk.Token(token.Id)).Status);
    }

    public static TheoryData<string, string> HiddenCharacters => new()
    {
        { "NUL", "Asha\u0000Verma" },
        { "tab", "Asha\tVerma" },
        { "bell", "\u0007\u0007" },
        { "right-to-left override", "Asha\u202EamreV" },
        { "isolate", "\u2066Asha\u2069" },
    };

    [Theory]
    [MemberData(nameof(HiddenCharacters))]
    public async Task Hidden_or_reordering_characters_are_refused_in_every_text_field(string what, string text)
    {
        var doctor = await _desk.Doctor();
        var slot = await _desk.Slot(doctor.Id);
        var token = await _desk.Issue("walkin", slot.Id);
        var quoted = System.Text.Json.JsonSerializer.Serialize(text);

        HttpResponseMessage[] responses =
        [
            await _desk.Client.PostAsync("/api/doctors", Body($$"""{"name":{{quoted}},"specialization":"ENT"}""")),
            await _desk.Client.PostAsync("/api/doctors", Body($$"""{"name":"Dr. A","specialization":{{quoted}}}""")),
            await _desk.Client.PostAsync("/api/doctors", Body($$"""{"name":"Dr. A","specialization":"ENT","room":{{quoted}}}""")),
            await _desk.Client.PostAsync("/api/tokens/walkin", Body($$"""{"slotId":{{slot.Id}},"patientName":{{quoted}}}""")),
            await _desk.Client.PostAsync("/api/tokens/walkin", Body($$"""{"slotId":{{slot.Id}},"patientName":"Asha","patientId":{{quoted}}}""")),
            await _desk.Client.PostAsync($"/api/slots/{slot.Id}/cancel", Body($$"""{"reason":{{quoted}}}""")),
            await Send("DELETE", $"/api/tokens/{token.Id}/cancel", $$"""{"reason":{{quoted}}}"""),
            await Send("PATCH", $"/api/tokens/{token.Id}/status", $$"""{"status":"Cancelled","reason":{{quoted}}}"""),
        ];

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.All(responses, r => Assert.DoesNotContain(text, r.Content.ReadAsStringAsync().Result, StringComparison.Ordinal));
        Assert.Equal((1, SlotStatus.Open), ((await _desk.GetSlot(slot.Id)).BookedCount, (await _desk.GetSlot(slot.Id)).Status));
        Assert.Equal(TokenStatus.Waiting, (await _desk.Token(token.Id)).Status);
        Assert.DoesNotContain((await (await _desk.Client.GetAsync("/api/doctors")).Read<List<DoctorView>>()), d => d.Name == "Dr. A");
        Assert.NotEmpty(what);
    }

    [Theory]
    [InlineData("आशा वर्मा", "हृदय रोग")]            // Devanagari, with conjuncts
    [InlineData("ஆஷா வர்மா", "இதயவியல்")]           // Tamil
    [InlineData("آشا ورما", "أمراض القلب")]          // Arabic
    [InlineData("আশা ভার্মা", "হৃদরোগ")]              // Bengali
    public async Task Every_script_round_trips_intact(string name, string specialization)
    {
        var doctor = await (await _desk.Client.Post("/api/doctors", new { name = "डॉ. " + name, specialization, opdDays = Enum.GetNames<DayOfWeek>(), room = "१०१" })).Read<DoctorView>();
        var slot = await _desk.Slot(doctor.Id);

        var token = await _desk.Issue("walkin", slot.Id, name: name);

        Assert.Equal(("डॉ. " + name, specialization, "१०१"), (doctor.Name, doctor.Specialization, doctor.Room));
        Assert.Equal(name, (await _desk.Token(token.Id)).PatientName);
        Assert.Equal(name, (await _desk.Queue(slot.Id)).Tokens.Single().PatientName);
    }

    [Theory]
    [InlineData("/api/slots?date=31-12-2030", "date", "YYYY-MM-DD")]
    [InlineData("/api/slots?doctorId=twelve", "doctorId", "whole number")]
    [InlineData("/api/slots/doctor/1/available", "date", "YYYY-MM-DD")]
    [InlineData("/api/slots/doctor/1/available?date=tomorrow", "date", "YYYY-MM-DD")]
    public async Task Query_values_of_the_wrong_kind_are_explained_in_plain_words(string url, string field, string words)
    {
        var response = await _desk.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(words, body);
        Assert.True((await response.ReadJson()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.DoesNotContain("Nullable", body);
        Assert.DoesNotContain("DateOnly", body);
        Assert.DoesNotContain("Int32", body);
    }

    [Theory]
    [InlineData("/api/tokens/walkin", """{"slotId":"nine","patientName":"Asha"}""", "slotId", "whole number")]
    [InlineData("/api/tokens/walkin", """{"slotId":99999999999,"patientName":"Asha"}""", "slotId", "whole number")]
    [InlineData("/api/slots", """{"doctorId":1,"date":"2030-02-30","startTime":"09:00","endTime":"10:00"}""", "date", "YYYY-MM-DD")]
    [InlineData("/api/slots", """{"doctorId":1,"date":"2030-01-07","startTime":"25:00","endTime":"10:00"}""", "startTime", "HH:mm")]
    [InlineData("/api/slots", """{"doctorId":1,"date":"2030-01-07","startTime":"09:00","endTime":"10:00","extraSession":"yes"}""", "extraSession", "true or false")]
    [InlineData("/api/doctors", """{"name":"Dr. A","specialization":"ENT","opdDays":"Monday"}""", "opdDays", "list")]
    public async Task Body_values_of_the_wrong_kind_are_explained_in_plain_words(string path, string json, string field, string words)
    {
        var response = await _desk.Client.PostAsync(path, Body(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(words, body);
        Assert.True((await response.ReadJson()).GetProperty("errors").TryGetProperty(field, out _), body);
        Assert.DoesNotContain("System.", body);
        Assert.DoesNotContain("Nullable", body);
    }

    [Fact]
    public async Task Delay_minutes_that_are_not_a_number_or_too_big_are_400_in_plain_words()
    {
        var slot = await _desk.NewSlot();

        var words = await _desk.Client.PatchAsync($"/api/slots/{slot.Id}/delay?delay_minutes=ten", null);
        var huge = await _desk.Client.PatchAsync($"/api/slots/{slot.Id}/delay?delay_minutes=99999999999", null);

        Assert.Equal(HttpStatusCode.BadRequest, words.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.Contains("whole number", await words.Content.ReadAsStringAsync());
        Assert.True((await words.ReadJson()).GetProperty("errors").TryGetProperty("delay_minutes", out _));
        Assert.DoesNotContain("Int32", await huge.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/doctors", """{"name":"Dr. A","specialization":"ENT","opdDays":["LONG"]}""")]
    [InlineData("/api/slots", """{"doctorId":1,"date":"2030-01-07","startTime":"LONG","endTime":"10:00"}""")]
    [InlineData("/api/slots", """{"doctorId":1,"date":"LONG","startTime":"09:00","endTime":"10:00"}""")]
    [InlineData("/api/tokens", """{"slotId":1,"source":"LONG","patientName":"Asha"}""")]
    [InlineData("/api/tokens/walkin", """{"slotId":1,"patientName":"Asha","LONG":1}""")]
    [InlineData("/api/tokens/walkin", """{"slotId":1,"patientName":"LONG"}""")]
    public async Task An_error_never_echoes_more_than_a_short_excerpt_of_the_input(string path, string json)
    {
        var longInput = "Z" + new string('x', 5000);

        var response = await _desk.Client.PostAsync(path, Body(json.Replace("LONG", longInput)));

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{response.StatusCode}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(new string('x', 100), body);
        Assert.True(body.Length < 1500, body[..Math.Min(body.Length, 300)]);
    }
}

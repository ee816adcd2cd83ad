using System.Net;
using System.Net.Http.Json;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>The patient's language, email and "no messages" over the API and a real SQLite file: issued, corrected, erased, merged.</summary>
public sealed class PatientContactApiTests(OpdApp app) : IClassFixture<OpdApp>
{
    private static int _phones;
    private readonly Desk _desk = new(app.CreateClient());

    private static string NewPhone() => $"+91 96{Interlocked.Increment(ref _phones):000 00000}";

    private Task<HttpResponseMessage> Walk(object body) => _desk.Client.Post("/api/tokens/walkin", body);

    private async Task<PatientRecordView> Record(string id) => await (await _desk.Client.GetAsync($"/api/patients/{id}")).Read<PatientRecordView>();

    private Task<HttpResponseMessage> Put(string id, object body) => _desk.Client.PutAsJsonAsync($"/api/patients/{id}", body, Json.Options);

    private static async Task<string[]> ErrorFields(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.ReadJson();
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return body.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ToArray();
    }

    [Fact]
    public async Task A_new_patient_issued_with_language_email_and_no_messages_keeps_them_on_the_record()
    {
        var slot = await _desk.NewSlot();

        var response = await Walk(new
        {
            slotId = slot.Id, patientName = "Kavya Raman", phoneNumber = NewPhone(), language = "ta", email = " Kavya.Raman@Example.IN ", messagesOptOut = true,
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var record = await Record((await response.Read<TokenView>()).PatientId);
        Assert.Equal(("ta", "Kavya.Raman@example.in", true), (record.Language, record.Email, record.MessagesOptOut));
        Assert.Contains("messages turned off at the desk", Assert.Single(record.History, h => h.Action == "Created").Details);
    }

    [Fact]
    public async Task A_new_patient_issued_without_them_follows_the_hospitals_default_and_gets_messages()
    {
        var response = await Walk(new { slotId = (await _desk.NewSlot()).Id, patientName = "Suresh Babu", phoneNumber = NewPhone() });

        var record = await Record((await response.Read<TokenView>()).PatientId);
        Assert.Equal((null, null, false), (record.Language, record.Email, record.MessagesOptOut));
    }

    [Theory]
    [InlineData("fr", null, "language")]
    [InlineData("Telugu", null, "language")]
    [InlineData(null, "kavya.example.in", "email")]
    [InlineData(null, "Kavya <kavya@example.in>", "email")]
    [InlineData("xx", "no-at-sign", "email,language")]
    public async Task An_unknown_language_or_a_wrong_email_is_refused_naming_the_field_and_issues_nothing(string? language, string? email, string fields)
    {
        var slot = await _desk.NewSlot();

        var response = await Walk(new { slotId = slot.Id, patientName = "Refused Patient", phoneNumber = NewPhone(), language, email });

        Assert.Equal(fields.Split(','), await ErrorFields(response));
        Assert.Empty((await _desk.Queue(slot.Id)).Tokens);
    }

    [Fact]
    public async Task Issuing_to_a_patient_on_record_fills_only_what_the_record_lacks_with_a_history_line()
    {
        var first = await (await Walk(new { slotId = (await _desk.NewSlot()).Id, patientName = "Leela Menon", phoneNumber = NewPhone() })).Read<TokenView>();

        var second = await Walk(new
        {
            slotId = (await _desk.NewSlot()).Id, patientId = first.PatientId, patientName = "Leela Menon", language = "hi", email = "leela@example.in",
            messagesOptOut = true,
        });
        var third = await Walk(new
        {
            slotId = (await _desk.NewSlot()).Id, patientId = first.PatientId, patientName = "Leela Menon", language = "ta", email = "other@example.in",
        });

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (second.StatusCode, third.StatusCode));
        var record = await Record(first.PatientId);
        Assert.Equal(("hi", "leela@example.in", true), (record.Language, record.Email, record.MessagesOptOut));
        Assert.Contains(record.History, h => h.Details == "Language set to हिन्दी; Email set to leela@example.in; Messages turned off at the desk");
    }

    [Fact]
    public async Task A_correction_writes_each_change_and_leaves_what_an_older_caller_does_not_send()
    {
        var token = await (await Walk(new { slotId = (await _desk.NewSlot()).Id, patientName = "Meera Pillai", phoneNumber = NewPhone() })).Read<TokenView>();
        var phone = (await Record(token.PatientId)).Phone;

        var turnedOff = await Put(token.PatientId, new { name = "Meera Pillai", phone, language = "ta", email = "meera@example.in", messagesOptOut = true });
        var older = await Put(token.PatientId, new { name = "Meera Pillai", phone, address = "4 Temple Road" });

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (turnedOff.StatusCode, older.StatusCode));
        var record = await Record(token.PatientId);
        Assert.Equal(("ta", "meera@example.in", true), (record.Language, record.Email, record.MessagesOptOut));
        var edits = record.History.Where(h => h.Action == "Edited").Select(h => h.Details).ToList();
        Assert.Contains("Messages turned off at the desk", edits);
        Assert.Contains("Language: (none) → தமிழ்", edits);
        Assert.Contains("Email: (none) → meera@example.in", edits);

        Assert.Equal(HttpStatusCode.OK, (await Put(token.PatientId, new { name = "Meera Pillai", phone, email = "", messagesOptOut = false })).StatusCode);
        record = await Record(token.PatientId);
        Assert.Equal(("ta", null, false), (record.Language, record.Email, record.MessagesOptOut));
        Assert.Contains(record.History, h => h.Details == "Messages turned on at the desk");
    }

    [Fact]
    public async Task A_correction_with_a_wrong_language_or_email_is_refused_by_field_and_changes_nothing()
    {
        var token = await (await Walk(new { slotId = (await _desk.NewSlot()).Id, patientName = "Gopal Rao", phoneNumber = NewPhone(), email = "gopal@example.in" })).Read<TokenView>();

        var response = await Put(token.PatientId, new { name = "Gopal Rao", language = "de", email = "gopal@" });

        Assert.Equal(["email", "language"], await ErrorFields(response));
        Assert.Equal("gopal@example.in", (await Record(token.PatientId)).Email);
    }

    [Fact]
    public async Task Erasing_a_patient_clears_the_email_and_stops_messages()
    {
        var token = await (await Walk(new { slotId = (await _desk.NewSlot()).Id, patientName = "Anil Kumar", phoneNumber = NewPhone(), email = "anil@example.in", language = "hi" })).Read<TokenView>();

        var response = await _desk.Client.Post($"/api/patients/{token.PatientId}/erase", new { reason = "Asked by the patient at the desk" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = await Record(token.PatientId);
        Assert.Equal((null, null, true), (record.Email, record.Language, record.MessagesOptOut));
    }

    [Fact]
    public async Task A_merge_keeps_the_kept_records_details_takes_what_it_lacks_and_keeps_a_no_messages()
    {
        var keep = await (await Walk(new { slotId = (await _desk.NewSlot()).Id, patientName = "Ravi Shankar", phoneNumber = NewPhone(), language = "ta" })).Read<TokenView>();
        var from = await (await Walk(new
        {
            slotId = (await _desk.NewSlot()).Id, patientName = "Ravi Shankar", phoneNumber = NewPhone(), newPatient = true, language = "hi", email = "ravi@example.in",
            messagesOptOut = true,
        })).Read<TokenView>();

        var response = await _desk.Client.Post($"/api/patients/{keep.PatientId}/merge", new { from = from.PatientId, reason = "Registered twice" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = await Record(keep.PatientId);
        Assert.Equal(("ta", "ravi@example.in", true), (record.Language, record.Email, record.MessagesOptOut));
        Assert.Contains("Taken from it: email ravi@example.in, no messages.", Assert.Single(record.History, h => h.Action == "MergedFrom").Details);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OpdReception.Domain;
using OpdReception.Security;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>The desk's patient record over the API and a real SQLite file: read, corrected with history, merged.</summary>
public sealed class PatientRecordTests(OpdApp app) : IClassFixture<OpdApp>
{
    private readonly Desk _desk = new(app.CreateClient());

    private HttpClient Client => _desk.Client;

    private async Task<PatientRecordView> Record(string id)
    {
        var response = await Client.GetAsync($"/api/patients/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Read<PatientRecordView>();
    }

    private Task<HttpResponseMessage> Put(string id, object body) => Client.PutAsJsonAsync($"/api/patients/{id}", body, Json.Options);

    private Task<HttpResponseMessage> Merge(string keep, object body) => Client.Post($"/api/patients/{keep}/merge", body);

    private async Task<(string Id, TokenView Token)> PatientWithToken(string name, string kind = "walkin", int? slotId = null)
    {
        var token = await _desk.Issue(kind, slotId ?? (await _desk.NewSlot()).Id, name: name);
        return (token.PatientId, token);
    }

    private static object Details(string name, string? phone = "+91 98111 22334", string? sex = "Female", int? age = 40, string? address = null,
        string? abhaNumber = null, string? abhaAddress = null, string? birthDate = null) =>
        new { name, phone, sex, age, birthDate, address, abhaNumber, abhaAddress };

    private static async Task<string[]> ErrorFields(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.ReadJson();
        return body.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ToArray();
    }

    [Fact]
    public async Task The_record_has_todays_tokens_with_their_state_and_the_visits_of_other_days()
    {
        var doctor = await _desk.Doctor(name: "Dr. Record Reader");
        var today = await _desk.Slot(doctor.Id, "09:00", "10:00");
        var tomorrow = await _desk.Slot(doctor.Id, "09:00", "10:00", date: OpdApp.Day.AddDays(1));
        var (id, walkIn) = await PatientWithToken("Rekha Recorded", slotId: today.Id);
        await _desk.Issue("book", tomorrow.Id, id, "Rekha Recorded");

        var record = await Record(id.ToLowerInvariant());

        Assert.Equal(id, record.Id);
        Assert.Equal("Rekha Recorded", record.Name);
        var token = Assert.Single(record.Today);
        Assert.Equal((walkIn.Id, TokenStatus.Waiting, 1), (token.Id, token.Status, token.Position));
        var ahead = Assert.Single(record.OtherDays);
        Assert.Equal((OpdApp.Day.AddDays(1), "Dr. Record Reader", "T001", TokenStatus.Booked), (ahead.Date, ahead.DoctorName, ahead.TokenNumber, ahead.Outcome));
        Assert.Null(record.MergedIntoId);
    }

    [Fact]
    public async Task An_edit_writes_one_history_line_per_field_changed_and_the_same_form_saved_again_writes_none()
    {
        var (id, _) = await PatientWithToken("Sunita Edit");

        var response = await Put(id, Details("Sunita Edith", sex: "Female", age: 40, address: "4 Park Street, Kolkata", abhaNumber: "12-3456-7890-1234", abhaAddress: "sunita@abdm"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var edited = await response.Read<PatientRecordView>();
        Assert.Equal(("Sunita Edith", Sex.Female, 40, true, "12345678901234"), (edited.Name, edited.Sex, edited.Age, edited.BirthDateIsApproximate, edited.AbhaNumber));
        var lines = edited.History.Select(h => h.Details).ToList();
        Assert.Contains("Name: Sunita Edit → Sunita Edith", lines);
        Assert.Contains("Sex: (none) → Female", lines);
        Assert.Contains("Address: (none) → 4 Park Street, Kolkata", lines);
        Assert.Contains("ABHA number: (none) → 12-3456-7890-1234", lines);
        Assert.Equal(7, edited.History.Count(h => (h.Action, h.By) == ("Edited", "Test Admin")));

        var again = await (await Put(id, Details("Sunita Edith", sex: "Female", age: 40, address: "4 Park Street, Kolkata", abhaNumber: "12345678901234", abhaAddress: "sunita@abdm"))).Read<PatientRecordView>();
        Assert.Equal(edited.History.Count, again.History.Count);
        Assert.Equal(edited.BirthDate, again.BirthDate);
    }

    [Fact]
    public async Task A_bad_edit_names_every_field_wrong_and_changes_nothing()
    {
        var (id, _) = await PatientWithToken("Bad Edit Bose");

        var fields = await ErrorFields(await Put(id, new
        {
            name = " ", phone = "12", sex = "Female", age = 130, birthDate = (string?)null, address = "ok", abhaNumber = "1234", abhaAddress = "no at sign",
        }));
        Assert.Equal(["abhaAddress", "abhaNumber", "age", "name", "phone"], fields);
        Assert.Equal(["age"], await ErrorFields(await Put(id, Details("Bad Edit Bose", age: 30, birthDate: "1990-01-01"))));
        Assert.Equal(["birthDate"], await ErrorFields(await Put(id, Details("Bad Edit Bose", age: null, birthDate: OpdApp.Day.AddDays(1).ToString("yyyy-MM-dd")))));
        Assert.Equal(["address"], await ErrorFields(await Put(id, Details("Bad Edit Bose", address: "Flat 2\u202E, Pune"))));
        var sexWord = await Put(id, Details("Bad Edit Bose", sex: "Unknown"));
        Assert.Equal(HttpStatusCode.BadRequest, sexWord.StatusCode);
        Assert.Contains("sex", await sexWord.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        var record = await Record(id);
        Assert.Equal(("Bad Edit Bose", (Sex?)null), (record.Name, record.Sex));
        Assert.Equal(["Created"], record.History.Select(h => h.Action));
    }

    [Fact]
    public async Task An_unknown_record_is_not_found_and_never_made()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/api/patients/NOSUCH-1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Put("NOSUCH-1", Details("Nobody"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/api/patients/NOSUCH-1")).StatusCode);
    }

    [Fact]
    public async Task A_merge_moves_tokens_and_history_to_the_record_kept_and_both_keep_an_audit_line()
    {
        var (keep, keptToken) = await PatientWithToken("Mohammed Rafi");
        var (from, movedToken) = await PatientWithToken("Mohd Rafi");
        Assert.Equal(HttpStatusCode.OK, (await Put(from, Details("Mohd Rafi", phone: "+91 90000 12345"))).StatusCode);

        var response = await Merge(keep.ToLowerInvariant(), new { from, reason = "Same man, registered twice at two desks" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var kept = await response.Read<PatientRecordView>();
        Assert.Equal([keptToken.Id, movedToken.Id], kept.Today.Select(t => t.Id).Order());
        Assert.Contains(kept.History, h => h.Details == "Phone: +91 98765 43210 → +91 90000 12345");
        var audit = Assert.Single(kept.History, h => h.Action == "MergedFrom");
        Assert.Contains($"{from} (Mohd Rafi) merged into this record: Same man, registered twice at two desks", audit.Details);

        var merged = await Record(from);
        Assert.Equal(keep, merged.MergedIntoId);
        Assert.Empty(merged.Today);
        var line = Assert.Single(merged.History);
        Assert.Equal(("MergedInto", $"Merged into {keep} (Mohammed Rafi): Same man, registered twice at two desks."), (line.Action, line.Details));
        Assert.Equal(keep, (await _desk.Token(movedToken.Id)).PatientId);
        Assert.Empty(await Client.GetFromJsonAsync<TokenView[]>($"/api/tokens/patient/{from}", Json.Options) ?? []);
    }

    [Fact]
    public async Task A_merge_is_refused_with_the_field_named_and_changes_nothing()
    {
        var (keep, _) = await PatientWithToken("Refusal Keeper");
        var (from, fromToken) = await PatientWithToken("Refusal Merged");
        var (gone, _) = await PatientWithToken("Already Gone");
        Assert.Equal(HttpStatusCode.OK, (await Merge(keep, new { from = gone, reason = "duplicate" })).StatusCode);

        Assert.Equal(["reason"], await ErrorFields(await Merge(keep, new { from, reason = " " })));
        Assert.Equal(["from"], await ErrorFields(await Merge(keep, new { from = keep.ToLowerInvariant(), reason = "duplicate" })));
        Assert.Equal(["from"], await ErrorFields(await Merge(keep, new { reason = "duplicate" })));
        var unknown = await Merge(keep, new { from = "NOSUCH-2", reason = "duplicate" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("NOSUCH-2", (await unknown.ReadJson()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Merge("NOSUCH-3", new { from, reason = "duplicate" })).StatusCode);
        var again = await Merge(from, new { from = gone, reason = "duplicate" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var problem = await again.ReadJson();
        Assert.Equal("AlreadyMerged", problem.GetProperty("refusal").GetString());
        Assert.Contains($"already merged into {keep}", problem.GetProperty("detail").GetString());
        var extra = await Merge(keep, new { from, reason = "duplicate", keep = true });
        Assert.Equal(HttpStatusCode.BadRequest, extra.StatusCode);

        Assert.Null((await Record(from)).MergedIntoId);
        Assert.Equal(from, (await _desk.Token(fromToken.Id)).PatientId);
        Assert.Equal(["Created"], (await Record(from)).History.Select(h => h.Action));
    }

    [Fact]
    public async Task Two_records_with_a_token_each_for_one_doctors_day_are_not_merged_until_one_is_cancelled()
    {
        var slot = await _desk.NewSlot();
        var (keep, _) = await PatientWithToken("Clash Keeper", slotId: slot.Id);
        var (from, fromToken) = await PatientWithToken("Clash Keeper Two", slotId: slot.Id);

        var refused = await Merge(keep, new { from, reason = "duplicate" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.ReadJson();
        Assert.Equal("TwoTokensWithOneDoctorDay", problem.GetProperty("refusal").GetString());
        Assert.Contains("T001 and T002", problem.GetProperty("detail").GetString());

        Assert.True((await _desk.SetStatus(fromToken.Id, "Cancelled", "Registered twice")).IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Merge(keep, new { from, reason = "duplicate" })).StatusCode);
    }

    [Fact]
    public async Task A_merged_record_is_not_corrected_the_record_kept_is()
    {
        var (keep, _) = await PatientWithToken("Kept Kapoor");
        var (from, _) = await PatientWithToken("Merged Kapoor");
        await Merge(keep, new { from, reason = "duplicate" });

        var response = await Put(from, Details("Merged Kapoor"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains($"merged into {keep}", (await response.ReadJson()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_doctor_may_not_read_correct_or_merge_records()
    {
        var (id, token) = await PatientWithToken("Private Patel");
        var doctor = await app.ClientAsAsync(Roles.Doctor, token.DoctorId);

        Assert.Equal(HttpStatusCode.Forbidden, (await doctor.GetAsync($"/api/patients/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await doctor.PutAsJsonAsync($"/api/patients/{id}", Details("Changed"), Json.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await doctor.Post($"/api/patients/{id}/merge", new { from = id, reason = "x" })).StatusCode);
        Assert.Equal("Private Patel", (await Record(id)).Name);
    }

    [Fact]
    public async Task A_receptionist_reads_corrects_and_merges()
    {
        var (id, _) = await PatientWithToken("Desk Dutta");
        var receptionist = await app.ClientAsAsync(Roles.Receptionist);

        var response = await receptionist.PutAsJsonAsync($"/api/patients/{id}", Details("Desk Dutta", sex: "Male"), Json.Options);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Sex.Male, (await (await receptionist.GetAsync($"/api/patients/{id}")).Read<PatientRecordView>()).Sex);
    }
}

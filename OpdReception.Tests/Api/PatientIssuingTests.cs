using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>One record per patient: duplicates caught before they are made, hospital numbers in one pattern, the details a slip carries.</summary>
public sealed class PatientIssuingTests(OpdApp app) : IClassFixture<OpdApp>
{
    private static int _phones;
    private readonly Desk _desk = new(app.CreateClient());

    /// <summary>Each test its own phone, so the records of one test are never another's candidates.</summary>
    private static string NewPhone() => $"+91 97{Interlocked.Increment(ref _phones):000 00000}";

    private Task<HttpResponseMessage> Walk(int slotId, object body) =>
        _desk.Client.Post("/api/tokens/walkin", Merge(new { slotId }, body));

    private static Dictionary<string, object?> Merge(params object[] parts) => parts
        .SelectMany(p => JsonSerializer.SerializeToElement(p, Json.Options).EnumerateObject())
        .ToDictionary(p => p.Name, p => (object?)p.Value);

    [Fact]
    public async Task A_new_patient_whose_phone_and_similar_name_are_on_record_is_refused_listing_the_record()
    {
        var phone = NewPhone();
        var first = await (await Walk((await _desk.NewSlot()).Id, new { patientName = "Amit Banerji", phoneNumber = phone, sex = "Male", age = 40 })).Read<TokenView>();

        var again = await Walk((await _desk.NewSlot()).Id, new { patientName = "amit banerjee", phoneNumber = phone.Replace("+91 ", "0").Replace(" ", "-") });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var problem = await again.ReadJson();
        Assert.Equal("PossibleDuplicatePatient", problem.GetProperty("refusal").GetString());
        var candidate = Assert.Single(problem.GetProperty("candidates").EnumerateArray());
        Assert.Equal((first.PatientId, "Amit Banerji", 40, "Male"),
            (candidate.GetProperty("id").GetString(), candidate.GetProperty("name").GetString(), candidate.GetProperty("age").GetInt32(), candidate.GetProperty("sex").GetString()));
        Assert.Equal(JsonValueKind.Null, candidate.GetProperty("lastVisit").ValueKind);
        Assert.Equal(1, await PatientsWithPhoneAsync(phone));
    }

    [Fact]
    public async Task Naming_the_candidate_issues_to_the_record_on_file()
    {
        var phone = NewPhone();
        var first = await (await Walk((await _desk.NewSlot()).Id, new { patientName = "Mohd Irfan", phoneNumber = phone })).Read<TokenView>();
        var slot = await _desk.NewSlot();
        var refused = await (await Walk(slot.Id, new { patientName = "Mohammed Irfan", phoneNumber = phone })).ReadJson();

        var chosen = refused.GetProperty("candidates")[0].GetProperty("id").GetString();
        var response = await Walk(slot.Id, new { patientId = chosen, patientName = "Mohammed Irfan", phoneNumber = phone });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(first.PatientId, (await response.Read<TokenView>()).PatientId);
        Assert.Equal(1, await PatientsWithPhoneAsync(phone));
    }

    [Fact]
    public async Task Saying_new_patient_makes_a_second_record_with_the_next_number()
    {
        var phone = NewPhone();
        var first = await (await Walk((await _desk.NewSlot()).Id, new { patientName = "Asha Verma", phoneNumber = phone })).Read<TokenView>();
        var slot = await _desk.NewSlot();
        Assert.Equal(HttpStatusCode.Conflict, (await Walk(slot.Id, new { patientName = "Asha Verma", phoneNumber = phone })).StatusCode);

        var response = await Walk(slot.Id, new { patientName = "Asha Verma", phoneNumber = phone, newPatient = true });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var second = await response.Read<TokenView>();
        Assert.NotEqual(first.PatientId, second.PatientId);
        Assert.True(HospitalNumberPattern.Default.IsWellFormed(second.PatientId), second.PatientId);
        Assert.Equal(2, await PatientsWithPhoneAsync(phone));
    }

    [Fact]
    public async Task A_family_sharing_one_phone_is_not_asked()
    {
        var phone = NewPhone();
        await Walk((await _desk.NewSlot()).Id, new { patientName = "Asha Verma", phoneNumber = phone });

        var son = await Walk((await _desk.NewSlot()).Id, new { patientName = "Rohit Verma", phoneNumber = phone });

        Assert.Equal(HttpStatusCode.Created, son.StatusCode);
        Assert.Equal(2, await PatientsWithPhoneAsync(phone));
    }

    [Fact]
    public async Task The_same_patient_twice_with_one_doctor_in_a_day_is_refused_naming_the_label_they_hold()
    {
        var doctor = await _desk.Doctor();
        var morning = await _desk.Slot(doctor.Id, "09:00", "10:00");
        var later = await _desk.Slot(doctor.Id, "11:00", "12:00");
        var first = await (await Walk(morning.Id, new { patientName = "Kiran Rao", phoneNumber = NewPhone() })).Read<TokenView>();

        var again = await Walk(later.Id, new { patientId = first.PatientId, patientName = "Kiran Rao" });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var problem = await again.ReadJson();
        Assert.Equal("AlreadyHoldsToken", problem.GetProperty("refusal").GetString());
        Assert.Contains(first.TokenNumber, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Two_desks_issuing_the_same_new_patient_at_once_make_one_record_and_the_second_is_asked()
    {
        var phone = NewPhone();
        var slots = new[] { await _desk.NewSlot(), await _desk.NewSlot() };
        var desks = new[] { new Desk(app.CreateClient()), new Desk(app.CreateClient()) };

        var responses = await Task.WhenAll(desks.Select((d, i) =>
            d.Client.Post("/api/tokens/walkin", new { slotId = slots[i].Id, patientName = "Farida Shaikh", phoneNumber = phone })));

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        var refused = await responses.Single(r => r.StatusCode == HttpStatusCode.Conflict).ReadJson();
        Assert.Equal("PossibleDuplicatePatient", refused.GetProperty("refusal").GetString());
        Assert.Equal(1, await PatientsWithPhoneAsync(phone));
    }

    [Fact]
    public async Task New_patients_get_consecutive_hospital_numbers_in_the_pattern()
    {
        var slot = await _desk.NewSlot();

        var first = await _desk.Issue("walkin", slot.Id, name: "Numbered One");
        var second = await _desk.Issue("walkin", slot.Id, name: "Numbered Two");

        var pattern = HospitalNumberPattern.Default;
        Assert.True(pattern.IsWellFormed(first.PatientId), first.PatientId);
        Assert.Equal(pattern.Next(first.PatientId), second.PatientId);
    }

    [Fact]
    public async Task An_unknown_hospital_number_is_not_found_and_never_a_new_patient()
    {
        var slot = await _desk.NewSlot();
        var before = await PatientCountAsync();

        var response = await Walk(slot.Id, new { patientId = "H-999998", patientName = "Nobody Known" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.ReadJson();
        Assert.Equal("patientId", problem.GetProperty("field").GetString());
        Assert.Contains("H-999998", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await PatientCountAsync());
        Assert.Empty((await _desk.Queue(slot.Id)).Tokens);
    }

    [Theory]
    [InlineData("""{"patientId":"!!@@##","patientName":"Asha"}""", "patientId")]
    [InlineData("""{"patientId":"H-12","patientName":"Asha"}""", "patientId")]
    [InlineData("""{"patientId":"H-000001","patientName":"Asha","newPatient":true}""", "newPatient")]
    [InlineData("""{"patientName":"Asha","age":121}""", "age")]
    [InlineData("""{"patientName":"Asha","age":-1}""", "age")]
    [InlineData("""{"patientName":"Asha","age":30,"birthDate":"1990-01-01"}""", "age")]
    [InlineData("""{"patientName":"Asha","birthDate":"2999-01-01"}""", "birthDate")]
    [InlineData("""{"patientName":"Asha","abhaNumber":"1234"}""", "abhaNumber")]
    [InlineData("""{"patientName":"Asha","abhaAddress":"asha@gmail.com"}""", "abhaAddress")]
    [InlineData("""{"patientName":"Asha","address":"Flat 1\u202E"}""", "address")]
    public async Task A_wrong_patient_detail_is_a_400_naming_the_field_and_writes_nothing(string body, string field)
    {
        var slot = await _desk.NewSlot();
        var before = await PatientCountAsync();

        var response = await _desk.Client.PostAsync("/api/tokens/walkin",
            new StringContent(body.Replace("{", $$"""{"slotId":{{slot.Id}},""", StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJson()).GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await PatientCountAsync());
    }

    [Fact]
    public async Task A_new_patients_details_are_recorded_with_a_line_of_history()
    {
        var phone = NewPhone();
        var token = await (await Walk((await _desk.NewSlot()).Id, new
        {
            patientName = "Lakshmi Iyer", phoneNumber = phone, sex = "Female", age = 34, address = "12 MG Road, Pune",
            abhaNumber = "12 3456 7890 1234", abhaAddress = "Lakshmi.Iyer@ABDM",
        })).Read<TokenView>();

        await using var db = await app.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var patient = await db.Patients.Include(p => p.History).SingleAsync(p => p.Id == token.PatientId, TestContext.Current.CancellationToken);
        var today = DateOnly.FromDateTime(app.Clock.Now);
        Assert.Equal((Sex.Female, today.AddYears(-34), true, "12 MG Road, Pune", "12345678901234", "lakshmi.iyer@abdm"),
            (patient.Sex, patient.BirthDate, patient.BirthDateIsApproximate, patient.Address, patient.AbhaNumber, patient.AbhaAddress));
        Assert.Equal("Created", Assert.Single(patient.History).Action);
        Assert.Contains(token.TokenNumber, patient.History[0].Details);
    }

    [Fact]
    public async Task Details_given_for_a_patient_on_record_fill_only_what_the_record_lacks()
    {
        var phone = NewPhone();
        var first = await (await Walk((await _desk.NewSlot()).Id, new { patientName = "Gita Rao", phoneNumber = phone, sex = "Female" })).Read<TokenView>();

        await Walk((await _desk.NewSlot()).Id, new { patientId = first.PatientId, patientName = "Gita Rao", sex = "Male", age = 50 });

        await using var db = await app.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var patient = await db.Patients.Include(p => p.History).SingleAsync(p => p.Id == first.PatientId, TestContext.Current.CancellationToken);
        Assert.Equal((Sex.Female, 50), (patient.Sex, PatientFacts.AgeOn(patient.BirthDate!.Value, DateOnly.FromDateTime(app.Clock.Now))));
        Assert.Equal(["Created", "Edited"], patient.History.OrderBy(e => e.Id).Select(e => e.Action));
    }

    [Fact]
    public async Task A_merged_record_sends_the_desk_to_the_record_kept()
    {
        var kept = await _desk.Issue("walkin", (await _desk.NewSlot()).Id, name: "Sara Thomas");
        var merged = await _desk.Issue("walkin", (await _desk.NewSlot()).Id, name: "Sara Thomas");
        await using (var db = await app.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            await db.Patients.Where(p => p.Id == merged.PatientId)
                .ExecuteUpdateAsync(p => p.SetProperty(x => x.MergedIntoId, kept.PatientId), TestContext.Current.CancellationToken);
        }

        var response = await Walk((await _desk.NewSlot()).Id, new { patientId = merged.PatientId, patientName = "Sara Thomas" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.ReadJson();
        Assert.Equal(("PatientMerged", kept.PatientId), (problem.GetProperty("refusal").GetString(), problem.GetProperty("mergedInto").GetString()));
    }

    [Fact]
    public async Task An_idempotency_key_reused_with_other_patient_details_is_refused()
    {
        var slot = await _desk.NewSlot();
        var body = new { slotId = slot.Id, patientName = "Key Patient", newPatient = true, age = 30 };
        Assert.Equal(HttpStatusCode.Created, (await Keyed(body, "details-key")).StatusCode);

        var other = await Keyed(body with { age = 31 }, "details-key");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
    }

    private Task<HttpResponseMessage> Keyed(object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/tokens/walkin") { Content = System.Net.Http.Json.JsonContent.Create(body, options: Json.Options) };
        request.Headers.Add("Idempotency-Key", key);
        return _desk.Client.SendAsync(request);
    }

    private async Task<int> PatientsWithPhoneAsync(string phone)
    {
        await using var db = await app.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var key = PatientFacts.PhoneKey(phone);
        return await db.Patients.CountAsync(p => p.PhoneKey == key, TestContext.Current.CancellationToken);
    }

    private async Task<int> PatientCountAsync()
    {
        await using var db = await app.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.Patients.CountAsync(TestContext.Current.CancellationToken);
    }
}

using System.Net.Http.Json;
using System.Net;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

public sealed class DoctorsTests(OpdApp app) : IClassFixture<OpdApp>
{
    private readonly Desk _desk = new(app.CreateClient());

    [Fact]
    public async Task Doctors_are_created_read_and_filtered_by_specialization_ignoring_case()
    {
        var neuro = await _desk.Doctor("Neurology", "Dr. Iyer", ["Monday"]);
        await _desk.Doctor("Dermatology", "Dr. Bose");

        var filtered = await (await _desk.Client.GetAsync("/api/doctors?specialization=neurology")).Read<List<DoctorView>>();
        var one = await (await _desk.Client.GetAsync($"/api/doctors/{neuro.Id}")).Read<DoctorView>();

        Assert.Equal([neuro.Id], filtered.Select(d => d.Id));
        Assert.Equal(("Dr. Iyer", "Neurology", "101"), (one.Name, one.Specialization, one.Room));
        Assert.Equal([DayOfWeek.Monday], one.OpdDays);
    }

    [Fact]
    public async Task Adding_renaming_and_deleting_a_doctor_each_leave_a_line_in_the_admins_record()
    {
        var doctor = await _desk.Doctor("Neurology", "Dr. Recorded Once", ["Monday"]);
        var renamed = await _desk.Client.PutAsJsonAsync($"/api/doctors/{doctor.Id}", new { name = "Dr. Recorded Twice", specialization = "Neurology", opdDays = new[] { "Monday", "Friday" }, room = "202" });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _desk.Client.DeleteAsync($"/api/doctors/{doctor.Id}")).StatusCode);

        var lines = (await (await _desk.Client.GetAsync("/api/admin/history?area=Doctor")).Read<List<AdminChangeView>>())
            .Where(l => l.Subject.StartsWith("Dr. Recorded", StringComparison.Ordinal)).Select(l => l.Details).ToList();

        Assert.Contains(lines, l => l.StartsWith("Added: Neurology, room 101, OPD days Mon", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Dr. Recorded Once", StringComparison.Ordinal) && l.Contains("→ Dr. Recorded Twice, Neurology, room 202, OPD days Mon Fri", StringComparison.Ordinal));
        Assert.Contains("Deleted (no patient history)", lines);
    }

    [Theory]
    [InlineData("""{"specialization":"Cardiology"}""", "name")]
    [InlineData("""{"name":"Dr. A"}""", "specialization")]
    [InlineData("""{"name":"Dr. A","specialization":"ENT","opdDays":["Funday"]}""", "opdDays")]
    public async Task Invalid_doctor_gets_400_naming_the_field(string body, string field)
    {
        var before = (await (await _desk.Client.GetAsync("/api/doctors")).Read<List<DoctorView>>()).Count;

        var response = await _desk.Client.PostAsync("/api/doctors", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJson()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(before, (await (await _desk.Client.GetAsync("/api/doctors")).Read<List<DoctorView>>()).Count);
    }

    [Fact]
    public async Task Doctor_details_can_be_changed()
    {
        var doctor = await _desk.Doctor("ENT");

        var updated = await (await _desk.Client.PutAsJsonAsync($"/api/doctors/{doctor.Id}", new { name = "Dr. Rao", specialization = "ENT", opdDays = new[] { "Tuesday", "Thursday" }, room = "12B" })).Read<DoctorView>();

        Assert.Equal(("Dr. Rao", "12B"), (updated.Name, updated.Room));
        Assert.Equal([DayOfWeek.Tuesday, DayOfWeek.Thursday], updated.OpdDays);
    }

    [Fact]
    public async Task Doctor_with_tokens_on_record_cannot_be_deleted_one_without_can()
    {
        var busy = await _desk.Doctor();
        var slot = await _desk.Slot(busy.Id);
        await _desk.Issue("walkin", slot.Id);
        var idle = await _desk.Doctor();
        await _desk.Slot(idle.Id);

        var refused = await _desk.Client.DeleteAsync($"/api/doctors/{busy.Id}");
        var deleted = await _desk.Client.DeleteAsync($"/api/doctors/{idle.Id}");

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.OK), (refused.StatusCode, deleted.StatusCode));
        Assert.Equal(HttpStatusCode.NotFound, (await _desk.Client.GetAsync($"/api/doctors/{idle.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _desk.Client.GetAsync($"/api/doctors/{busy.Id}")).StatusCode);
    }
}

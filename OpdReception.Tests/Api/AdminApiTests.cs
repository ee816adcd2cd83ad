using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OpdReception.Domain;
using OpdReception.Security;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>The admin's API over a real SQLite file: settings, users, templates, generation, leave, deactivation.</summary>
public sealed class AdminApiTests(OpdApp app) : IClassFixture<OpdApp>
{
    private readonly Desk _desk = new(app.CreateClient());

    private HttpClient Admin => _desk.Client;

    [Fact]
    public async Task A_changed_weight_orders_the_next_token_at_once_and_is_recorded()
    {
        var slot = await _desk.NewSlot(capacity: 10, specialization: "Weights");
        var online = await _desk.Issue("book", slot.Id);
        var settings = await (await Admin.GetAsync("/api/admin/settings")).Read<SettingsView>();

        var saved = await Admin.PutAsJsonAsync("/api/admin/settings", settings.Effective with { WalkInPriority = 250 }, Json.Options);
        var walkIn = await _desk.Issue("walkin", slot.Id);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(250, walkIn.PriorityScore);
        Assert.Equal([walkIn.Id, online.Id], (await _desk.Queue(slot.Id)).Tokens.Select(t => t.Id));
        var history = await (await Admin.GetAsync("/api/admin/history?area=Setting")).Read<List<AdminChangeView>>();
        Assert.Contains(history, h => h.Subject == "Walk-in weight" && h.Details.EndsWith("→ 250") && h.By == "Test Admin");

        await Admin.PutAsJsonAsync("/api/admin/settings", settings.Effective, Json.Options);
    }

    [Fact]
    public async Task An_emergency_weight_below_another_is_refused_and_changes_nothing()
    {
        var before = await (await Admin.GetAsync("/api/admin/settings")).Read<SettingsView>();

        var response = await Admin.PutAsJsonAsync("/api/admin/settings", before.Effective with { EmergencyPriority = 400, HospitalName = "Changed" }, Json.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJson()).GetProperty("errors").TryGetProperty("EmergencyPriority", out _));
        Assert.Equal(before.Effective, (await (await Admin.GetAsync("/api/admin/settings")).Read<SettingsView>()).Effective);
    }

    [Theory]
    [InlineData("lateArrivalGraceMinutes", null, "lateArrivalGraceMinutes")]
    [InlineData("recallsBeforeNoShow", null, "recallsBeforeNoShow")]
    [InlineData("hospitalName", null, "hospitalName")]
    [InlineData("hospitalName", "null", "HospitalName")]
    [InlineData("hospitalName", "\"\\u202EDPO latipsoH\"", "HospitalName")]
    [InlineData("noShowTimeoutMinutes", "-5", "NoShowTimeoutMinutes")]
    public async Task A_setting_missing_null_or_out_of_range_is_refused_naming_it_and_nothing_is_saved(string member, string? json, string field)
    {
        var before = (await (await Admin.GetAsync("/api/admin/settings")).ReadJson()).GetProperty("effective");
        var body = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(before.GetRawText())!;
        body.Remove(member);
        if (json is not null)
        {
            body[member] = JsonDocument.Parse(json).RootElement;
        }

        var response = await Admin.PutAsJsonAsync("/api/admin/settings", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJson()).GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
        Assert.Equal(before.GetRawText(), (await (await Admin.GetAsync("/api/admin/settings")).ReadJson()).GetProperty("effective").GetRawText());
    }

    [Theory]
    [InlineData("[null]", "sessions[0]")]
    [InlineData("[{\"start\":\"09:00\",\"end\":\"12:00\",\"slotMinutes\":60,\"capacityPerSlot\":6,\"minutesPerConsultation\":10}]", "day")]
    [InlineData("[{\"day\":\"Monday\",\"end\":\"12:00\",\"slotMinutes\":60,\"capacityPerSlot\":6,\"minutesPerConsultation\":10}]", "start")]
    public async Task A_template_with_an_empty_session_or_one_without_day_or_start_is_refused_naming_it(string json, string field)
    {
        var doctor = await _desk.Doctor();

        var response = await Admin.PutAsync($"/api/admin/doctors/{doctor.Id}/template", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJson()).GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
        Assert.Empty((await (await Admin.GetAsync($"/api/admin/doctors/{doctor.Id}/template")).Read<TemplateView>()).Sessions);
    }

    [Fact]
    public async Task A_created_receptionist_signs_in_and_the_creation_is_recorded()
    {
        var email = $"desk-{Guid.NewGuid():N}@test.opd";
        var created = await Admin.Post("/api/admin/users", new { email, displayName = "Front Desk", password = "Desk-pass-2030", roles = new[] { "Receptionist" } });
        var login = await app.AnonymousClient().Post("/api/auth/login", new { email, password = "Desk-pass-2030" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(["Receptionist"], (await created.Read<UserView>()).Roles);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var history = await (await Admin.GetAsync("/api/admin/history?area=User")).Read<List<AdminChangeView>>();
        Assert.Contains(history, h => h.Subject == email && h.Details.Contains("Receptionist"));
    }

    [Fact]
    public async Task The_last_admin_keeps_the_admin_role_until_another_admin_exists()
    {
        var admin = await app.UserAsync(Roles.Admin);
        var refused = await Admin.DeleteAsync($"/api/admin/users/{admin.Id}/roles/Admin");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("last admin", (await refused.ReadJson()).GetProperty("detail").GetString());

        var email = $"second-{Guid.NewGuid():N}@test.opd";
        var second = await (await Admin.Post("/api/admin/users", new { email, displayName = "Second Admin", password = "Admin-pass-2030", roles = new[] { "Admin" } })).Read<UserView>();
        var removed = await Admin.DeleteAsync($"/api/admin/users/{second.Id}/roles/Admin");
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Empty((await removed.Read<UserView>()).Roles);
    }

    [Fact]
    public async Task An_admin_cannot_lock_their_own_account_but_locks_and_unlocks_others()
    {
        var admin = await app.UserAsync(Roles.Admin);
        Assert.Equal(HttpStatusCode.Conflict, (await Admin.PostAsync($"/api/admin/users/{admin.Id}/lock", null)).StatusCode);

        var email = $"lock-{Guid.NewGuid():N}@test.opd";
        var user = await (await Admin.Post("/api/admin/users", new { email, displayName = "Locked Out", password = "Lock-pass-2030", roles = new[] { "Receptionist" } })).Read<UserView>();
        Assert.True((await (await Admin.PostAsync($"/api/admin/users/{user.Id}/lock", null)).Read<UserView>()).LockedOut);
        Assert.NotEqual(HttpStatusCode.OK, (await app.AnonymousClient().Post("/api/auth/login", new { email, password = "Lock-pass-2030" })).StatusCode);

        Assert.False((await (await Admin.PostAsync($"/api/admin/users/{user.Id}/unlock", null)).Read<UserView>()).LockedOut);
        Assert.Equal(HttpStatusCode.OK, (await app.AnonymousClient().Post("/api/auth/login", new { email, password = "Lock-pass-2030" })).StatusCode);
    }

    [Fact]
    public async Task A_reset_password_is_the_one_that_signs_in()
    {
        var email = $"reset-{Guid.NewGuid():N}@test.opd";
        var user = await (await Admin.Post("/api/admin/users", new { email, displayName = "Forgetful", password = "Old-pass-2030", roles = new[] { "Receptionist" } })).Read<UserView>();

        Assert.Equal(HttpStatusCode.OK, (await Admin.Post($"/api/admin/users/{user.Id}/password", new { password = "New-pass-2030" })).StatusCode);

        Assert.NotEqual(HttpStatusCode.OK, (await app.AnonymousClient().Post("/api/auth/login", new { email, password = "Old-pass-2030" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.AnonymousClient().Post("/api/auth/login", new { email, password = "New-pass-2030" })).StatusCode);
    }

    [Fact]
    public async Task A_weekly_template_generates_a_week_after_a_preview_that_writes_nothing_and_never_twice()
    {
        var doctor = await (await Admin.Post("/api/doctors", new { name = "Dr. Template", specialization = "Templates", opdDays = new[] { "Monday", "Thursday" }, room = "7" })).Read<DoctorView>();
        var template = new[]
        {
            new SessionRequest(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(11, 0), 60, 5, 10),
            new SessionRequest(DayOfWeek.Thursday, new TimeOnly(14, 0), new TimeOnly(15, 0), 30, 3, 10),
        };
        Assert.Equal(HttpStatusCode.OK, (await Admin.PutAsJsonAsync($"/api/admin/doctors/{doctor.Id}/template", template, Json.Options)).StatusCode);
        var week = new { doctorId = doctor.Id, from = "2030-01-07", to = "2030-01-13" };

        var preview = await (await Admin.Post("/api/admin/slots/generate?preview=true", week)).Read<GenerationView>();
        Assert.Equal(4, preview.Create.Count);
        Assert.Empty(await Slots(doctor.Id));

        var written = await (await Admin.Post("/api/admin/slots/generate", week)).Read<GenerationView>();
        Assert.True(written.Written);
        var slots = await Slots(doctor.Id);
        Assert.Equal(["2030-01-07 09:00 5", "2030-01-07 10:00 5", "2030-01-10 14:00 3", "2030-01-10 14:30 3"],
            slots.Select(s => $"{s.Date:yyyy-MM-dd} {s.StartTime:HH:mm} {s.MaxCapacity}"));

        var again = await (await Admin.Post("/api/admin/slots/generate", week)).Read<GenerationView>();
        Assert.Empty(again.Create);
        Assert.Equal(4, again.Skipped.Count);
        Assert.Equal(4, (await Slots(doctor.Id)).Count);
    }

    [Fact]
    public async Task Generating_today_late_in_the_day_skips_the_slots_already_over_in_preview_and_for_real()
    {
        var doctor = await (await Admin.Post("/api/doctors", new { name = "Dr. Evening", specialization = "Late templates", opdDays = new[] { "Monday" } })).Read<DoctorView>();
        var template = new[] { new SessionRequest(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(11, 0), 60, 5, 10), new SessionRequest(DayOfWeek.Monday, new TimeOnly(18, 0), new TimeOnly(20, 0), 60, 5, 10) };
        Assert.Equal(HttpStatusCode.OK, (await Admin.PutAsJsonAsync($"/api/admin/doctors/{doctor.Id}/template", template, Json.Options)).StatusCode);
        var today = new { doctorId = doctor.Id, from = "2030-01-07", to = "2030-01-07" };
        app.SetTime(18, 22);
        try
        {
            var preview = await (await Admin.Post("/api/admin/slots/generate?preview=true", today)).Read<GenerationView>();
            var written = await (await Admin.Post("/api/admin/slots/generate", today)).Read<GenerationView>();

            foreach (var plan in new[] { preview, written })
            {
                Assert.Equal(["18:00", "19:00"], plan.Create.Select(c => $"{c.StartTime:HH:mm}"));
                Assert.Equal(["09:00 In the past", "10:00 In the past"], plan.Skipped.Select(s => $"{s.StartTime:HH:mm} {s.Reason}"));
            }

            Assert.Equal(["18:00", "19:00"], (await Slots(doctor.Id)).Select(s => $"{s.StartTime:HH:mm}"));
        }
        finally
        {
            app.SetTime(8);
        }
    }

    [Fact]
    public async Task A_template_session_off_the_opd_days_is_refused_naming_the_session()
    {
        var doctor = await _desk.Doctor("Templates", opdDays: ["Monday"]);
        var response = await Admin.PutAsJsonAsync($"/api/admin/doctors/{doctor.Id}/template",
            new[] { new SessionRequest(DayOfWeek.Sunday, new TimeOnly(9, 0), new TimeOnly(10, 0), 30, 3, 10) }, Json.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJson()).GetProperty("errors").TryGetProperty("sessions[0]", out _));
    }

    [Fact]
    public async Task Leave_previews_where_patients_go_changes_nothing_then_on_confirm_cancels_and_moves_them()
    {
        var away = await _desk.Doctor("Leave", "Dr. Away");
        var cover = await _desk.Doctor("Leave", "Dr. Cover");
        var slot = await _desk.Slot(away.Id, "11:00", "12:00", capacity: 4);
        var covering = await _desk.Slot(cover.Id, "11:00", "12:00", capacity: 4);
        var first = await _desk.Issue("walkin", slot.Id);
        var second = await _desk.Issue("walkin", slot.Id);
        var leave = new { doctorId = away.Id, from = "2030-01-07", to = "2030-01-07", reason = "Conference" };

        var preview = await (await Admin.Post("/api/admin/leave?preview=true", leave)).Read<CancellationView>();
        Assert.False(preview.Done);
        Assert.Equal([covering.Id, covering.Id], Assert.Single(preview.Slots).Preview!.Moves.Select(m => m.ToSlotId));
        Assert.Equal(SlotStatus.Open, (await _desk.GetSlot(slot.Id)).Status);
        Assert.Equal(slot.Id, (await _desk.Token(first.Id)).SlotId);

        var done = await (await Admin.Post("/api/admin/leave", leave)).Read<CancellationView>();
        Assert.True(done.Done);
        Assert.Equal(SlotStatus.Cancelled, (await _desk.GetSlot(slot.Id)).Status);
        Assert.Equal(covering.Id, (await _desk.Token(first.Id)).SlotId);
        Assert.Equal(covering.Id, (await _desk.Token(second.Id)).SlotId);
        var listed = await (await Admin.GetAsync($"/api/admin/leave?doctorId={away.Id}")).Read<List<LeaveView>>();
        Assert.Equal("Conference", Assert.Single(listed).Reason);
    }

    [Fact]
    public async Task A_doctor_with_history_is_deactivated_hidden_from_the_list_and_kept_while_one_without_is_deleted()
    {
        var kept = await _desk.Doctor("Retiring", "Dr. Kept");
        var slot = await _desk.Slot(kept.Id, "13:00", "14:00");
        var later = await _desk.Slot(kept.Id, "15:00", "16:00");
        var token = await _desk.Issue("walkin", slot.Id);
        Assert.Equal(HttpStatusCode.Conflict, (await Admin.DeleteAsync($"/api/admin/doctors/{kept.Id}")).StatusCode);
        await Admin.DeleteAsync($"/api/tokens/{token.Id}/cancel?reason=Went%20home");
        var gone = await _desk.Doctor("Retiring", "Dr. Gone");

        var deactivated = await (await Admin.DeleteAsync($"/api/admin/doctors/{kept.Id}")).Read<RemovalView>();
        var deleted = await (await Admin.DeleteAsync($"/api/admin/doctors/{gone.Id}")).Read<RemovalView>();

        Assert.Equal((true, false, 2), (deactivated.Deactivated, deactivated.Deleted, deactivated.SlotsCancelled));
        Assert.True(deleted.Deleted);
        var listed = await (await Admin.GetAsync("/api/doctors?specialization=Retiring")).Read<List<DoctorView>>();
        Assert.Empty(listed);
        var all = await (await Admin.GetAsync("/api/doctors?specialization=Retiring&includeInactive=true")).Read<List<DoctorView>>();
        Assert.Equal([(kept.Id, false)], all.Select(d => (d.Id, d.Active)));
        Assert.Equal(SlotStatus.Cancelled, (await _desk.GetSlot(later.Id)).Status);
        Assert.Equal(slot.Id, (await _desk.Token(token.Id)).SlotId);
        var refused = await Admin.Post("/api/slots", new { doctorId = kept.Id, date = "2030-01-08", startTime = "09:00", endTime = "10:00", extraSession = true });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Admin.PostAsync($"/api/admin/doctors/{kept.Id}/reactivate", null)).StatusCode);
    }

    [Fact]
    public async Task A_slot_cancel_preview_writes_nothing()
    {
        var slot = await _desk.NewSlot(specialization: "Cancel preview");
        await _desk.Issue("walkin", slot.Id);

        var preview = await (await Admin.Post($"/api/admin/slots/{slot.Id}/cancel?preview=true", new { reason = "Power cut" })).Read<CancellationView>();

        Assert.False(preview.Done);
        Assert.Single(Assert.Single(preview.Slots).Preview!.NotPlaced);
        Assert.Equal(SlotStatus.Open, (await _desk.GetSlot(slot.Id)).Status);
        var done = await (await Admin.Post($"/api/admin/slots/{slot.Id}/cancel", new { reason = "Power cut" })).Read<CancellationView>();
        Assert.True(done.Done);
        Assert.Equal(SlotStatus.Cancelled, (await _desk.GetSlot(slot.Id)).Status);
    }

    [Theory]
    [InlineData("/api/admin/settings")]
    [InlineData("/api/admin/users")]
    [InlineData("/api/admin/overview")]
    public async Task A_receptionist_is_refused_the_admin_api(string url)
    {
        var receptionist = await app.ClientAsAsync(Roles.Receptionist);
        Assert.Equal(HttpStatusCode.Forbidden, (await receptionist.GetAsync(url)).StatusCode);
    }

    private async Task<List<SlotView>> Slots(int doctorId) =>
        await (await Admin.GetAsync($"/api/slots?doctorId={doctorId}")).Read<List<SlotView>>();
}

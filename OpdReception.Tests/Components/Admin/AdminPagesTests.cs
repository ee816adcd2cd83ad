using Bunit;
using OpdReception.Components.Pages.Admin;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Components.Admin;

public sealed class AdminPagesTests(OpdApp app) : AdminContext(app)
{
    [Fact]
    public async Task Settings_refuse_an_emergency_weight_below_another_and_save_nothing()
    {
        var before = (await Service<SettingsService>().GetAsync()).Effective;
        var page = RenderAsAdmin<Settings>();
        page.WaitForElement("[data-testid=save-settings]");

        page.Find("input[data-testid=setting-EmergencyPriority]").Change("50");
        page.Find("[data-testid=save-settings]").Click();

        page.WaitForAssertion(() => Assert.Contains("must stay higher than every other weight", page.Markup));
        Assert.Equal(before, (await Service<SettingsService>().GetAsync()).Effective);
    }

    [Fact]
    public async Task Settings_refuse_a_negative_no_show_timeout_beside_its_field_with_the_range_and_save_nothing()
    {
        var before = (await Service<SettingsService>().GetAsync()).Effective;
        var page = RenderAsAdmin<Settings>();
        page.WaitForElement("[data-testid=save-settings]");

        page.Find("input[data-testid=setting-NoShowTimeoutMinutes]").Change("-5");
        page.Find("[data-testid=save-settings]").Click();

        page.WaitForAssertion(() => Assert.Contains("Did not come after (minutes) must be between 1 and 240.",
            page.Find("input[data-testid=setting-NoShowTimeoutMinutes]").Closest(".mud-input-control")!.TextContent));
        Assert.Equal("-5", page.Find("input[data-testid=setting-NoShowTimeoutMinutes]").GetAttribute("value"));
        Assert.DoesNotContain("Settings saved", page.Markup);
        Assert.Equal(before, (await Service<SettingsService>().GetAsync()).Effective);
    }

    [Fact]
    public async Task Settings_refuse_a_cleared_number_beside_its_field_and_save_nothing()
    {
        var before = (await Service<SettingsService>().GetAsync()).Effective;
        var page = RenderAsAdmin<Settings>();
        page.WaitForElement("[data-testid=save-settings]");

        page.Find("input[data-testid=setting-LateArrivalGraceMinutes]").Change("");
        page.Find("[data-testid=save-settings]").Click();

        page.WaitForAssertion(() => Assert.Contains("is required",
            page.Find("input[data-testid=setting-LateArrivalGraceMinutes]").Closest(".mud-input-control")!.TextContent));
        Assert.DoesNotContain("Settings saved", page.Markup);
        Assert.Equal(before, (await Service<SettingsService>().GetAsync()).Effective);
    }

    [Fact]
    public void The_settings_page_says_new_weights_re_order_patients_not_yet_called_from_now_on()
    {
        var page = RenderAsAdmin<Settings>();

        page.WaitForAssertion(() => Assert.Contains("New weights re-order patients not yet called, from now on",
            page.Find("[data-testid=weights-take-effect]").TextContent));
    }

    [Fact]
    public async Task Settings_saved_take_effect_at_once_and_appear_in_the_history()
    {
        var page = RenderAsAdmin<Settings>();
        page.WaitForElement("[data-testid=save-settings]");

        page.Find("input[data-testid=setting-HospitalName]").Change("Riverside General OPD");
        page.Find("[data-testid=save-settings]").Click();

        page.WaitForAssertion(() => Assert.Contains("Riverside General OPD", page.Find("[data-testid=history]").TextContent));
        Assert.Equal("Riverside General OPD", Service<Microsoft.Extensions.Options.IOptionsMonitor<OpdOptions>>().CurrentValue.HospitalName);
        var restore = (await Service<SettingsService>().GetAsync()).Effective with { HospitalName = "City Hospital OPD" };
        await Service<SettingsService>().SaveAsync(restore, "test");
    }

    [Fact]
    public void Users_page_refuses_to_remove_the_last_admins_admin_role()
    {
        var page = RenderAsAdmin<Users>();
        page.WaitForAssertion(() => Assert.Contains(AdminUser.Email, page.Markup));

        var row = page.FindAll("tr").First(r => r.TextContent.Contains(AdminUser.Email));
        row.QuerySelector(".mud-chip-close-button")!.Click();
        Confirm("Remove");

        page.WaitForAssertion(() => Assert.Contains("last admin", page.Find("[data-testid=refusal]").TextContent));
    }

    [Fact]
    public void Users_page_says_what_is_missing_when_creating_a_user()
    {
        var page = RenderAsAdmin<Users>();
        page.WaitForElement("[data-testid=create-user]");

        page.Find("[data-testid=create-user]").Click();

        page.WaitForAssertion(() => Assert.Contains("A valid email address is required.", page.Markup));
        Assert.Contains("Choose at least one role.", page.Markup);
    }

    [Fact]
    public async Task Doctors_page_deactivates_a_doctor_with_history_and_hides_them()
    {
        var doctor = await Desk.Doctor("Deactivation", "Dr. History");
        var slot = await Desk.Slot(doctor.Id, "16:00", "17:00");
        var token = await Desk.Issue("walkin", slot.Id);
        await Desk.Client.DeleteAsync($"/api/tokens/{token.Id}/cancel?reason=Left");
        var page = RenderAsAdmin<Doctors>();
        page.WaitForAssertion(() => Assert.Contains("Dr. History", page.Markup));

        page.FindAll("button").Single(b => b.GetAttribute("aria-label") == "Deactivate Dr. History").Click();
        Confirm("Deactivate");

        page.WaitForAssertion(() => Assert.DoesNotContain("Dr. History", page.Find("[data-testid=doctors]").TextContent));
        Assert.False((await Service<DoctorService>().GetAsync(doctor.Id)).Value!.Active);
    }

    [Fact]
    public async Task The_doctor_dialog_does_not_offer_a_deactivated_account_to_sign_in_as()
    {
        var users = Service<UserAdminService>();
        var active = $"active-{Guid.NewGuid():N}@x.test";
        var gone = $"gone-{Guid.NewGuid():N}@x.test";
        await users.CreateAsync(new NewUserRequest(active, "Doc Active", "Desk-pass-2030", ["Doctor"], (await Desk.Doctor("Signs", $"Dr. A {Guid.NewGuid():N}"[..12])).Id), "test");
        var removed = (await users.CreateAsync(new NewUserRequest(gone, "Doc Gone", "Desk-pass-2030", ["Doctor"], (await Desk.Doctor("Signs", $"Dr. G {Guid.NewGuid():N}"[..12])).Id), "test")).Value!;
        await users.ResetPasswordAsync(removed.Id, "Desk-pass-2031", new Actor("Doc Gone", removed.Id));
        Assert.False((await users.RemoveAsync(removed.Id, "test")).Value!.Deleted);
        var page = RenderAsAdmin<Doctors>();
        page.WaitForElement("[data-testid=new-doctor]").Click();

        Dialogs.WaitForAssertion(() => Assert.NotEmpty(Dialogs.FindComponents<MudBlazor.MudSelectItem<string>>()));
        var offered = Dialogs.FindComponents<MudBlazor.MudSelectItem<string>>().Select(i => i.Instance.Value).ToList();
        Assert.Contains((await users.ListAsync()).Single(u => u.Email == active).Id, offered);
        Assert.DoesNotContain(removed.Id, offered);
    }

    [Fact]
    public async Task Schedules_page_previews_generation_without_writing_then_creates_the_slots()
    {
        var doctor = await Desk.Doctor("Generation", "Dr. Weekly");
        await Service<ScheduleService>().SaveTemplateAsync(doctor.Id,
            [new SessionRequest(DayOfWeek.Monday, new TimeOnly(14, 0), new TimeOnly(16, 0), 60, 4, 15)], "test");
        var page = RenderAsAdmin<Schedules>($"/admin/schedules?doctor={doctor.Id}");
        page.WaitForElement("[data-testid=preview-generate]");

        page.Find("[data-testid=preview-generate]").Click();

        page.WaitForAssertion(() => Assert.Contains("Will create 2 slot(s)", page.Find("[data-testid=generation-summary]").TextContent));
        Assert.Empty(await Service<SlotService>().ListAsync(null, doctor.Id));
        page.Find("[data-testid=confirm-generate]").Click();
        page.WaitForAssertion(() => Assert.Contains("Created 2 slot(s)", page.Find("[data-testid=generation-summary]").TextContent));
        Assert.Equal(2, (await Service<SlotService>().ListAsync(null, doctor.Id)).Count);
    }

    [Fact]
    public async Task Schedules_page_shows_why_a_session_is_refused_and_warns_of_an_overfull_slot()
    {
        var doctor = await Desk.Doctor("Generation", "Dr. Sunday", ["Monday"]);
        var page = RenderAsAdmin<Schedules>($"/admin/schedules?doctor={doctor.Id}");
        page.WaitForElement("[data-testid=add-session]").Click();

        page.Find("[data-testid=session-capacity]").Change("12");
        page.Find("[data-testid=session-day]").Change("Sunday");
        page.Find("[data-testid=save-template]").Click();

        page.WaitForAssertion(() => Assert.Contains("Sunday is not one of the doctor's OPD days", page.Markup));
        Assert.Contains("12 patients × 10 minutes is 120 minutes, longer than the slot's 60 minutes", page.Markup);
        Assert.Empty((await Service<ScheduleService>().GetTemplateAsync(doctor.Id)).Value!.Sessions);
    }

    [Fact]
    public async Task Leave_page_shows_the_reallocation_preview_and_changes_nothing_until_confirmed()
    {
        var away = await Desk.Doctor("Leave page", "Dr. Leaving");
        await Desk.Doctor("Leave page", "Dr. Staying");
        var slot = await Desk.Slot(away.Id, "16:00", "17:00");
        await Desk.Issue("walkin", slot.Id);
        var page = RenderAsAdmin<Leave>($"/admin/leave?doctor={away.Id}");
        page.WaitForElement("[data-testid=preview-leave]");

        page.Find("input[data-testid=leave-reason]").Change("Training");
        page.Find("[data-testid=preview-leave]").Click();

        page.WaitForAssertion(() => Assert.Contains("Will cancel 1 slot(s)", page.Find("[data-testid=cancellation-summary]").TextContent));
        Assert.Equal(SlotStatus.Open, (await Service<SlotService>().GetAsync(slot.Id)).Value!.Status);
        page.Find("[data-testid=confirm-leave]").Click();
        page.WaitForAssertion(() => Assert.Contains("Cancelled 1 slot(s)", page.Find("[data-testid=cancellation-summary]").TextContent));
        Assert.Equal(SlotStatus.Cancelled, (await Service<SlotService>().GetAsync(slot.Id)).Value!.Status);
        page.WaitForAssertion(() => Assert.Contains("Training", page.Find("[data-testid=leave-list]").TextContent));
    }

    [Fact]
    public async Task A_confirmed_leave_names_where_each_patient_went_by_doctor_date_and_time_never_by_slot_id()
    {
        var away = await Desk.Doctor("Leave words", "Dr. Words Away");
        var cover = await Desk.Doctor("Leave words", "Dr. Words Cover");
        var slot = await Desk.Slot(away.Id, "16:00", "17:00");
        var target = await Desk.Slot(cover.Id, "16:30", "17:30");
        await Desk.Issue("walkin", slot.Id, name: "Ravi Moves");
        var page = RenderAsAdmin<Leave>($"/admin/leave?doctor={away.Id}");
        page.WaitForElement("[data-testid=preview-leave]");
        page.Find("input[data-testid=leave-reason]").Change("Training");
        page.Find("[data-testid=preview-leave]").Click();
        page.WaitForAssertion(() => Assert.Contains("Will cancel 1 slot(s)", page.Find("[data-testid=cancellation-summary]").TextContent));

        page.Find("[data-testid=confirm-leave]").Click();

        page.WaitForAssertion(() => Assert.Contains("Cancelled 1 slot(s)", page.Find("[data-testid=cancellation-summary]").TextContent));
        var result = page.Find("[data-testid=cancellation]").TextContent;
        Assert.Contains($"Ravi Moves → Dr. Words Cover, {OpdApp.Day:ddd d MMM} 16:30", result);
        Assert.DoesNotContain($"slot {target.Id}", result);
    }

    [Fact]
    public async Task Admin_start_page_warns_of_a_doctor_working_today_without_slots()
    {
        await Desk.Doctor("Start page", "Dr. Forgotten", ["Monday"]);

        var page = RenderAsAdmin<AdminHome>();

        page.WaitForAssertion(() => Assert.Contains("Dr. Forgotten has OPD on Mondays but no slots today", page.Find("[data-testid=warnings]").TextContent));
    }

    [Fact]
    public void Schedules_page_says_what_to_do_before_a_doctor_is_chosen()
    {
        var page = RenderAsAdmin<Schedules>("/admin/schedules");

        page.WaitForAssertion(() => Assert.Contains("Choose a doctor", page.Find("[data-testid=schedule-hint]").TextContent));
    }

    [Fact]
    public async Task Slots_page_says_a_doctors_delay_once_not_running_late_twice()
    {
        var doctor = await Desk.Doctor("Slots words", "Dr. Twice");
        await Desk.Slot(doctor.Id, "09:00", "10:00");
        App.SetTime(8);
        (await Desk.Client.Post($"/api/doctors/{doctor.Id}/running-late", new { minutes = 20 })).EnsureSuccessStatusCode();

        var slots = RenderAsAdmin<Slots>($"/admin/slots?date={OpdApp.Day:yyyy-MM-dd}");

        slots.WaitForAssertion(() => Assert.Contains("Running 20 min late", slots.Find("[data-testid=slots]").TextContent));
        Assert.DoesNotContain("Running late · Running", slots.Find("[data-testid=slots]").TextContent);
    }

    [Fact]
    public async Task Schedules_page_previews_the_seats_kept_for_walk_ins_and_saves_them()
    {
        var doctor = await Desk.Doctor("Quotas", "Dr. Held", ["Monday"]);
        var page = RenderAsAdmin<Schedules>($"/admin/schedules?doctor={doctor.Id}");
        page.WaitForElement("[data-testid=add-session]").Click();

        page.Find("[data-testid=session-slot]").Change("180");
        page.Find("[data-testid=session-capacity]").Change("20");
        page.Find("[data-testid=session-minutes]").Change("3");
        page.Find("[data-testid=session-held]").Change("4");
        page.Find("[data-testid=session-release]").Change("30");

        page.WaitForAssertion(() => Assert.Equal("Each Monday 09:00 session: 20 seats, 4 kept for walk-ins until 08:30.",
            page.Find("[data-testid=session-preview]").TextContent.Trim()));
        page.Find("[data-testid=save-template]").Click();
        page.WaitForAssertion(() => Assert.Contains(Service<MudBlazor.ISnackbar>().ShownSnackbars, s => s.Message == "Template saved."));
        Assert.Equal((4, 30), (await Service<ScheduleService>().GetTemplateAsync(doctor.Id)).Value!.Sessions.Select(s => (s.WalkInSeatsHeld, s.HoldReleaseMinutes)).Single());
    }
}

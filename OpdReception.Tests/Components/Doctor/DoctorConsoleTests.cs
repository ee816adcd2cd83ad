using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using OpdReception.Components.Pages.Doctor;
using OpdReception.Components.Shared;
using OpdReception.Security;
using OpdReception.Services;
using OpdReception.Tests.Components.Reception;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Components.Doctor;

public sealed class DoctorConsoleTests(OpdApp app) : DeskContext(app)
{
    private IRenderedComponent<DoctorConsole> RenderAs(int doctorId) => RenderFor(new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, $"doctor-user-{doctorId}"),
            new Claim(OpdClaims.DisplayName, "Dr Test"),
            new Claim(ClaimTypes.Role, Roles.Doctor),
            new Claim(OpdClaims.DoctorId, doctorId.ToString()),
        ], "test")));

    private IRenderedComponent<DoctorConsole> RenderFor(ClaimsPrincipal user)
    {
        var host = Render<CascadingValue<Task<AuthenticationState>>>(p => p
            .Add(c => c.Value, Task.FromResult(new AuthenticationState(user)))
            .AddChildContent<DoctorConsole>());
        return host.FindComponent<DoctorConsole>();
    }

    private static bool Disabled(IRenderedComponent<DoctorConsole> page, string testId) =>
        page.Find($"[data-testid={testId}]").HasAttribute("disabled");

    [Fact]
    public async Task With_nobody_called_only_call_next_is_offered_and_with_a_patient_called_only_their_actions()
    {
        App.SetTime(8);
        var doctor = await Desk.Doctor(name: "Dr. Console");
        var slot = await Desk.Slot(doctor.Id, "09:00", "10:00");
        await Desk.Issue("walkin", slot.Id, name: "Meera Iyer");
        App.SetTime(9);
        var page = RenderAs(doctor.Id);

        page.WaitForAssertion(() => Assert.Contains("Nobody.", page.Find("[data-testid=with-doctor]").TextContent));
        Assert.False(Disabled(page, "call-next"));
        Assert.All(["recall", "not-here", "complete", "no-show", "undo"], id => Assert.True(Disabled(page, id)));

        page.Find("[data-testid=call-next]").Click();

        page.WaitForAssertion(() => Assert.Equal("T001", page.Find("[data-testid=now-token]").TextContent));
        Assert.Equal("Meera Iyer", page.Find("[data-testid=now-name]").TextContent);
        Assert.True(Disabled(page, "call-next"));
        Assert.All(["recall", "not-here", "complete", "no-show", "undo"], id => Assert.False(Disabled(page, id)));
        Assert.Contains("Called T001.", page.Find("[data-testid=console-message]").TextContent);
    }

    [Fact]
    public async Task Keys_call_recall_and_complete_and_the_cheat_sheet_lists_them()
    {
        App.SetTime(8);
        var doctor = await Desk.Doctor(name: "Dr. Keys");
        var slot = await Desk.Slot(doctor.Id, "09:00", "10:00");
        await Desk.Issue("walkin", slot.Id);
        App.SetTime(9);
        var page = RenderAs(doctor.Id);
        var keys = page.FindComponent<DeskShortcuts>();
        page.WaitForElement("[data-testid=call-next]:not([disabled])");

        await keys.InvokeAsync(() => keys.Instance.OnShortcut("N"));
        page.WaitForAssertion(() => Assert.Equal("T001", page.Find("[data-testid=now-token]").TextContent));
        await keys.InvokeAsync(() => keys.Instance.OnShortcut("R"));
        page.WaitForAssertion(() => Assert.Contains("called again once", page.Find("[data-testid=with-doctor]").TextContent));
        await keys.InvokeAsync(() => keys.Instance.OnShortcut("C"));
        page.WaitForAssertion(() => Assert.Contains("Nobody.", page.Find("[data-testid=with-doctor]").TextContent));
        await keys.InvokeAsync(() => keys.Instance.OnShortcut("?"));

        var sheet = Dialogs.WaitForElement("[data-testid=cheat-sheet]").TextContent;
        Assert.All(["Call next", "Recall", "Not here", "Complete", "No-show", "Undo"], label => Assert.Contains(label, sheet));
        Assert.All(["N", "R", "H", "C", "X", "U"], key => Assert.Contains(key, page.Markup));
    }

    [Fact]
    public async Task Undo_is_offered_for_two_minutes_then_turns_itself_off()
    {
        App.SetTime(8);
        var doctor = await Desk.Doctor(name: "Dr. Undo");
        var slot = await Desk.Slot(doctor.Id, "09:00", "10:00");
        await Desk.Issue("walkin", slot.Id);
        App.SetTime(9);
        var page = RenderAs(doctor.Id);
        page.WaitForElement("[data-testid=call-next]:not([disabled])").Click();
        page.WaitForElement("[data-testid=complete]:not([disabled])").Click();
        page.WaitForAssertion(() => Assert.Contains("Undo complete of T001", page.Find("[data-testid=undo]").TextContent));

        page.Find("[data-testid=undo]").Click();
        page.WaitForAssertion(() => Assert.Equal("T001", page.Find("[data-testid=now-token]").TextContent));

        page.Find("[data-testid=complete]").Click();
        page.WaitForAssertion(() => Assert.False(Disabled(page, "undo")));
        App.SetTime(9, 3);
        page.WaitForAssertion(() => Assert.True(Disabled(page, "undo")), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Not_here_puts_the_patient_on_the_list_with_a_call_again_button_and_running_late_shows_the_notice()
    {
        App.SetTime(8);
        var doctor = await Desk.Doctor(name: "Dr. Missing");
        var slot = await Desk.Slot(doctor.Id, "09:00", "10:00");
        await Desk.Issue("walkin", slot.Id);
        App.SetTime(9);
        var page = RenderAs(doctor.Id);
        page.WaitForElement("[data-testid=call-next]:not([disabled])").Click();
        page.WaitForElement("[data-testid=not-here]:not([disabled])").Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=awaiting-recall]")));
        Assert.Contains("back on the waiting list", page.Find("[data-testid=console-message]").TextContent);

        page.Find("[data-testid=running-late]").Click();
        page.WaitForAssertion(() => Assert.Equal("Running 15 min late", page.Find("[data-testid=notice]").TextContent));

        page.Find("[data-testid=recall-row]").Click();
        page.WaitForAssertion(() => Assert.Equal("T001", page.Find("[data-testid=now-token]").TextContent));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("481")]
    public async Task Running_late_out_of_1_to_480_minutes_is_refused_beside_the_field_and_cannot_be_applied(string typed)
    {
        App.SetTime(8);
        var doctor = await Desk.Doctor(name: "Dr. Late Typo");
        await Desk.Slot(doctor.Id, "09:00", "10:00");
        var page = RenderAs(doctor.Id);
        page.WaitForElement("[data-testid=running-late]:not([disabled])");

        page.Find("input[data-testid=late-minutes]").Input(typed);

        page.WaitForAssertion(() => Assert.True(Disabled(page, "running-late")));
        Assert.Contains("from 1 to 480", page.Find("input[data-testid=late-minutes]").Closest(".mud-input-control")!.TextContent);
        Assert.Empty(page.FindAll("[data-testid=notice]"));

        page.Find("input[data-testid=late-minutes]").Input("480");
        page.WaitForAssertion(() => Assert.False(Disabled(page, "running-late")));
    }

    [Fact]
    public async Task A_refusal_is_said_in_words_and_changes_nothing()
    {
        App.SetTime(8);
        var doctor = await Desk.Doctor(name: "Dr. Refused");
        var slot = await Desk.Slot(doctor.Id, "09:00", "10:00");
        var token = await Desk.Issue("walkin", slot.Id);
        App.SetTime(9);
        var page = RenderAs(doctor.Id);
        page.WaitForElement("[data-testid=call-next]:not([disabled])").Click();
        page.WaitForElement("[data-testid=complete]:not([disabled])");

        // The desk completes the patient meanwhile: the doctor's Undo of the call no longer applies.
        await Desk.SetStatus(token.Id, "Completed");
        page.WaitForAssertion(() => Assert.Contains("Nobody.", page.Find("[data-testid=with-doctor]").TextContent));
        page.Find("[data-testid=undo]").Click();

        page.WaitForAssertion(() => Assert.Contains("changed since", page.Find("[data-testid=console-message]").TextContent));
        Assert.Equal(OpdReception.Domain.TokenStatus.Completed, (await Desk.Token(token.Id)).Status);
    }

    [Fact]
    public async Task Undoing_a_no_show_whose_seat_the_desk_gave_away_says_why_on_screen_and_changes_nothing()
    {
        App.SetTime(8);
        var doctor = await Desk.Doctor(name: "Dr. Full");
        var slot = await Desk.Slot(doctor.Id, "09:00", "10:00", capacity: 1);
        var token = await Desk.Issue("walkin", slot.Id);
        App.SetTime(9);
        var page = RenderAs(doctor.Id);
        page.WaitForElement("[data-testid=call-next]:not([disabled])").Click();
        page.WaitForElement("[data-testid=no-show]:not([disabled])").Click();
        page.WaitForAssertion(() => Assert.Contains("Undo", page.Find("[data-testid=undo]").TextContent));

        await Desk.Issue("walkin", slot.Id);
        page.Find("[data-testid=undo]").Click();

        page.WaitForAssertion(() => Assert.Contains("The seat was given away since and the slot is full (1 of 1)",
            page.Find("[data-testid=console-message]").TextContent));
        Assert.Equal(OpdReception.Domain.TokenStatus.NoShow, (await Desk.Token(token.Id)).Status);
        Assert.Equal(1, (await Desk.GetSlot(slot.Id)).BookedCount);
    }

    [Fact]
    public async Task An_admin_covering_picks_the_doctor_whose_day_to_run()
    {
        App.SetTime(8);
        var doctor = await Desk.Doctor(name: "Dr. Covered");
        var slot = await Desk.Slot(doctor.Id, "09:00", "10:00");
        await Desk.Issue("walkin", slot.Id);
        var admin = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, "admin-user"), new Claim(ClaimTypes.Role, Roles.Admin)], "test"));
        var navigation = Services.GetRequiredService<NavigationManager>();

        var page = RenderFor(admin);
        page.WaitForAssertion(() => Assert.Contains("Choose a doctor", page.Markup));
        Assert.Empty(page.FindAll("[data-testid=call-next]"));

        navigation.NavigateTo(navigation.GetUriWithQueryParameter("doctor", doctor.Id));
        page = RenderFor(admin);
        page.WaitForAssertion(() => Assert.Contains("Dr. Covered", page.Find("h1").TextContent));
        Assert.Single(page.FindAll("[data-testid=day-queue] tbody tr"));
    }

    [Fact]
    public async Task Labels_run_across_the_doctors_slots_and_each_row_shows_its_slot_time()
    {
        App.SetTime(8);
        var doctor = await Desk.Doctor(name: "Dr. Twins");
        await Desk.Issue("book", (await Desk.Slot(doctor.Id, "09:00", "10:00")).Id, name: "First Patel");
        await Desk.Issue("book", (await Desk.Slot(doctor.Id, "10:00", "11:00")).Id, name: "Second Patel");

        var page = RenderAs(doctor.Id);

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=day-queue] tbody tr").Count));
        var tokens = page.FindAll("[data-testid=day-queue] tbody tr").Select(r => r.QuerySelectorAll("td")[1].TextContent.Trim()).ToList();
        Assert.Equal(["T001 09:00", "T002 10:00"], tokens);
    }
}

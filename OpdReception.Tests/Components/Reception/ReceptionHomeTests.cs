using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using OpdReception.Components.Pages.Reception;
using OpdReception.Components.Shared;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Components.Reception;

public sealed class ReceptionHomeTests(OpdApp app) : DeskContext(app)
{
    [Fact]
    public async Task Each_doctor_shows_seats_waiting_now_seeing_and_next_slot_and_follows_changes_made_elsewhere()
    {
        var doctor = await Desk.Doctor(name: "Dr. Glance");
        var slot = await Desk.Slot(doctor.Id, "09:00", "10:00", capacity: 2);
        await Desk.Slot(doctor.Id, "10:00", "11:00", capacity: 2);
        var first = await Desk.Issue("walkin", slot.Id);
        var page = Render<ReceptionHome>();
        var card = () => page.FindAll("[data-testid=doctor-day]").Single(c => c.TextContent.Contains("Dr. Glance"));
        page.WaitForAssertion(() => Assert.Contains("Seats 1 / 4", card().TextContent));
        Assert.Contains("Next slot with room: 09:00 (1 left)", card().TextContent);

        // Another desk fills the 09:00 slot and the doctor calls the first patient in.
        await Desk.Issue("walkin", slot.Id);
        await Desk.SetStatus(first.Id, "InConsultation");

        page.WaitForAssertion(() => Assert.Contains("T001 with the doctor", card().TextContent));
        Assert.Contains("Seats 2 / 4", card().TextContent);
        Assert.Contains("1 waiting", card().TextContent);
        Assert.Contains("Next slot with room: 10:00 (2 left)", card().TextContent);
    }

    [Fact]
    public async Task Shows_emergency_seats_and_a_doctor_running_late()
    {
        var doctor = await Desk.Doctor(name: "Dr. Late");
        var slot = await Desk.Slot(doctor.Id, capacity: 1);
        await Desk.Issue("walkin", slot.Id);
        await Desk.Issue("emergency", slot.Id);
        await Desk.Client.PatchAsync($"/api/slots/{slot.Id}/delay?delay_minutes=20", null, Xunit.TestContext.Current.CancellationToken);

        var page = Render<ReceptionHome>();

        var card = page.WaitForElements("[data-testid=doctor-day]").Single(c => c.TextContent.Contains("Dr. Late"));
        Assert.Contains("+1 emergency", card.TextContent);
        Assert.Contains("Running 20 min late", card.TextContent);
        Assert.Contains("No slot with room left today.", card.TextContent);
    }

    [Fact]
    public async Task The_question_mark_opens_a_cheat_sheet_listing_every_shortcut()
    {
        var page = Render<ReceptionHome>();
        var keys = page.FindComponent<DeskShortcuts>();

        await keys.InvokeAsync(() => keys.Instance.OnShortcut("?"));

        page.WaitForAssertion(() => Assert.True(keys.Instance.CheatSheetOpen));
        var sheet = Dialogs.WaitForElement("[data-testid=cheat-sheet]").TextContent;
        Assert.Contains("Start a new token", sheet);
        Assert.Contains("Find a patient", sheet);
        Assert.Contains("Print the slip", sheet);
    }

    [Fact]
    public async Task The_new_token_shortcut_clears_the_answer_for_the_next_patient()
    {
        var doctor = await Desk.Doctor();
        await Desk.Slot(doctor.Id);
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/reception?doctor={doctor.Id}");
        var page = Render<ReceptionHome>();
        page.WaitForElement("[data-testid=seats-left]");
        page.Find("input[data-testid=patient-name]").Input("Shortcut Person");
        page.Find("[data-testid=issue-button]").Click();
        page.WaitForElement("[data-testid=issued-answer]");

        var keys = page.FindComponent<DeskShortcuts>();
        // The cursor is in the doctor field by now, where only Alt+P reaches the page: it prints the slip just issued.
        await keys.InvokeAsync(() => keys.Instance.OnShortcut("Alt+P"));
        JSInterop.VerifyInvoke("print");
        await keys.InvokeAsync(() => keys.Instance.OnShortcut("N"));

        page.WaitForElement("[data-testid=issue-form]");
        Assert.Empty(page.FindAll("[data-testid=issued-answer]"));
        Assert.Equal("", page.Find("input[data-testid=patient-name]").GetAttribute("value") ?? "");
    }
}

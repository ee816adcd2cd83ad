using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using OpdReception.Components.Pages.Reception;
using OpdReception.Data;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Components.Reception;

public sealed class IssueFormTests(OpdApp app) : DeskContext(app)
{
    private IRenderedComponent<IssueForm> Form(int doctorId) => Render<IssueForm>(p => p.Add(f => f.DoctorId, doctorId));

    private static void Type(IRenderedComponent<IssueForm> form, string testId, string text) =>
        form.Find($"input[data-testid={testId}]").Input(text);

    private static IElement IssueButton(IRenderedComponent<IssueForm> form) => form.Find("[data-testid=issue-button]");

    [Fact]
    public async Task Walk_in_is_preselected_and_the_slot_defaults_to_the_earliest_with_room()
    {
        var doctor = await Desk.Doctor();
        var full = await Desk.Slot(doctor.Id, "09:00", "10:00", capacity: 1);
        await Desk.Slot(doctor.Id, "10:00", "11:00", capacity: 3);
        await Desk.Issue("walkin", full.Id);

        var form = Form(doctor.Id);

        form.WaitForAssertion(() => Assert.Contains("3 of 3 seats left", form.Find("[data-testid=seats-left]").TextContent));
        Assert.Contains("Walk-in", form.Find("[data-testid=source] [role=radio][aria-checked=true]").TextContent);
    }

    [Fact]
    public async Task Issues_a_walk_in_and_shows_the_number_doctor_position_and_estimate()
    {
        var doctor = await Desk.Doctor(name: "Dr. Answer");
        await Desk.Slot(doctor.Id, "09:00", "10:00");
        var form = Form(doctor.Id);
        form.WaitForElement("[data-testid=seats-left]");

        Type(form, "patient-name", "Ravi Kumar");
        Type(form, "patient-phone", "+91 90000 11111");
        IssueButton(form).Click();

        var answer = form.WaitForElement("[data-testid=issued-answer]");
        Assert.Equal("T001", form.Find("[data-testid=issued-number]").TextContent.Trim());
        Assert.Contains("Dr. Answer", answer.TextContent);
        Assert.Contains("Room 101", answer.TextContent);
        Assert.Contains("Position 1", answer.TextContent);
        Assert.Contains("expected about 09:00", answer.TextContent);
        Assert.Contains("T001", form.Find("[data-testid=token-slip]").TextContent);
    }

    [Fact]
    public async Task A_missing_name_is_shown_next_to_its_field_and_nothing_is_issued()
    {
        var doctor = await Desk.Doctor();
        var slot = await Desk.Slot(doctor.Id);
        var form = Form(doctor.Id);
        form.WaitForElement("[data-testid=seats-left]");

        IssueButton(form).Click();

        form.WaitForAssertion(() => Assert.Contains("Patient name is required.", form.Find("input[data-testid=patient-name]").Closest(".mud-input-control")!.TextContent));
        Assert.Empty((await Desk.Queue(slot.Id)).Tokens);
    }

    [Fact]
    public async Task The_form_cleared_for_the_next_patient_shows_no_error_when_the_cursor_leaves_the_name_field()
    {
        var doctor = await Desk.Doctor();
        await Desk.Slot(doctor.Id, "09:00", "10:00");
        var form = Form(doctor.Id);
        form.WaitForElement("[data-testid=seats-left]");

        Type(form, "patient-name", "Ravi Kumar");
        form.Find("input[data-testid=patient-name]").KeyDown("Enter");
        form.WaitForElement("[data-testid=issued-answer]");
        // Enter issued from the name field; the cleared form then moves the cursor to the doctor, and the name field loses it.
        form.Find("input[data-testid=patient-name]").Blur();

        var name = form.Find("input[data-testid=patient-name]").Closest(".mud-input-control")!;
        Assert.Equal("", form.Find("input[data-testid=patient-name]").GetAttribute("value") ?? "");
        Assert.DoesNotContain("required", name.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(form.FindAll(".mud-input-error"));
        Assert.Empty(form.FindAll("[data-testid=issue-problem]"));
    }

    [Fact]
    public async Task A_returning_patient_is_found_by_phone_digits_and_warned_about_the_token_they_hold()
    {
        var doctor = await Desk.Doctor();
        var slot = await Desk.Slot(doctor.Id);
        var patientId = (await Desk.Issue("walkin", slot.Id, name: "Meera Pillai", phone: "+91 98111-22334")).PatientId;
        var form = Form(doctor.Id);
        form.WaitForElement("[data-testid=seats-left]");

        Type(form, "patient-search", "9811122");
        form.WaitForAssertion(() => Assert.Contains("Meera Pillai", form.Find("[data-testid=patient-matches]").TextContent));
        form.Find("[data-testid=patient-matches] button").Click();

        form.WaitForAssertion(() => Assert.Contains("already holds T001", form.Find("[data-testid=held-warning]").TextContent));
        Assert.Equal("Meera Pillai", form.Find("input[data-testid=patient-name]").GetAttribute("value"));
        Assert.Equal(patientId, form.Find("input[data-testid=patient-id]").GetAttribute("value"));
    }

    [Fact]
    public async Task A_full_slot_offers_the_next_slot_with_its_estimate_and_issues_there_in_one_click()
    {
        var doctor = await Desk.Doctor();
        var first = await Desk.Slot(doctor.Id, "09:00", "10:00", capacity: 1);
        var second = await Desk.Slot(doctor.Id, "10:00", "11:00", capacity: 2);
        var form = Form(doctor.Id);
        form.WaitForElement("[data-testid=seats-left]");
        await Desk.Issue("walkin", first.Id);
        await Desk.Issue("walkin", second.Id);

        // The form still has the 09:00 slot chosen when another desk fills it.
        Type(form, "patient-name", "Late Comer");
        IssueButton(form).Click();

        var offer = form.WaitForElement("[data-testid=issue-in-offer]");
        Assert.Contains("full", form.Find("[data-testid=issue-problem]").TextContent);
        Assert.Contains("Issue in the 10:00 slot, expected about 10:10", offer.TextContent);
        offer.Click();

        // Labels run across the doctor's day: T001 and T002 went to the two slots before.
        form.WaitForAssertion(() => Assert.Equal("T003", form.Find("[data-testid=issued-number]").TextContent.Trim()));
        Assert.Equal(2, (await Desk.Queue(second.Id)).Tokens.Count);
    }

    [Fact]
    public async Task An_emergency_into_a_full_slot_says_a_seat_was_added()
    {
        var doctor = await Desk.Doctor();
        var slot = await Desk.Slot(doctor.Id, capacity: 1);
        await Desk.Issue("walkin", slot.Id);
        var form = Form(doctor.Id);
        form.WaitForElement("[data-testid=seats-left]");

        form.FindAll("[data-testid=source] [role=radio]").Single(b => b.TextContent.Contains("Emergency")).Click();
        form.WaitForAssertion(() => Assert.Contains("an emergency still gets in", form.Find("[data-testid=seats-left]").TextContent));
        Type(form, "patient-name", "Urgent Case");
        IssueButton(form).Click();

        form.WaitForAssertion(() => Assert.Contains("emergency seat was added", form.Find("[data-testid=seat-added]").TextContent));
        // An emergency is that patient's alone: the next one starts as a walk-in.
        Assert.Contains("Walk-in", form.Find("[data-testid=source] [role=radio][aria-checked=true]").TextContent);
    }

    [Fact]
    public async Task After_issuing_the_answer_stays_above_a_cleared_form_with_the_cursor_in_the_doctor_field()
    {
        var doctor = await Desk.Doctor(name: "Dr. Next Patient");
        var slot = await Desk.Slot(doctor.Id, "09:00", "10:00", capacity: 6);
        var form = Form(doctor.Id);
        form.WaitForElement("[data-testid=seats-left]");
        form.FindAll("[data-testid=source] [role=radio]").Single(b => b.TextContent.Contains("Priority")).Click();
        Type(form, "patient-name", "First Patient");
        Type(form, "patient-phone", "+91 90000 22222");

        IssueButton(form).Click();

        form.WaitForAssertion(() => Assert.Equal("T001", form.Find("[data-testid=issued-number]").TextContent.Trim()));
        Assert.Contains("Dr. Next Patient", form.Find("[data-testid=issued-doctor]").TextContent);
        Assert.Equal("", form.Find("input[data-testid=patient-name]").GetAttribute("value") ?? "");
        Assert.Equal("", form.Find("input[data-testid=patient-phone]").GetAttribute("value") ?? "");
        Assert.Contains("5 of 6 seats left", form.Find("[data-testid=seats-left]").TextContent);
        Assert.Contains("Priority", form.Find("[data-testid=source] [role=radio][aria-checked=true]").TextContent);
        // The picker focuses its field in the browser, keeping letters already typed there (only the doctor field asks).
        form.WaitForAssertion(() => Assert.Single(JSInterop.Invocations, i => i.Identifier == "focus"));

        // The next patient goes straight in; the answer then names them.
        Type(form, "patient-name", "Second Patient");
        IssueButton(form).Click();
        form.WaitForAssertion(() => Assert.Equal("T002", form.Find("[data-testid=issued-number]").TextContent.Trim()));
        Assert.Contains("Second Patient", form.Find("[data-testid=issued-answer]").TextContent);
        Assert.Equal(["First Patient", "Second Patient"], (await Desk.Queue(slot.Id)).Tokens.Select(t => t.PatientName).Order());

        form.Find("[data-testid=dismiss-answer]").Click();
        form.WaitForAssertion(() => Assert.Empty(form.FindAll("[data-testid=issued-answer]")));
        form.Find("[data-testid=issue-form]");
    }

    [Fact]
    public async Task The_button_is_disabled_while_issuing_and_a_second_Enter_issues_nothing_more()
    {
        var doctor = await Desk.Doctor();
        var slot = await Desk.Slot(doctor.Id);
        var form = Form(doctor.Id);
        form.WaitForElement("[data-testid=seats-left]");
        Type(form, "patient-name", "Double Press");

        // Another writer holds the database, so the issue waits in line while the desk presses again.
        await using var db = await App.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken);
        var writer = await WriteTransaction.BeginAsync(db, Xunit.TestContext.Current.CancellationToken);
        IssueButton(form).Click();
        form.WaitForAssertion(() => Assert.True(IssueButton(form).HasAttribute("disabled")));
        Assert.Contains("Issuing", IssueButton(form).TextContent);
        form.Find("input[data-testid=patient-name]").KeyDown("Enter");
        await writer.DisposeAsync();

        form.WaitForElement("[data-testid=issued-answer]");
        Assert.Single((await Desk.Queue(slot.Id)).Tokens);
    }

    [Fact]
    public async Task A_hospital_number_typed_and_cleared_again_gets_the_new_patient_a_new_number()
    {
        var doctor = await Desk.Doctor();
        await Desk.Slot(doctor.Id);
        var form = Form(doctor.Id);
        form.WaitForElement("[data-testid=seats-left]");
        Type(form, "patient-id", "P123");
        Type(form, "patient-id", "");
        Type(form, "patient-name", "Cleared Number");

        form.Find("input[data-testid=patient-name]").KeyDown("Enter");

        form.WaitForElement("[data-testid=issued-answer]");
        Assert.Matches(@"H-\d{6}", form.Find("[data-testid=issued-answer]").TextContent);
    }
}

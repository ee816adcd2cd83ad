using AngleSharp.Dom;
using Bunit;
using OpdReception.Components.Pages.Reception;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Components.Reception;

/// <summary>The desk records the patient's language, email and "no messages": on the issue form's more details, and on the record.</summary>
public sealed class DeskMessageDetailsTests(OpdApp app) : DeskContext(app)
{
    private static int _phones;

    private static string NewPhone() => $"+91 93{Interlocked.Increment(ref _phones):000 00000}";

    private async Task<IRenderedComponent<IssueForm>> FormWithMoreDetails(string name)
    {
        var doctor = await Desk.Doctor();
        await Desk.Slot(doctor.Id);
        var form = Render<IssueForm>(p => p.Add(f => f.DoctorId, doctor.Id));
        form.WaitForElement("[data-testid=seats-left]");
        form.Find("input[data-testid=patient-name]").Input(name);
        form.Find("input[data-testid=patient-phone]").Input(NewPhone());
        form.Find("[data-testid=more-details]").Click();
        return form;
    }

    private static IElement Choice(IRenderedComponent<IssueForm> form, string language) =>
        form.FindAll("[data-testid=patient-language] .mud-toggle-item").Single(b => b.TextContent.Contains(language, StringComparison.Ordinal));

    /// <summary>The checkbox's own input, wherever MudBlazor puts the test id.</summary>
    private static IElement Box<T>(IRenderedComponent<T> part, string testId) where T : Microsoft.AspNetCore.Components.IComponent =>
        part.Find($"[data-testid={testId}]") is { TagName: "INPUT" } input ? input : part.Find($"[data-testid={testId}]").QuerySelector("input[type=checkbox]")!;

    private async Task<PatientRecordView> IssuedRecord(IRenderedComponent<IssueForm> form)
    {
        form.WaitForElement("[data-testid=issued-answer]");
        return (await Service<PatientRecords>().RecordAsync(form.Instance.Issued!.PatientId)).Value!;
    }

    [Fact]
    public async Task The_language_starts_at_the_hospitals_default_and_a_new_patient_is_saved_with_it()
    {
        var form = await FormWithMoreDetails("Default Language");
        Assert.Contains("mud-toggle-item-selected", Choice(form, "English").ClassName);

        form.Find("input[data-testid=patient-name]").KeyDown("Enter");

        var record = await IssuedRecord(form);
        Assert.Equal(("en", null, false), (record.Language, record.Email, record.MessagesOptOut));
    }

    [Fact]
    public async Task Tamil_an_email_and_no_messages_chosen_at_the_desk_are_saved_on_the_new_record()
    {
        var form = await FormWithMoreDetails("Tamil Speaker");
        Choice(form, "தமிழ்").Click();
        Box(form, "patient-no-messages").Change(true);
        var email = form.Find("input[data-testid=patient-email]");
        email.Input("tamil.speaker@example.in");

        email.KeyDown("Enter");

        var record = await IssuedRecord(form);
        Assert.Equal(("ta", "tamil.speaker@example.in", true), (record.Language, record.Email, record.MessagesOptOut));
        // The next patient starts again from the hospital's default, with messages on.
        form.Find("[data-testid=more-details]").Click();
        Assert.Contains("mud-toggle-item-selected", Choice(form, "English").ClassName);
        Assert.False(Box(form, "patient-no-messages").IsChecked());
    }

    [Fact]
    public async Task A_wrong_email_is_refused_beside_its_field_and_issues_nothing()
    {
        var form = await FormWithMoreDetails("Wrong Email");
        var email = form.Find("input[data-testid=patient-email]");
        email.Input("wrong.example.in");

        email.KeyDown("Enter");

        form.WaitForAssertion(() => Assert.Contains("Email must be one address",
            form.Find("input[data-testid=patient-email]").Closest(".mud-input-control")!.TextContent));
        Assert.Empty(form.FindAll("[data-testid=issued-answer]"));
    }

    [Fact]
    public async Task The_record_shows_the_default_language_and_a_correction_turns_messages_off_with_a_history_line()
    {
        var token = await Desk.Issue("walkin", (await Desk.NewSlot()).Id, name: "Record Messages");
        var page = Render<PatientRecord>(p => p.Add(r => r.Id, token.PatientId));
        page.WaitForAssertion(() => Assert.Equal("English (the hospital's default)", page.Find("[data-testid=fact-language]").TextContent));
        Assert.Equal("On", page.Find("[data-testid=fact-messages]").TextContent);

        page.Find("[data-testid=edit-details]").Click();
        page.FindAll("[data-testid=edit-language] input[type=radio]")[1].Click();
        page.Find("input[data-testid=edit-email]").Input("record.messages@example.in");
        Box(page, "edit-no-messages").Change(true);
        page.Find("[data-testid=save-details]").Click();

        page.WaitForAssertion(() => Assert.Contains("Messages turned off at the desk", page.Find("[data-testid=patient-history]").TextContent));
        Assert.Equal("हिन्दी", page.Find("[data-testid=fact-language]").TextContent);
        Assert.Equal("record.messages@example.in", page.Find("[data-testid=fact-email]").TextContent);
        Assert.StartsWith("Off", page.Find("[data-testid=fact-messages]").TextContent, StringComparison.Ordinal);
        var saved = (await Service<PatientRecords>().RecordAsync(token.PatientId)).Value!;
        Assert.Equal(("hi", "record.messages@example.in", true), (saved.Language, saved.Email, saved.MessagesOptOut));
    }
}

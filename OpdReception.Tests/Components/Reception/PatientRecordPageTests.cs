using Bunit;
using OpdReception.Components.Pages.Reception;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Components.Reception;

/// <summary>The patient record page over the real services: details corrected with history, today's tokens acted on, a merge.</summary>
public sealed class PatientRecordPageTests(OpdApp app) : DeskContext(app)
{
    private IRenderedComponent<PatientRecord> Page(string id) => Render<PatientRecord>(p => p.Add(r => r.Id, id));

    private static void Type(IRenderedComponent<PatientRecord> page, string testId, string text) => page.Find($"input[data-testid={testId}]").Input(text);

    private async Task<(string Id, TokenView Token)> Patient(string name, string kind = "walkin", int? slotId = null)
    {
        var token = await Desk.Issue(kind, slotId ?? (await Desk.NewSlot()).Id, name: name);
        return (token.PatientId, token);
    }

    [Fact]
    public async Task The_page_shows_the_details_todays_tokens_in_the_desks_words_and_the_other_days()
    {
        var doctor = await Desk.Doctor(name: "Dr. Page Reader");
        var today = await Desk.Slot(doctor.Id, "09:00", "10:00");
        var ahead = await Desk.Slot(doctor.Id, "09:00", "10:00", date: OpdApp.Day.AddDays(2));
        var (id, _) = await Patient("Pooja Pagewala", "book", today.Id);
        await Desk.Issue("book", ahead.Id, id, "Pooja Pagewala");

        var page = Page(id);

        page.WaitForAssertion(() => Assert.Contains("Pooja Pagewala", page.Find("[data-testid=patient-heading]").TextContent));
        Assert.Equal(id, page.Find("[data-testid=fact-id]").TextContent);
        var row = page.Find("[data-testid=today-row]");
        Assert.Contains("Booked, not arrived", row.TextContent);
        Assert.Contains("Dr. Page Reader", row.TextContent);
        Assert.NotNull(row.QuerySelector($"button[data-action={RowAction.CheckIn}]"));
        Assert.Contains(OpdApp.Day.AddDays(2).ToString("ddd d MMM yyyy"), page.Find("[data-testid=visit-row]").TextContent);
        Assert.DoesNotContain("NoShow", page.Markup);
        Assert.DoesNotContain("Booked,not", page.Markup);
    }

    [Fact]
    public async Task Correcting_the_details_saves_them_and_each_change_shows_in_the_records_history()
    {
        var (id, _) = await Patient("Farah Fixme");
        var page = Page(id);
        page.WaitForElement("[data-testid=edit-details]").Click();

        Type(page, "edit-phone", "+91 99887 66554");
        Type(page, "edit-age", "52");
        Type(page, "edit-address", "7 Lake Road, Bhopal");
        page.Find("[data-testid=save-details]").Click();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=history-row]").Count(r => r.TextContent.Contains("Corrected"))));
        var history = page.Find("[data-testid=patient-history]").TextContent;
        Assert.Contains("Corrected: Phone: +91 98765 43210 → +91 99887 66554", history);
        Assert.Contains("Address: (none) → 7 Lake Road, Bhopal", history);
        Assert.Contains("52 years", page.Find("[data-testid=fact-age]").TextContent);
        Assert.Contains("Saved: 3 changes, each", page.Find("[data-testid=record-notice]").TextContent);
        var saved = (await Service<PatientRecords>().RecordAsync(id)).Value!;
        Assert.Equal(("+91 99887 66554", 52), (saved.Phone, saved.Age));
    }

    /// <summary>A wrong value is refused beside its field, never clamped or half-saved (age 200 was once clamped to 120).</summary>
    [Theory]
    [InlineData("edit-abha-number", "12-34", "ABHA number must be 14 digits")]
    [InlineData("edit-age", "200", "Age must be 0 to 120 years.")]
    public async Task A_wrong_field_is_shown_next_to_it_and_nothing_is_saved(string field, string typed, string refusal)
    {
        var (id, _) = await Patient("Wrong Field Wadia");
        var page = Page(id);
        page.WaitForElement("[data-testid=edit-details]").Click();

        Type(page, field, typed);
        page.Find("[data-testid=save-details]").Click();

        page.WaitForAssertion(() => Assert.Contains(refusal,
            page.Find($"input[data-testid={field}]").Closest(".mud-input-control")!.TextContent));
        var record = (await Service<PatientRecords>().RecordAsync(id)).Value!;
        Assert.Null(record.AbhaNumber);
        Assert.Null(record.Age);
        Assert.DoesNotContain(page.FindAll("[data-testid=history-row]"), r => r.TextContent.Contains("Corrected"));
    }

    [Fact]
    public async Task A_booked_patient_is_checked_in_from_their_record()
    {
        var (id, token) = await Patient("Checkin Chawla", "book");
        var page = Page(id);

        page.WaitForElement($"button[data-action={RowAction.CheckIn}]").Click();

        page.WaitForAssertion(() => Assert.Equal("Waiting", page.Find("[data-testid=today-status]").TextContent));
        Assert.Equal(TokenStatus.Waiting, (await Desk.Token(token.Id)).Status);
    }

    [Fact]
    public async Task A_merge_needs_a_reason_then_moves_the_other_records_tokens_here()
    {
        var (keep, _) = await Patient("Banerjee Anita");
        var (from, moved) = await Patient("Anita Banerji");
        var page = Page(keep);
        page.WaitForElement("[data-testid=merge-button]").Click();

        Dialogs.WaitForElement("input[data-testid=merge-from]").Input(from);
        Dialogs.WaitForAssertion(() => Assert.Contains("Anita Banerji", Dialogs.Find("[data-testid=merge-other]").TextContent));
        Assert.Contains("1 token today, none on other days", Dialogs.Find("[data-testid=merge-other]").TextContent);
        Dialogs.Find("[data-testid=confirm-merge]").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("A merge needs a reason.",
            Dialogs.Find("input[data-testid=merge-reason]").Closest(".mud-input-control")!.TextContent));
        Assert.Null((await Service<PatientRecords>().RecordAsync(from)).Value!.MergedIntoId);

        Dialogs.Find("input[data-testid=merge-reason]").Input("Same phone, name spelt two ways");
        Dialogs.Find("[data-testid=confirm-merge]").Click();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=today-row]").Count));
        Assert.Contains($"{from} merged into {keep}", page.Find("[data-testid=record-notice]").TextContent);
        Assert.Contains("Another record merged in", page.Find("[data-testid=patient-history]").TextContent);
        Assert.Equal(keep, (await Desk.Token(moved.Id)).PatientId);
    }

    [Fact]
    public async Task A_merged_record_points_to_the_record_kept_and_offers_no_correction_or_merge()
    {
        var (keep, _) = await Patient("Kept Kulkarni");
        var (from, _) = await Patient("Merged Kulkarni");
        Assert.True((await Service<MergePatients>().MergeAsync(keep, from, "duplicate", "Test desk")).IsOk);

        var page = Page(from);

        page.WaitForAssertion(() => Assert.Contains($"merged into {keep}", page.Find("[data-testid=merged-into]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=edit-details]"));
        Assert.Empty(page.FindAll("[data-testid=merge-button]"));
        Assert.Contains("Merged into another record", page.Find("[data-testid=patient-history]").TextContent);
    }

    [Fact]
    public void An_unknown_record_says_so()
    {
        var page = Page("NOSUCH-9");

        page.WaitForAssertion(() => Assert.Contains("Patient NOSUCH-9 does not exist.", page.Find("[data-testid=record-problem]").TextContent));
    }
}

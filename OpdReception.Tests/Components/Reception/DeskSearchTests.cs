using Bunit;
using Microsoft.AspNetCore.Components.Web;
using OpdReception.Components.Pages.Reception;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Components.Reception;

/// <summary>The desk's search: each match with their tokens of today, and an arrival checked in with one key.</summary>
public sealed class DeskSearchTests(OpdApp app) : DeskContext(app)
{
    private IRenderedComponent<IssueForm> Form() => Render<IssueForm>();

    private static void Search(IRenderedComponent<IssueForm> form, string text) => form.Find("input[data-testid=patient-search]").Input(text);

    private static void PressInSearch(IRenderedComponent<IssueForm> form, string key) =>
        form.Find("input[data-testid=patient-search]").KeyDown(new KeyboardEventArgs { Key = key });

    [Fact]
    public async Task A_match_shows_each_token_of_today_with_its_doctor_and_state_in_the_desks_words()
    {
        var doctor = await Desk.Doctor(name: "Dr. Searchable");
        var slot = await Desk.Slot(doctor.Id, "11:00", "12:00");
        await Desk.Issue("book", slot.Id, name: "Zarina Todaywala");
        var form = Form();

        Search(form, "Todaywala");

        form.WaitForAssertion(() => Assert.Contains("Booked, not arrived", form.Find("[data-testid=match-token]").TextContent));
        var row = form.Find("[data-testid=match-token]");
        Assert.Contains("T001", row.TextContent);
        Assert.Contains("Dr. Searchable", row.TextContent);
        Assert.Contains("11:00", row.TextContent);
        Assert.Contains("Check in", form.Find("[data-testid=match-arrive]").TextContent);
    }

    [Fact]
    public async Task Enter_in_the_search_checks_in_the_highlighted_matchs_booked_token()
    {
        var doctor = await Desk.Doctor();
        var slot = await Desk.Slot(doctor.Id);
        var booked = await Desk.Issue("book", slot.Id, name: "Kiran Arrivesnow");
        var form = Form();

        Search(form, "Arrivesnow");
        form.WaitForElement("[data-testid=match-arrive]");
        PressInSearch(form, "Enter");

        form.WaitForAssertion(() => Assert.Contains("Waiting", form.Find("[data-testid=arrival-notice]").TextContent));
        Assert.Equal(TokenStatus.Waiting, (await Desk.Token(booked.Id)).Status);
        Assert.Contains("Waiting", form.Find("[data-testid=match-token-status]").TextContent);
        Assert.Empty(form.FindAll("[data-testid=match-arrive]"));
    }

    [Fact]
    public async Task A_patient_marked_did_not_come_is_offered_re_admit_and_Enter_puts_them_back_in_the_queue()
    {
        var doctor = await Desk.Doctor();
        var slot = await Desk.Slot(doctor.Id);
        var token = await Desk.Issue("book", slot.Id, name: "Lata Cameback");
        Assert.True((await Desk.SetStatus(token.Id, "NoShow")).IsSuccessStatusCode);
        var form = Form();

        Search(form, "Cameback");

        form.WaitForAssertion(() => Assert.Contains("Re-admit", form.Find("[data-testid=match-arrive]").TextContent));
        Assert.Contains("Did not come", form.Find("[data-testid=match-token-status]").TextContent);
        PressInSearch(form, "Enter");

        form.WaitForAssertion(() => Assert.Contains("Waiting", form.Find("[data-testid=arrival-notice]").TextContent));
        Assert.Equal(TokenStatus.Waiting, (await Desk.Token(token.Id)).Status);
    }

    [Fact]
    public async Task The_arrow_keys_move_the_highlight_and_Enter_acts_on_the_match_highlighted()
    {
        var doctor = await Desk.Doctor();
        var slot = await Desk.Slot(doctor.Id);
        var first = await Desk.Issue("book", slot.Id, name: "Anil Twinsearch");
        var second = await Desk.Issue("book", slot.Id, name: "Bina Twinsearch");
        var form = Form();

        Search(form, "Twinsearch");
        form.WaitForAssertion(() => Assert.Equal(2, form.FindAll("[data-testid=patient-match]").Count));
        PressInSearch(form, "ArrowDown");
        form.WaitForAssertion(() => Assert.Contains("Bina", form.Find("[data-testid=patient-match][aria-current=true]").TextContent));
        PressInSearch(form, "Enter");

        form.WaitForAssertion(() => Assert.Contains("Bina Twinsearch", form.Find("[data-testid=arrival-notice]").TextContent));
        Assert.Equal(TokenStatus.Waiting, (await Desk.Token(second.Id)).Status);
        Assert.Equal(TokenStatus.Booked, (await Desk.Token(first.Id)).Status);
    }

    [Fact]
    public async Task Enter_on_a_match_with_nothing_to_check_in_chooses_the_patient_for_a_new_token()
    {
        var doctor = await Desk.Doctor();
        var slot = await Desk.Slot(doctor.Id);
        var patientId = (await Desk.Issue("walkin", slot.Id, name: "Neha Alreadyin")).PatientId;
        var form = Render<IssueForm>(p => p.Add(f => f.DoctorId, doctor.Id));

        Search(form, "Alreadyin");
        form.WaitForAssertion(() => Assert.Contains("Waiting", form.Find("[data-testid=match-token-status]").TextContent));
        PressInSearch(form, "Enter");

        form.WaitForAssertion(() => Assert.Equal(patientId, form.Find("input[data-testid=patient-id]").GetAttribute("value")));
        Assert.Empty(form.FindAll("[data-testid=arrival-notice]"));
    }

    [Fact]
    public async Task A_merged_record_is_still_found_and_points_to_the_record_kept_but_is_never_chosen_for_issuing()
    {
        var slot = await Desk.NewSlot();
        var keep = (await Desk.Issue("walkin", slot.Id, name: "Ishaan Mergedaway")).PatientId;
        var merged = (await Desk.Issue("book", (await Desk.NewSlot()).Id, name: "Ishan Mergedaway")).PatientId;
        Assert.True((await Service<MergePatients>().MergeAsync(keep, merged, "registered twice", "Test desk")).IsOk);
        var form = Form();

        Search(form, merged);

        form.WaitForAssertion(() => Assert.Contains($"merged into {keep}", form.Find("[data-testid=match-merged]").TextContent));
        Assert.Equal($"/reception/patients/{keep}", form.Find("[data-testid=match-merged] a").GetAttribute("href"));
        Assert.DoesNotContain(form.FindAll($"[data-patient={merged}] button"), b => b.TextContent.Contains("Ishan Mergedaway"));
        PressInSearch(form, "Enter");

        form.WaitForAssertion(() => Assert.Contains($"find {keep} instead", form.Find("[data-testid=arrival-notice]").TextContent));
        Assert.Null(form.Find("input[data-testid=patient-id]").GetAttribute("value"));
    }

    [Fact]
    public async Task A_patient_chosen_for_a_new_token_who_did_not_come_earlier_is_offered_re_admit_instead()
    {
        var doctor = await Desk.Doctor(name: "Dr. Rather");
        var slot = await Desk.Slot(doctor.Id);
        var token = await Desk.Issue("book", slot.Id, name: "Usha Insteadof");
        Assert.True((await Desk.SetStatus(token.Id, "NoShow")).IsSuccessStatusCode);
        var form = Render<IssueForm>(p => p.Add(f => f.DoctorId, doctor.Id));
        Search(form, "Insteadof");
        form.WaitForElement("[data-testid=match-arrive]");

        form.Find("[data-testid=patient-matches] button").Click();

        form.WaitForAssertion(() => Assert.Contains("holds T001 with Dr. Rather today (Did not come): re-admit rather than issue a new token",
            form.Find("[data-testid=rather-arrive]").TextContent));
        form.Find("[data-testid=rather-arrive-button]").Click();
        form.WaitForAssertion(() => Assert.Empty(form.FindAll("[data-testid=rather-arrive]")));
        Assert.Equal(TokenStatus.Waiting, (await Desk.Token(token.Id)).Status);
        Assert.Contains("Waiting", form.Find("[data-testid=arrival-notice]").TextContent);
    }
}

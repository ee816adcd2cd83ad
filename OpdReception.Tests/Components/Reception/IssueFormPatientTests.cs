using Bunit;
using OpdReception.Components.Pages.Reception;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Components.Reception;

/// <summary>The issue form and the patient on record: the question before a second record, and the patient card.</summary>
public sealed class IssueFormPatientTests(OpdApp app) : DeskContext(app)
{
    private IRenderedComponent<IssueForm> Form(int doctorId) => Render<IssueForm>(p => p.Add(f => f.DoctorId, doctorId));

    [Fact]
    public async Task A_phone_on_record_with_a_similar_name_asks_first_and_1_issues_to_the_record()
    {
        var onRecord = await Desk.Issue("walkin", (await Desk.NewSlot()).Id, name: "Kavya Nair", phone: "+91 98000 44551");
        var doctor = await Desk.Doctor();
        var slot = await Desk.Slot(doctor.Id);
        var form = Form(doctor.Id);
        form.WaitForElement("[data-testid=seats-left]");
        form.Find("input[data-testid=patient-name]").Input("kavya  nair");
        form.Find("input[data-testid=patient-phone]").Input("98000-44551");

        form.Find("input[data-testid=patient-name]").KeyDown("Enter");

        form.WaitForAssertion(() => Assert.Contains($"Kavya Nair · {onRecord.PatientId}", form.Find("[data-testid=same-patient]").TextContent));
        Assert.Empty((await Desk.Queue(slot.Id)).Tokens);
        form.Find("input[data-testid=same-patient-key]").KeyDown("1");
        form.WaitForAssertion(() => Assert.Contains(onRecord.PatientId, form.Find("[data-testid=issued-answer]").TextContent));
    }

    [Fact]
    public async Task The_patient_card_shows_every_field_on_record()
    {
        var doctor = await Desk.Doctor();
        await Desk.Slot(doctor.Id);
        await Desk.Client.Post("/api/tokens/walkin", new
        {
            slotId = (await Desk.NewSlot()).Id, patientName = "Rekha Pillai", phoneNumber = "+91 98000 77112", newPatient = true,
            sex = "Female", age = 34, address = "4 Temple Road, Kochi", abhaNumber = "12345678901234", abhaAddress = "rekha.pillai@abdm",
        });
        var form = Form(doctor.Id);
        form.WaitForElement("[data-testid=seats-left]");

        form.Find("input[data-testid=patient-search]").Input("9800077112");
        form.WaitForElement("[data-testid=patient-matches] button").Click();

        form.WaitForAssertion(() =>
        {
            var card = form.Find("[data-testid=patient-card]").TextContent;
            Assert.Contains("Female, ~34 y", card);
            Assert.Contains("4 Temple Road, Kochi", card);
            Assert.Contains("12-3456-7890-1234", card);
            Assert.Contains("rekha.pillai@abdm", card);
        });
    }

    [Fact]
    public async Task An_unknown_hospital_number_is_shown_against_its_field_and_issues_nothing()
    {
        var doctor = await Desk.Doctor();
        var slot = await Desk.Slot(doctor.Id);
        var form = Form(doctor.Id);
        form.WaitForElement("[data-testid=seats-left]");
        form.Find("input[data-testid=patient-id]").Input("H-999997");
        form.Find("input[data-testid=patient-name]").Input("Nobody Known");

        form.Find("input[data-testid=patient-name]").KeyDown("Enter");

        form.WaitForAssertion(() => Assert.Contains("H-999997 (patientId) is not on record", form.Find("[data-testid=issue-problem]").TextContent));
        Assert.Contains(form.FindAll(".mud-input-error"), e => e.TextContent.Contains("not on record", StringComparison.Ordinal));
        Assert.Empty((await Desk.Queue(slot.Id)).Tokens);
    }

    private async Task<IRenderedComponent<IssueForm>> FormWithMoreDetails(int doctorId, string name, string phone)
    {
        var form = Form(doctorId);
        form.WaitForElement("[data-testid=seats-left]");
        form.Find("input[data-testid=patient-name]").Input(name);
        form.Find("input[data-testid=patient-phone]").Input(phone);
        form.Find("[data-testid=more-details]").Click();
        return form;
    }

    [Fact]
    public async Task Enter_in_a_more_details_field_issues_with_what_was_typed_there()
    {
        var doctor = await Desk.Doctor();
        var slot = await Desk.Slot(doctor.Id);
        var form = await FormWithMoreDetails(doctor.Id, "Leela Menon", "98000 55123");
        form.Find("input[data-testid=patient-address]").Input("7 Beach Road, Kochi");
        form.Find("input[data-testid=patient-abha-address]").Input("leela.menon@abdm");
        var abha = form.Find("input[data-testid=patient-abha-number]");
        abha.Input("12345678901234");

        abha.KeyDown("Enter");

        form.WaitForElement("[data-testid=issued-answer]");
        var token = Assert.Single((await Desk.Queue(slot.Id)).Tokens);
        var record = await (await Desk.Client.GetAsync($"/api/patients/{token.PatientId}")).Read<OpdReception.Services.PatientRecordView>();
        Assert.Equal(("7 Beach Road, Kochi", "leela.menon@abdm"), (record.Address, record.AbhaAddress));
        Assert.Equal("12345678901234", record.AbhaNumber?.Replace("-", ""));
    }

    [Fact]
    public async Task Enter_on_a_wrong_abha_number_is_refused_beside_it_and_issues_nothing()
    {
        var doctor = await Desk.Doctor();
        var slot = await Desk.Slot(doctor.Id);
        var form = await FormWithMoreDetails(doctor.Id, "Leela Menon", "98000 55124");
        var abha = form.Find("input[data-testid=patient-abha-number]");
        abha.Input("1234");

        abha.KeyDown("Enter");

        form.WaitForAssertion(() => Assert.Contains("ABHA number must be 14 digits", form.Markup));
        Assert.Empty((await Desk.Queue(slot.Id)).Tokens);
    }
}

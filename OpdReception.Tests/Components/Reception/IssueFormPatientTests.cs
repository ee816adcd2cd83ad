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
}

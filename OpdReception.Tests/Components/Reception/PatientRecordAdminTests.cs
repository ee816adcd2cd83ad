using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components.Authorization;
using OpdReception.Components.Pages.Reception;
using OpdReception.Security;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Components.Reception;

/// <summary>On the patient record page an admin sees who read the patient and may erase the details on request; the desk sees neither.</summary>
public sealed class PatientRecordAdminTests(OpdApp app) : DeskContext(app)
{
    private IRenderedComponent<PatientRecord> PageAs(string role, string name, string id)
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, $"{role}-id"), new Claim(OpdClaims.DisplayName, name), new Claim(ClaimTypes.Role, role)], "Test"));
        return Render<PatientRecord>(p => p.Add(r => r.Id, id).AddCascadingValue(Task.FromResult(new AuthenticationState(principal))));
    }

    [Fact]
    public async Task An_admin_sees_who_read_the_patient_and_the_desk_does_not()
    {
        var token = await Desk.Issue("walkin", (await Desk.NewSlot()).Id, name: "Yamini Watched");
        var desk = await App.ClientAsAsync(Roles.Receptionist);
        await desk.GetAsync($"/api/patients/{token.PatientId}", Xunit.TestContext.Current.CancellationToken);

        var atDesk = PageAs(Roles.Receptionist, "Ravi Receptionist", token.PatientId);
        atDesk.WaitForAssertion(() => Assert.Contains("Yamini Watched", atDesk.Find("[data-testid=patient-heading]").TextContent));
        Assert.Empty(atDesk.FindAll("[data-testid=patient-accesses]"));
        Assert.Empty(atDesk.FindAll("[data-testid=erase-button]"));

        var asAdmin = PageAs(Roles.Admin, "Anu Admin", token.PatientId);

        asAdmin.WaitForAssertion(() => Assert.Equal(3, asAdmin.FindAll("[data-testid=access-row]").Count));
        var rows = asAdmin.FindAll("[data-testid=access-row]").Select(r => r.TextContent).ToList();
        // Newest first: this very open by the admin, the desk's open on screen, the desk's open through the API.
        Assert.Contains("Anu Admin", rows[0]);
        Assert.Contains("Ravi Receptionist", rows[1]);
        Assert.Contains("Test Receptionist", rows[2]);
        Assert.All(rows, r => Assert.Contains("Opened the patient's record", r));
    }

    [Fact]
    public async Task An_admin_erases_a_patients_details_with_a_reason_and_a_tick()
    {
        var token = await Desk.Issue("walkin", (await Desk.NewSlot()).Id, name: "Zoya Eraseme", phone: "+91 91111 00000");
        var page = PageAs(Roles.Admin, "Anu Admin", token.PatientId);

        page.WaitForElement("[data-testid=erase-button]").Click();
        var confirm = Dialogs.WaitForElement("[data-testid=confirm-erase]");
        Assert.True(confirm.HasAttribute("disabled"));
        Dialogs.Find("input[data-testid=erase-reason], [data-testid=erase-reason] input").Input("Patient's written request");
        Assert.True(Dialogs.Find("[data-testid=confirm-erase]").HasAttribute("disabled"));
        Dialogs.Find("input[type=checkbox]").Change(true);
        Dialogs.WaitForAssertion(() => Assert.False(Dialogs.Find("[data-testid=confirm-erase]").HasAttribute("disabled")));
        Dialogs.Find("[data-testid=confirm-erase]").Click();

        page.WaitForAssertion(() => Assert.Contains(ErasePatients.ErasedName, page.Find("[data-testid=patient-heading]").TextContent));
        Assert.Contains("details were erased", page.Find("[data-testid=record-notice]").TextContent);
        Assert.DoesNotContain("Zoya", page.Markup);
        Assert.DoesNotContain("91111", page.Markup);
        Assert.Empty(page.FindAll("[data-testid=erase-button]"));
        Assert.Equal(ErasePatients.ErasedName, (await Desk.Token(token.Id)).PatientName);
    }
}

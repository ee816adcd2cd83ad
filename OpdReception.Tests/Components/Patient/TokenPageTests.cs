using Bunit;
using OpdReception.Components.Pages.Patient;
using OpdReception.Security;
using OpdReception.Services;
using OpdReception.Tests.Components.Reception;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Components.Patient;

public sealed class TokenPageTests(OpdApp app) : DeskContext(app)
{
    [Fact]
    public async Task Shows_number_doctor_room_position_and_estimate_live_and_no_name_or_phone()
    {
        App.SetTime(8);
        var doctor = await Desk.Doctor(name: "Dr. Page");
        var slot = await Desk.Slot(doctor.Id, "09:00", "10:00");
        await Desk.Issue("walkin", slot.Id, name: "Zubeida Quraishi");
        var mine = await Desk.Issue("walkin", slot.Id, name: "Zubeida Quraishi");
        var code = (await Service<DeskService>().SlipAsync(mine.Id, Xunit.TestContext.Current.CancellationToken)).Value!.Code;

        var page = Render<TokenPage>(p => p.Add(x => x.Code, code));

        page.WaitForAssertion(() => Assert.Equal("T002", page.Find("[data-testid=token-number]").TextContent));
        Assert.Equal("1 patient before you.", page.Find("[data-testid=position]").TextContent);
        Assert.Equal("09:10", page.Find("[data-testid=estimate]").TextContent);
        Assert.Contains("Dr. Page · Room 101", page.Markup);
        Assert.DoesNotContain("Zubeida", page.Markup);
        Assert.DoesNotContain("98765", page.Markup);

        App.SetTime(9);
        (await Desk.Client.PostAsync($"/api/slots/{slot.Id}/call-next", null, Xunit.TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        page.WaitForAssertion(() => Assert.Equal("You are next.", page.Find("[data-testid=position]").TextContent));

        var doctorClient = await App.ClientAsAsync(Roles.Doctor, doctor.Id);
        (await doctorClient.Post($"/api/doctors/{doctor.Id}/running-late", new { minutes = 30 })).EnsureSuccessStatusCode();
        page.WaitForAssertion(() => Assert.Contains("running 30 min late", page.Find("[data-testid=late-note]").TextContent));
        // Nobody is seen before the doctor is back at 09:30, and this patient is next.
        Assert.Equal("09:30", page.Find("[data-testid=estimate]").TextContent);
    }

    [Fact]
    public void An_unknown_code_says_the_page_is_not_available()
    {
        var page = Render<TokenPage>(p => p.Add(x => x.Code, "abcdefghjkmnpqrstuvw"));

        page.WaitForElement("[data-testid=not-available]");
    }
}

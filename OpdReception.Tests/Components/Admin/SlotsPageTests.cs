using Bunit;
using OpdReception.Components.Pages.Admin;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Components.Admin;

/// <summary>The admin's slots page offers Reallocate… only where a reallocation can work.</summary>
public sealed class SlotsPageTests(OpdApp app) : AdminContext(app)
{
    [Fact]
    public async Task Reallocate_is_offered_on_a_delayed_slot_with_patients_and_not_on_an_open_one()
    {
        var specialization = $"Admin realloc {Guid.NewGuid():N}";
        var doctor = await Desk.Doctor(specialization: specialization, name: $"Dr. Late {Guid.NewGuid():N}"[..16]);
        var colleague = await Desk.Doctor(specialization: specialization, name: "Dr. On Time");
        var open = await Desk.Slot(doctor.Id, "09:00", "10:00");
        var late = await Desk.Slot(doctor.Id, "10:00", "11:00");
        await Desk.Slot(colleague.Id, "10:00", "11:00");
        await Desk.Issue("walkin", open.Id);
        await Desk.Issue("walkin", late.Id, name: "Moved By Admin");
        await Desk.Client.PatchAsync($"/api/slots/{late.Id}/delay?delay_minutes=60", null);
        var page = RenderAsAdmin<Slots>($"/admin/slots?date={OpdApp.Day:yyyy-MM-dd}");

        string Button(string start) => $"button[aria-label='Reallocate the patients of the {start} slot of {doctor.Name}']";
        page.WaitForAssertion(() => Assert.NotNull(page.Find(Button("10:00"))));
        Assert.Empty(page.FindAll(Button("09:00")));

        page.Find(Button("10:00")).Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("Moved By Admin", Dialogs.Find("[data-testid=preview-move]").TextContent));
        Dialogs.Find("[data-testid=confirm-slot]").Click();

        Dialogs.WaitForAssertion(() => Assert.Empty(Dialogs.FindAll("[data-testid=confirm-slot]")));
        Assert.Empty((await Desk.Queue(late.Id)).Tokens);
    }
}

using Bunit;
using OpdReception.Components.Pages.Admin;
using OpdReception.Components.Shared;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Components.Admin;

/// <summary>Issue 17: the admin's doctor fields pick the doctor their text names, or none with a reason.</summary>
public sealed class AdminPickerTests(OpdApp app) : AdminContext(app)
{
    [Fact]
    public async Task The_leave_page_takes_the_doctor_typed_and_says_when_the_name_fits_none()
    {
        var surname = $"Away{Guid.NewGuid():N}"[..10];
        var away = await Desk.Doctor("Picker leave", $"Dr. Rita {surname}");
        await Desk.Doctor("Picker leave", "Dr. Rita Staying");
        await Desk.Slot(away.Id, "16:00", "17:00");
        var page = RenderAsAdmin<Leave>("/admin/leave");
        var field = page.FindComponent<Picker>();

        page.Find("input[data-testid=leave-doctor]").Input("Nobody Here");
        await field.InvokeAsync(() => field.Instance.EnterWith("Nobody Here"));
        page.WaitForAssertion(() => Assert.Contains("No doctor matches “Nobody Here”.", page.Markup));

        page.Find("input[data-testid=leave-doctor]").Input("Rita");
        await field.InvokeAsync(() => field.Instance.EnterWith("Rita"));
        page.WaitForAssertion(() => Assert.Contains("2 doctors match “Rita” — pick one.", page.Markup));

        page.Find("input[data-testid=leave-doctor]").Input($"rita {surname[..6]}");
        await field.InvokeAsync(() => field.Instance.EnterWith($"rita {surname[..6]}"));
        page.WaitForAssertion(() => Assert.Equal($"Dr. Rita {surname} — Picker leave", page.Find("input[data-testid=leave-doctor]").GetAttribute("value")));
        page.Find("input[data-testid=leave-reason]").Change("Training");
        page.Find("[data-testid=preview-leave]").Click();
        page.WaitForAssertion(() => Assert.Contains("Will cancel 1 slot(s)", page.Find("[data-testid=cancellation-summary]").TextContent));
    }
}

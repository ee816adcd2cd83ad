using Bunit;
using OpdReception.Components.Pages.Reception;
using OpdReception.Components.Shared;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Components.Reception;

/// <summary>Issue 17: the doctor field of the desk's form holds the doctor its text names, or none with a reason.</summary>
public sealed class IssueFormPickerTests(OpdApp app) : DeskContext(app)
{
    /// <summary>A surname no other test of the class uses, so what is typed fits only the doctors of the test.</summary>
    private static string Unique(string start) => $"{start}{Guid.NewGuid():N}"[..10];

    private static async Task EnterAsync(IRenderedComponent<ReceptionHome> page, string typed)
    {
        page.Find("input[data-testid=doctor]").Input(typed);
        var picker = page.FindComponent<Picker>();
        await picker.InvokeAsync(() => picker.Instance.EnterWith(typed));
    }

    private static string Problem(IRenderedComponent<ReceptionHome> page) =>
        page.Find("input[data-testid=doctor]").Closest(".mud-input-control")!.TextContent;

    [Fact]
    public async Task Enter_after_a_surname_picks_that_doctor_and_loads_their_slots()
    {
        var surname = Unique("Khan");
        var doctor = await Desk.Doctor(name: $"Dr. Sara {surname}", specialization: "Paediatrics");
        await Desk.Doctor(name: $"Dr. Anita {Unique("Rao")}");
        await Desk.Slot(doctor.Id, "09:00", "10:00", capacity: 4);
        var page = Render<ReceptionHome>();
        page.WaitForElement("input[data-testid=doctor]");

        await EnterAsync(page, surname.ToLowerInvariant());

        page.WaitForAssertion(() => Assert.Contains($"Dr. Sara {surname} · Paediatrics · Room 101", page.Find("[data-testid=chosen-doctor]").TextContent));
        Assert.Equal($"Dr. Sara {surname} — Paediatrics", page.Find("input[data-testid=doctor]").GetAttribute("value"));
        page.WaitForAssertion(() => Assert.Contains("4 of 4 seats left", page.Find("[data-testid=seats-left]").TextContent));
    }

    [Fact]
    public async Task A_name_that_fits_no_doctor_picks_none_and_says_so_and_nothing_is_issued()
    {
        var doctor = await Desk.Doctor(name: $"Dr. Anita {Unique("Rao")}");
        var slot = await Desk.Slot(doctor.Id);
        var page = Render<ReceptionHome>();
        page.WaitForElement("input[data-testid=doctor]");
        var typed = Unique("Nobody");

        await EnterAsync(page, typed);

        page.WaitForAssertion(() => Assert.Contains($"No doctor matches “{typed}”.", Problem(page)));
        Assert.Empty(page.FindAll("[data-testid=chosen-doctor]"));
        page.Find("input[data-testid=patient-name]").Input("Asha Verma");
        page.Find("[data-testid=issue-button]").Click();
        page.WaitForAssertion(() => Assert.Contains("Please fill in the fields marked in red.", page.Find("[data-testid=issue-problem]").TextContent));
        Assert.Empty((await Desk.Queue(slot.Id)).Tokens);
    }

    [Fact]
    public async Task Two_doctors_fitting_the_text_are_offered_and_the_one_clicked_is_picked()
    {
        var specialization = Unique("Ortho");
        var iyer = await Desk.Doctor(name: $"Dr. Vikram {Unique("Iyer")}", specialization: specialization);
        var ali = await Desk.Doctor(name: $"Dr. Farhan {Unique("Ali")}", specialization: specialization);
        var page = Render<ReceptionHome>();
        page.WaitForElement("input[data-testid=doctor]");

        await EnterAsync(page, specialization);

        page.WaitForAssertion(() => Assert.Contains($"2 doctors match “{specialization}” — pick one.", Problem(page)));
        Assert.Empty(page.FindAll("[data-testid=chosen-doctor]"));
        var options = page.FindAll("[role=listbox] [role=option]");
        Assert.Equal(new[] { iyer.Name, ali.Name }.Order(), options.Select(o => o.TextContent.Split(" — ")[0]).Order());
        options.Single(o => o.TextContent.StartsWith(ali.Name, StringComparison.Ordinal)).Click();
        page.WaitForAssertion(() => Assert.Contains(ali.Name, page.Find("[data-testid=chosen-doctor]").TextContent));
    }

    [Fact]
    public async Task Changing_the_text_after_a_pick_unpicks_the_doctor_so_the_old_one_is_never_issued_to()
    {
        var surname = Unique("Khan");
        var doctor = await Desk.Doctor(name: $"Dr. Sara {surname}");
        var slot = await Desk.Slot(doctor.Id);
        var page = Render<ReceptionHome>();
        page.WaitForElement("input[data-testid=doctor]");
        await EnterAsync(page, surname);
        page.WaitForElement("[data-testid=seats-left]");

        page.Find("input[data-testid=doctor]").Input("Dr. Sara");
        page.Find("input[data-testid=patient-name]").Input("Asha Verma");
        page.Find("[data-testid=issue-button]").Click();

        page.WaitForAssertion(() => Assert.Contains("Choose a doctor.", Problem(page)));
        Assert.Empty(page.FindAll("[data-testid=chosen-doctor]"));
        Assert.Empty((await Desk.Queue(slot.Id)).Tokens);
    }

    [Fact]
    public async Task A_token_issued_at_another_desk_while_someone_types_leaves_every_typed_letter_in_place()
    {
        var doctor = await Desk.Doctor(name: $"Dr. Glance {Unique("Live")}");
        var slot = await Desk.Slot(doctor.Id);
        var page = Render<ReceptionHome>();
        var before = page.WaitForElement("[data-testid=last-update]").TextContent;
        page.Find("input[data-testid=doctor]").Input("Kh");

        App.Clock.Advance(TimeSpan.FromSeconds(5));
        await Desk.Issue("walkin", slot.Id);

        page.WaitForAssertion(() => Assert.NotEqual(before, page.Find("[data-testid=last-update]").TextContent));
        Assert.Equal("Kh", page.Find("input[data-testid=doctor]").GetAttribute("value"));
    }
}

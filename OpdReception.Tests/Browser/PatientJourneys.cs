using Deque.AxeCore.Playwright;
using OpdReception.Security;
using OpdReception.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace OpdReception.Tests.Browser;

/// <summary>One record per patient, at a real Chromium: the desk is asked "is this the same patient?" and answers from the keyboard.</summary>
public sealed class PatientJourneys(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private readonly Desk _desk = new(browser.App.CreateClient());

    [Fact]
    public async Task A_duplicate_patient_is_caught_at_the_desk_and_resolved_as_the_same_patient_then_as_a_new_one()
    {
        var doctor = await _desk.Doctor(name: "Dr. Same Person");
        await _desk.Slot(doctor.Id, "09:00", "10:00");
        var onRecord = await _desk.Issue("walkin", (await _desk.NewSlot()).Id, name: "Amit Banerji", phone: "+91 98450 11223");
        var page = await browser.SignInAsync(Roles.Receptionist);
        await page.GotoAsync($"/reception?doctor={doctor.Id}");
        await BrowserApp.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("seats-left")).ToBeVisibleAsync();

        // The same man, his name spelt another way and his phone typed another way: the desk is asked, and 1 answers.
        await page.GetByTestId("patient-name").FillAsync("Amit Banerjee");
        await page.GetByTestId("patient-phone").FillAsync("98450-11223");
        await page.GetByTestId("patient-name").PressAsync("Enter");
        await Expect(page.GetByTestId("same-patient")).ToContainTextAsync("Is this the same patient?");
        await Expect(page.GetByTestId("same-patient-choice")).ToContainTextAsync($"Amit Banerji · {onRecord.PatientId}");
        await Expect(page.GetByTestId("same-patient-key")).ToBeFocusedAsync();
        Assert.Empty(await ViolationsAsync(page.GetByTestId("same-patient")));
        await page.Keyboard.PressAsync("1");

        await Expect(page.GetByTestId("issued-answer")).ToContainTextAsync(onRecord.PatientId);

        // His brother, same phone, same initials: Esc goes back to the form, N makes a new record. The form is already cleared for him.
        await Expect(page.GetByTestId("patient-name")).ToHaveValueAsync("");
        await Expect(page.GetByTestId("seats-left")).ToBeVisibleAsync();
        await page.GetByTestId("patient-name").FillAsync("Amit Banerjee");
        await page.GetByTestId("patient-phone").FillAsync("+91 98450 11223");
        await page.GetByTestId("patient-sex").GetByText("Male", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("patient-age").FillAsync("12");
        await page.GetByTestId("more-details").ClickAsync();
        await Expect(page.GetByTestId("patient-abha-address")).ToBeVisibleAsync();
        Assert.Empty(await ViolationsAsync(page.GetByTestId("issue-form")));
        await page.GetByTestId("patient-name").PressAsync("Enter");
        await Expect(page.GetByTestId("same-patient-key")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByTestId("same-patient")).ToHaveCountAsync(0);
        await page.GetByTestId("patient-name").PressAsync("Enter");
        await Expect(page.GetByTestId("same-patient-key")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("n");

        var answer = page.GetByTestId("issued-answer");
        await Expect(answer).Not.ToContainTextAsync(onRecord.PatientId);
        await Expect(answer).ToContainTextAsync("Amit Banerjee");
        Assert.DoesNotContain(onRecord.PatientId, await answer.InnerTextAsync());
        await Expect(page.GetByTestId("slip-patient")).ToHaveTextAsync("Male, ~12 y");
    }

    /// <summary>Every axe violation, of any impact, within the part of the page this journey added.</summary>
    private static async Task<IReadOnlyList<string>> ViolationsAsync(Microsoft.Playwright.ILocator part) =>
        [.. (await part.RunAxe()).Violations.Select(v => $"{v.Impact} {v.Id}: {v.Help} at {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")];
}

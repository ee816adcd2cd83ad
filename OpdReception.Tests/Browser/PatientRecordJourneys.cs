using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using OpdReception.Domain;
using OpdReception.Security;
using OpdReception.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace OpdReception.Tests.Browser;

/// <summary>A receptionist and a patient at the counter, in a real Chromium: arrivals from the desk's search, and the patient's record.</summary>
public sealed class PatientRecordJourneys(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private readonly Desk _desk = new(browser.App.CreateClient());

    private async Task<IPage> DeskAsync(string path)
    {
        var page = await browser.SignInAsync(Roles.Receptionist);
        await page.GotoAsync(path);
        await BrowserApp.WaitForInteractiveAsync(page);
        return page;
    }

    private static async Task SearchAsync(IPage page, string typed)
    {
        await page.GetByTestId("keys-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.Keyboard.PressAsync("/");
        await Expect(page.GetByTestId("patient-search")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(typed, new() { Delay = 30 });
    }

    [Fact]
    public async Task A_booked_patient_at_the_counter_is_checked_in_with_one_search_and_one_key()
    {
        var doctor = await _desk.Doctor(name: "Dr. One Key");
        var slot = await _desk.Slot(doctor.Id, "09:00", "10:00");
        var booked = await _desk.Issue("book", slot.Id, name: "Gopal Onekey");
        var page = await DeskAsync("/reception");

        await SearchAsync(page, "Onekey");
        // The receptionist presses Enter as soon as the name is typed, whether or not the matches have caught up.
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByTestId("arrival-notice")).ToContainTextAsync("T001 (Gopal Onekey) with Dr. One Key: Waiting.");
        await Expect(page.GetByTestId("match-token-status")).ToHaveTextAsync("Waiting");
        Assert.Equal(TokenStatus.Waiting, (await _desk.Token(booked.Id)).Status);
        Assert.Equal("/reception", BrowserApp.PathOf(page));
    }

    [Fact]
    public async Task A_patient_who_did_not_come_and_turns_up_is_re_admitted_from_the_search_not_issued_again()
    {
        var doctor = await _desk.Doctor();
        var slot = await _desk.Slot(doctor.Id, "09:00", "10:00");
        var token = await _desk.Issue("book", slot.Id, name: "Hema Latecomer");
        Assert.True((await _desk.SetStatus(token.Id, "NoShow")).IsSuccessStatusCode);
        var page = await DeskAsync("/reception");

        await SearchAsync(page, "Latecomer");
        await Expect(page.GetByTestId("match-arrive")).ToContainTextAsync("Re-admit");
        await Expect(page.GetByTestId("match-token-status")).ToHaveTextAsync("Did not come");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByTestId("arrival-notice")).ToContainTextAsync("Waiting");
        Assert.Equal(TokenStatus.Waiting, (await _desk.Token(token.Id)).Status);
        Assert.Single((await _desk.Queue(slot.Id)).Tokens);
    }

    [Fact]
    public async Task The_record_opened_from_the_search_is_corrected_and_a_duplicate_merged_into_it()
    {
        var slot = await _desk.NewSlot();
        var keep = (await _desk.Issue("walkin", slot.Id, name: "Sanjay Recordkeeper")).PatientId;
        var moved = await _desk.Issue("book", (await _desk.NewSlot()).Id, name: "Sanjay Recordkeepr");
        var duplicate = moved.PatientId;
        var page = await DeskAsync("/reception");

        await SearchAsync(page, "Recordkeeper");
        await page.Locator($"[data-patient={keep}]").GetByTestId("patient-record-link").ClickAsync();
        await Expect(page.GetByTestId("patient-heading")).ToHaveTextAsync("Sanjay Recordkeeper", new() { Timeout = 30_000 });
        await BrowserApp.WaitForInteractiveAsync(page);

        await page.GetByTestId("edit-details").ClickAsync();
        await page.GetByTestId("edit-phone").FillAsync("+91 90000 55555");
        await page.GetByLabel("Male", new() { Exact = true }).CheckAsync();
        await page.GetByTestId("edit-age").FillAsync("61");
        await page.GetByTestId("save-details").ClickAsync();
        await Expect(page.GetByTestId("fact-phone")).ToHaveTextAsync("+91 90000 55555");
        await Expect(page.GetByTestId("fact-sex")).ToHaveTextAsync("Male");
        await Expect(page.GetByTestId("patient-history")).ToContainTextAsync("Phone: +91 98765 43210 → +91 90000 55555");

        await page.GetByTestId("merge-button").ClickAsync();
        await page.GetByTestId("merge-from").FillAsync(duplicate);
        await Expect(page.GetByTestId("merge-other")).ToContainTextAsync("Sanjay Recordkeepr");
        await page.GetByTestId("merge-reason").FillAsync("Same phone, surname misspelt at the desk");
        await page.GetByTestId("confirm-merge").ClickAsync();

        await Expect(page.GetByTestId("record-notice")).ToContainTextAsync($"{duplicate} merged into {keep}");
        await Expect(page.GetByTestId("today-row")).ToHaveCountAsync(2);
        Assert.Equal(keep, (await _desk.Token(moved.Id)).PatientId);
    }

    [Fact]
    public async Task An_admin_sees_who_read_a_patient_and_erases_the_details_on_request()
    {
        var token = await _desk.Issue("walkin", (await _desk.NewSlot()).Id, name: "Kiran Erasable", phone: "+91 92222 33333");
        var desk = await DeskAsync($"/reception/patients/{token.PatientId}");
        await Expect(desk.GetByTestId("patient-heading")).ToHaveTextAsync("Kiran Erasable");
        await Expect(desk.GetByTestId("patient-accesses")).ToHaveCountAsync(0);
        await Expect(desk.GetByTestId("erase-button")).ToHaveCountAsync(0);

        var page = await browser.SignInAsync(Roles.Admin);
        await page.GotoAsync($"/reception/patients/{token.PatientId}");
        await BrowserApp.WaitForInteractiveAsync(page);
        // The desk's open was read twice, prerendered and live: one open, one line.
        var deskOpen = page.GetByTestId("access-row").Filter(new() { HasText = "Test Receptionist" });
        await Expect(deskOpen).ToHaveCountAsync(1);
        await Expect(deskOpen).ToContainTextAsync("Opened the patient's record");
        await NoViolationsAsync(page, "record as an admin");

        await page.GetByTestId("erase-button").ClickAsync();
        await Expect(page.GetByTestId("confirm-erase")).ToBeDisabledAsync();
        await NoViolationsAsync(page, "erase dialog");
        await page.GetByTestId("erase-reason").FillAsync("Patient's written request at the desk");
        await page.GetByLabel("I understand the details cannot be brought back").CheckAsync();
        await page.GetByTestId("confirm-erase").ClickAsync();

        await Expect(page.GetByTestId("record-notice")).ToContainTextAsync("details were erased");
        await Expect(page.GetByTestId("patient-heading")).ToHaveTextAsync("Erased");
        Assert.Equal("Erased", (await _desk.Token(token.Id)).PatientName);
    }

    private static async Task NoViolationsAsync(IPage page, string where)
    {
        var result = await page.RunAxe();
        Assert.True(result.Violations.Length == 0, $"{where}: " + string.Join("; ", result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}")));
    }

    [Fact]
    public async Task The_desk_search_the_record_its_correction_form_and_the_merge_dialog_have_no_accessibility_violations()
    {
        var slot = await _desk.NewSlot();
        var id = (await _desk.Issue("book", slot.Id, name: "Axel Accessible")).PatientId;
        var page = await DeskAsync("/reception");

        await SearchAsync(page, "Accessible");
        await Expect(page.GetByTestId("match-arrive")).ToBeVisibleAsync();
        await NoViolationsAsync(page, "desk search");

        await page.GotoAsync($"/reception/patients/{id}");
        await BrowserApp.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("today-row")).ToBeVisibleAsync();
        await NoViolationsAsync(page, "record");

        await page.GetByTestId("edit-details").ClickAsync();
        await Expect(page.GetByTestId("save-details")).ToBeVisibleAsync();
        await NoViolationsAsync(page, "correction form");

        await page.GetByTestId("merge-button").ClickAsync();
        await Expect(page.GetByTestId("merge-dialog")).ToBeVisibleAsync();
        await NoViolationsAsync(page, "merge dialog");
    }
}

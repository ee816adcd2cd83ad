using System.Diagnostics;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using OpdReception.Security;
using OpdReception.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace OpdReception.Tests.Browser;

/// <summary>A receptionist at a real Chromium: issuing every kind, the board, the slip, reallocation, two desks at once.</summary>
public sealed class DeskJourneys(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private readonly Desk _desk = new(browser.App.CreateClient());

    private async Task<IPage> DeskAsync(string path)
    {
        var page = await browser.SignInAsync(Roles.Receptionist);
        await page.GotoAsync(path);
        await BrowserApp.WaitForInteractiveAsync(page);
        return page;
    }

    private static async Task<string> IssueAsync(IPage page, string source, string name)
    {
        await page.GetByTestId("source").GetByText(source, new() { Exact = true }).ClickAsync();
        await page.GetByTestId("patient-name").FillAsync(name);
        await page.GetByTestId("patient-name").PressAsync("Enter");
        await Expect(page.GetByTestId("issued-number")).ToBeVisibleAsync();
        return (await page.GetByTestId("issued-number").InnerTextAsync()).Trim();
    }

    private static Task<string?[]> BoardOrderAsync(IPage page) =>
        page.Locator("[data-testid=queue] tr[data-token]").EvaluateAllAsync<string?[]>("rows => rows.map(r => r.dataset.token)");

    [Fact]
    public async Task A_receptionist_issues_each_of_the_five_kinds_and_sees_each_on_the_board_in_its_place()
    {
        var doctor = await _desk.Doctor(name: "Dr. Five Kinds");
        await _desk.Slot(doctor.Id, "09:00", "10:00", capacity: 6);
        var page = await DeskAsync($"/reception?doctor={doctor.Id}");
        await Expect(page.GetByTestId("seats-left")).ToContainTextAsync("6 of 6 seats left");

        var issued = new Dictionary<string, string>();
        foreach (var (source, name) in new[] { ("Walk-in", "Wally Walker"), ("Online booking", "Olga Online"), ("Priority (paid)", "Priya Paid"), ("Follow-up", "Farid Follow"), ("Emergency", "Emma Urgent") })
        {
            issued[source] = await IssueAsync(page, source, name);
            await page.Keyboard.PressAsync("Alt+n");
            await Expect(page.GetByTestId("issue-form")).ToBeVisibleAsync();
        }

        await page.GotoAsync($"/reception/board/{doctor.Id}");
        await BrowserApp.WaitForInteractiveAsync(page);
        await Expect(page.Locator("[data-testid=queue] tr[data-token]")).ToHaveCountAsync(5);
        Assert.Equal(
            [issued["Emergency"], issued["Priority (paid)"], issued["Follow-up"], issued["Online booking"], issued["Walk-in"]],
            await BoardOrderAsync(page));
        await Expect(page.Locator($"tr[data-token={issued["Online booking"]}]")).ToContainTextAsync("Booked, not arrived");
        await Expect(page.Locator($"tr[data-token={issued["Emergency"]}]")).ToContainTextAsync("Waiting");
        await Expect(page.Locator($"tr[data-token={issued["Emergency"]}]")).ToContainTextAsync("Emergency");
    }

    [Fact]
    public async Task A_regular_issues_a_walk_in_from_the_keyboard_alone()
    {
        var doctor = await _desk.Doctor();
        await _desk.Slot(doctor.Id, "09:00", "10:00");
        var page = await DeskAsync($"/reception?doctor={doctor.Id}");
        await Expect(page.GetByTestId("seats-left")).ToBeVisibleAsync();
        // The key listener attaches after the first interactive render; a key pressed before it is lost.
        await page.GetByTestId("keys-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await page.Keyboard.PressAsync("Alt+n");
        await Expect(page.Locator("input[data-testid=doctor]")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Alt+s");
        await Expect(page.GetByTestId("patient-search")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByTestId("patient-name")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Keyboard Kumar");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByTestId("issued-number")).ToHaveTextAsync("T001");
        // The cursor is back in the doctor field, where "?" is typing: step out of it first.
        await Expect(page.Locator("input[data-testid=doctor]")).ToBeFocusedAsync();
        await page.GetByTestId("desk-day").ClickAsync();
        await page.Keyboard.PressAsync("?");
        await Expect(page.GetByTestId("cheat-sheet")).ToContainTextAsync("Start a new token");
    }

    [Fact]
    public async Task After_issuing_the_cursor_is_in_the_doctor_field_for_the_next_patient_and_alt_p_prints_from_there()
    {
        var first = await _desk.Doctor(name: "Dr. Quentin First");
        var next = await _desk.Doctor(name: "Dr. Pippa Quill");
        await _desk.Slot(first.Id, "09:00", "10:00");
        await _desk.Slot(next.Id, "09:00", "10:00");
        var page = await DeskAsync($"/reception?doctor={first.Id}");
        await Expect(page.GetByTestId("seats-left")).ToBeVisibleAsync();
        await page.GetByTestId("keys-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        // Count print requests instead of opening the browser's print dialog.
        await page.EvaluateAsync("() => { window.printed = 0; window.print = () => window.printed++; }");
        var doctor = page.Locator("input[data-testid=doctor]");

        await page.GetByTestId("patient-name").FillAsync("Asha First");
        await page.GetByTestId("patient-name").PressAsync("Enter");

        await Expect(page.GetByTestId("issued-number")).ToHaveTextAsync("T001");
        await Expect(doctor).ToBeFocusedAsync();
        await Expect(page.GetByTestId("patient-name")).ToHaveValueAsync("");
        await page.Keyboard.PressAsync("Alt+p");
        await page.WaitForFunctionAsync("() => window.printed === 1");
        await Expect(page.GetByTestId("issued-answer")).ToContainTextAsync("Dr. Quentin First");
        var violations = (await page.GetByTestId("issued-answer").RunAxe()).Violations;
        Assert.Empty(violations.Select(v => $"{v.Impact} {v.Id}: {v.Help}"));

        // The doctor's text is selected: typing replaces it, and a bare p is typing, not printing.
        await page.Keyboard.TypeAsync("pippa quill");
        await Expect(doctor).ToHaveValueAsync("pippa quill");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("chosen-doctor")).ToContainTextAsync("Dr. Pippa Quill");
        await page.Keyboard.PressAsync("Alt+p");
        await page.WaitForFunctionAsync("() => window.printed >= 2");
        Assert.Equal(2, await page.EvaluateAsync<int>("() => window.printed"));

        await page.GetByTestId("patient-name").FillAsync("Bina Next");
        await page.GetByTestId("patient-name").PressAsync("Enter");
        await Expect(page.GetByTestId("issued-doctor")).ToContainTextAsync("Dr. Pippa Quill");
        await Expect(page.GetByTestId("issued-answer")).ToContainTextAsync("Bina Next");
        await Expect(doctor).ToBeFocusedAsync();
    }

    [Fact]
    public async Task On_the_board_slash_finds_a_patient_and_n_opens_the_issuing_form_for_that_doctor()
    {
        var doctor = await _desk.Doctor();
        var slot = await _desk.Slot(doctor.Id, "09:00", "10:00");
        await _desk.Issue("walkin", slot.Id, name: "Farah Khan");
        await _desk.Issue("walkin", slot.Id, name: "Gopal Menon");
        var page = await DeskAsync($"/reception/board/{doctor.Id}");
        await Expect(page.Locator("[data-testid=queue] tr[data-token]")).ToHaveCountAsync(2);
        await page.GetByTestId("keys-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await page.Keyboard.PressAsync("/");
        await Expect(page.GetByTestId("board-search")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("gopal");
        await Expect(page.Locator("[data-testid=queue] tr[data-token]")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=queue] tr[data-token=T002]")).ToBeVisibleAsync();

        await page.Keyboard.PressAsync("Alt+n");
        // Blazor moves within the page (history API): poll the address rather than wait for a page load.
        await Expect(page).ToHaveURLAsync(new Regex($"/reception\\?doctor={doctor.Id}$"), new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("seats-left")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_full_slot_offers_the_next_slot_and_issues_there_in_one_click()
    {
        var doctor = await _desk.Doctor();
        var first = await _desk.Slot(doctor.Id, "09:00", "10:00", capacity: 1);
        var second = await _desk.Slot(doctor.Id, "10:00", "11:00", capacity: 2);
        var page = await DeskAsync($"/reception?doctor={doctor.Id}");
        await Expect(page.GetByTestId("seats-left")).ToContainTextAsync("1 of 1 seats left");

        await _desk.Issue("walkin", first.Id);
        await Expect(page.GetByTestId("seats-left")).ToContainTextAsync("full");
        await page.GetByTestId("patient-name").FillAsync("Nina Nextslot");
        await page.GetByTestId("patient-name").PressAsync("Enter");

        var offer = page.GetByTestId("issue-in-offer");
        await Expect(offer).ToContainTextAsync("Issue in the 10:00 slot, expected about 10:00");
        await offer.ClickAsync();

        // Labels run across the doctor's day: the 09:00 walk-in was T001, so Nina is T002 whichever slot she is in.
        await Expect(page.GetByTestId("issued-number")).ToHaveTextAsync("T002");
        Assert.Equal("Nina Nextslot", Assert.Single((await _desk.Queue(second.Id)).Tokens).PatientName);
    }

    [Fact]
    public async Task An_online_booking_into_seats_kept_for_walk_ins_is_refused_in_words_and_a_walk_in_takes_one()
    {
        var doctor = await _desk.Doctor(name: "Dr. Held Seats");
        var slot = await (await _desk.Client.Post("/api/slots", new { doctorId = doctor.Id, date = OpdApp.Day.ToString("yyyy-MM-dd"), startTime = "11:00",
            endTime = "12:00", maxCapacity = 2, walkInSeatsHeld = 2, holdReleaseMinutes = 30 })).EnsureSuccessStatusCode().Read<OpdReception.Services.SlotView>();
        browser.App.SetTime(8);
        var page = await DeskAsync($"/reception?doctor={doctor.Id}");
        await page.GetByTestId("source").GetByText("Online booking", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("walk-in-hold")).ToHaveTextAsync("2 walk-in seats held until 10:30: online booking cannot take them.");

        await page.GetByTestId("patient-name").FillAsync("Omar Online");
        await page.GetByTestId("patient-name").PressAsync("Enter");

        await Expect(page.GetByTestId("issue-problem")).ToContainTextAsync("The last 2 seats of the 11:00 session are kept for walk-ins until 10:30.");
        Assert.Equal(await IssueAsync(page, "Walk-in", "Wendy Walkin"), Assert.Single((await _desk.Queue(slot.Id)).Tokens).TokenNumber);
    }

    [Fact]
    public async Task The_slip_prints_alone_with_the_token_number_and_a_qr_code()
    {
        var doctor = await _desk.Doctor(name: "Dr. Slip");
        await _desk.Slot(doctor.Id, "09:00", "10:00");
        var page = await DeskAsync($"/reception?doctor={doctor.Id}");
        await Expect(page.GetByTestId("seats-left")).ToBeVisibleAsync();
        var number = await IssueAsync(page, "Walk-in", "Sunil Slip");
        await Expect(page.GetByTestId("token-slip")).ToBeHiddenAsync();

        await page.EmulateMediaAsync(new() { Media = Media.Print });

        var slip = page.GetByTestId("token-slip");
        await Expect(slip).ToBeVisibleAsync();
        await Expect(slip).ToContainTextAsync(number);
        await Expect(slip).ToContainTextAsync("Dr. Slip");
        await Expect(slip).ToContainTextAsync("City Hospital OPD");
        await Expect(page.GetByTestId("issued-answer")).ToBeHiddenAsync();
        Assert.True(await slip.Locator("img.slip-qr").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"));
        Assert.DoesNotContain("Sunil", await slip.InnerTextAsync());
        var pdf = await page.PdfAsync(new() { Width = "80mm", Height = "120mm" });
        Assert.True(pdf.Length > 1000);
    }

    [Fact]
    public async Task A_reallocation_preview_is_shown_and_then_confirmed()
    {
        // Issue 6: a delayed slot's patient moves only where seen earlier, which is a colleague's slot.
        var specialization = $"Journey {Guid.NewGuid():N}";
        var doctor = await _desk.Doctor(specialization: specialization);
        var colleague = await _desk.Doctor(specialization: specialization);
        var early = await _desk.Slot(doctor.Id, "09:00", "10:00");
        var later = await _desk.Slot(colleague.Id, "09:00", "10:00");
        await _desk.Issue("walkin", early.Id, name: "Rekha Realloc");
        await _desk.Client.PatchAsync($"/api/slots/{early.Id}/delay?delay_minutes=120", null);
        var page = await DeskAsync($"/reception/board/{doctor.Id}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Reallocate… 09:00 slot" }).ClickAsync();

        var move = page.GetByTestId("preview-move");
        await Expect(move).ToContainTextAsync("Rekha Realloc");
        await Expect(move).ToContainTextAsync("11:00");
        Assert.Single((await _desk.Queue(early.Id)).Tokens);
        await page.GetByTestId("confirm-slot").ClickAsync();

        await Expect(page.GetByTestId("board-notice")).ToContainTextAsync("1 patient(s) moved");
        Assert.Empty((await _desk.Queue(early.Id)).Tokens);
        Assert.Single((await _desk.Queue(later.Id)).Tokens);
    }

    [Fact]
    public async Task A_token_issued_at_one_desk_shows_on_another_desks_board_without_reload()
    {
        var doctor = await _desk.Doctor();
        await _desk.Slot(doctor.Id, "09:00", "10:00");
        var board = await DeskAsync($"/reception/board/{doctor.Id}");
        var issuing = await DeskAsync($"/reception?doctor={doctor.Id}");
        await Expect(issuing.GetByTestId("seats-left")).ToBeVisibleAsync();
        await board.EvaluateAsync("() => window.__notReloaded = true");

        await issuing.GetByTestId("patient-name").FillAsync("Two Desks");
        var clock = Stopwatch.StartNew();
        await issuing.GetByTestId("patient-name").PressAsync("Enter");
        await Expect(board.Locator("[data-testid=queue] tr[data-token=T001]")).ToBeVisibleAsync();
        clock.Stop();

        Assert.True(await board.EvaluateAsync<bool>("() => window.__notReloaded === true"));
        await Expect(board.Locator("[data-testid=queue] tr[data-token=T001]")).ToContainTextAsync("Two Desks");
        Xunit.TestContext.Current.SendDiagnosticMessage($"Enter at one desk to the row on the other desk's board: {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task The_desk_and_the_board_have_no_serious_accessibility_violations()
    {
        var doctor = await _desk.Doctor();
        var slot = await _desk.Slot(doctor.Id, "09:00", "10:00");
        await _desk.Issue("walkin", slot.Id);
        await _desk.Issue("book", slot.Id);

        foreach (var path in new[] { $"/reception?doctor={doctor.Id}", $"/reception/board/{doctor.Id}" })
        {
            var page = await DeskAsync(path);
            var result = await page.RunAxe();
            var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            Assert.True(serious.Count == 0, $"{path}: " + string.Join("; ", serious.Select(v =>
                $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}")));
        }
    }

    [Fact]
    public async Task A_lost_connection_shows_a_banner_with_the_time_and_reconnects_by_itself()
    {
        var page = await DeskAsync("/reception");
        var banner = page.GetByTestId("connection-banner");
        await Expect(banner).ToBeHiddenAsync();

        await page.Context.SetOfflineAsync(true);

        await Expect(banner).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(banner).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"Last live update at \d\d:\d\d:\d\d"));
        await page.Context.SetOfflineAsync(false);
        await Expect(banner).ToBeHiddenAsync(new() { Timeout = 60_000 });
    }
}

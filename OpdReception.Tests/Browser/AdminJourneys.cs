using System.Net.Http.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using OpdReception.Domain;
using OpdReception.Security;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Browser;

/// <summary>The admin's main journeys at a real Chromium, against the real database, and axe on every admin page.</summary>
public sealed class AdminJourneys(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private readonly Desk _desk = new(browser.App.CreateClient());

    [Fact]
    public async Task Admin_creates_a_doctor_with_a_weekly_template_generates_a_week_and_the_desk_sees_it_today()
    {
        var page = await browser.SignInAsync(Roles.Admin);
        await OpenAsync(page, "/admin/doctors");

        await page.GetByTestId("new-doctor").ClickAsync();
        await page.Locator("input[data-testid=doctor-name]").FillAsync("Dr. Meera Kulkarni");
        await page.Locator("input[data-testid=doctor-specialization]").FillAsync("Orthopaedics");
        await page.Locator("input[data-testid=doctor-room]").FillAsync("12B");
        await page.GetByTestId("doctor-days").GetByText("Monday").ClickAsync();
        await page.GetByTestId("doctor-days").GetByText("Wednesday").ClickAsync();
        await page.GetByTestId("save-doctor").ClickAsync();
        await Assertions.Expect(page.GetByTestId("doctors")).ToContainTextAsync("Dr. Meera Kulkarni");
        await Assertions.Expect(page.GetByTestId("doctors")).ToContainTextAsync("Orthopaedics");

        var doctor = (await browser.App.CreateClient().GetFromJsonAsync<List<DoctorView>>("/api/doctors", Json.Options))!.Single(d => d.Name == "Dr. Meera Kulkarni");
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Wednesday], doctor.OpdDays);
        await OpenAsync(page, $"/admin/schedules?doctor={doctor.Id}");
        await page.GetByTestId("add-session").ClickAsync();
        await page.GetByTestId("session-start").FillAsync("09:00");
        await page.GetByTestId("session-end").FillAsync("11:00");
        await page.GetByTestId("session-slot").FillAsync("60");
        await page.GetByTestId("session-capacity").FillAsync("4");
        await page.GetByTestId("session-minutes").FillAsync("15");
        await page.GetByTestId("save-template").ClickAsync();
        await Assertions.Expect(page.GetByText("Template saved.")).ToBeVisibleAsync();

        await page.GetByTestId("preview-generate").ClickAsync();
        await Assertions.Expect(page.GetByTestId("generation-summary")).ToContainTextAsync("Will create 2 slot(s)");
        Assert.Empty(await Slots(doctor.Id));
        await page.GetByTestId("confirm-generate").ClickAsync();
        await Assertions.Expect(page.GetByTestId("generation-summary")).ToContainTextAsync("Created 2 slot(s)");

        await OpenAsync(page, "/reception");
        await Assertions.Expect(page.GetByText("Dr. Meera Kulkarni").First).ToBeVisibleAsync();
        Assert.Equal(["09:00 4", "10:00 4"], (await Slots(doctor.Id)).Select(s => $"{s.StartTime:HH:mm} {s.MaxCapacity}"));
    }

    [Fact]
    public async Task Admin_marks_a_doctor_on_leave_sees_where_the_patients_go_and_only_the_confirmation_changes_anything()
    {
        var away = await _desk.Doctor("Leave journey", "Dr. Anil Away");
        var cover = await _desk.Doctor("Leave journey", "Dr. Bina Cover");
        var slot = await _desk.Slot(away.Id, "14:00", "15:00", capacity: 4);
        var covering = await _desk.Slot(cover.Id, "14:00", "15:00", capacity: 4);
        var token = await _desk.Issue("walkin", slot.Id, name: "Kavya Menon");
        var page = await browser.SignInAsync(Roles.Admin);
        await OpenAsync(page, $"/admin/leave?doctor={away.Id}");

        await page.Locator("input[data-testid=leave-reason]").FillAsync("Family function");
        await page.GetByTestId("preview-leave").ClickAsync();

        await Assertions.Expect(page.GetByTestId("cancellation-summary")).ToContainTextAsync("Will cancel 1 slot(s); 1 patient(s) will move");
        await Assertions.Expect(page.GetByTestId("cancellation")).ToContainTextAsync("Kavya Menon → Dr. Bina Cover 14:00");
        Assert.Equal(SlotStatus.Open, (await _desk.GetSlot(slot.Id)).Status);
        Assert.Equal(slot.Id, (await _desk.Token(token.Id)).SlotId);

        await page.GetByTestId("confirm-leave").ClickAsync();
        await Assertions.Expect(page.GetByTestId("cancellation-summary")).ToContainTextAsync("Cancelled 1 slot(s)");
        await Assertions.Expect(page.GetByTestId("leave-list")).ToContainTextAsync("Family function");
        Assert.Equal(SlotStatus.Cancelled, (await _desk.GetSlot(slot.Id)).Status);
        Assert.Equal(covering.Id, (await _desk.Token(token.Id)).SlotId);
    }

    [Fact]
    public async Task Admin_raises_the_walk_in_weight_and_the_board_puts_every_walk_in_not_yet_called_ahead_of_a_booking()
    {
        var doctor = await _desk.Doctor("Weights journey", "Dr. Weight");
        var slot = await _desk.Slot(doctor.Id, "16:00", "17:00", capacity: 10);
        await _desk.Issue("book", slot.Id, name: "Online Olga");
        await _desk.Issue("walkin", slot.Id, name: "Walkin Before");
        var page = await browser.SignInAsync(Roles.Admin);
        var board = await browser.NewPageAsync();
        await browser.SignInAsync(Roles.Admin, page: board);
        await OpenAsync(board, $"/reception/board/{doctor.Id}");
        await Assertions.Expect(board.GetByTestId("board-row")).ToHaveCountAsync(2);
        Assert.Equal(["Online Olga", "Walkin Before"], await BoardNames(board));

        try
        {
            await OpenAsync(page, "/admin/settings");
            await page.Locator("input[data-testid=setting-WalkInPriority]").FillAsync("250");
            await page.GetByTestId("save-settings").ClickAsync();
            await Assertions.Expect(page.GetByTestId("history")).ToContainTextAsync("100 → 250");
            await _desk.Issue("walkin", slot.Id, name: "Walkin After");

            await Assertions.Expect(board.GetByTestId("board-row")).ToHaveCountAsync(3);
            // New weights re-score everyone not yet called, so the board and its reasons agree.
            Assert.Equal(["Walkin Before", "Walkin After", "Online Olga"], await BoardNames(board));
        }
        finally
        {
            var settings = browser.App.Service<SettingsService>();
            await settings.SaveAsync((await settings.GetAsync()).Effective with { WalkInPriority = 100 }, "test");
        }
    }

    [Fact]
    public async Task Admin_creates_a_receptionist_who_then_signs_in_at_the_desk()
    {
        var page = await browser.SignInAsync(Roles.Admin);
        await OpenAsync(page, "/admin/users");
        var email = $"new-desk-{Guid.NewGuid():N}"[..20] + "@test.opd";

        await page.Locator("input[data-testid=user-email]").FillAsync(email);
        await page.Locator("input[data-testid=user-name]").FillAsync("Ritu Desk");
        await page.Locator("input[data-testid=user-password]").FillAsync("Ritu-pass-2030");
        await page.GetByTestId("user-roles").GetByText("Receptionist").ClickAsync();
        await page.GetByTestId("create-user").ClickAsync();
        await Assertions.Expect(page.GetByTestId("users")).ToContainTextAsync(email);
        await Assertions.Expect(page.GetByTestId("history")).ToContainTextAsync(email);

        var fresh = await browser.NewPageAsync();
        await fresh.GotoAsync("/signin");
        await BrowserApp.SignInOnPageAsync(fresh, email, "Ritu-pass-2030");
        // The admin chose that password: Ritu replaces it with her own first, then reaches the desk.
        await fresh.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/password");
        await BrowserApp.WaitForInteractiveAsync(fresh);
        await fresh.GetByLabel("Current password").FillAsync("Ritu-pass-2030");
        await fresh.GetByLabel("New password", new() { Exact = true }).FillAsync("Ritu-own-words-here");
        await fresh.GetByLabel("New password again").FillAsync("Ritu-own-words-here");
        await fresh.GetByTestId("change-password").ClickAsync();
        await fresh.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/reception");
        await Assertions.Expect(fresh.GetByTestId("signed-in-as")).ToContainTextAsync("Ritu Desk");
    }

    [Fact]
    public async Task The_admin_pages_have_no_serious_or_critical_accessibility_violations()
    {
        var doctor = await _desk.Doctor("Axe", "Dr. Axe");
        await _desk.Slot(doctor.Id, "17:00", "18:00");
        var page = await browser.SignInAsync(Roles.Admin);
        var found = new List<string>();
        foreach (var path in new[] { "/admin", "/admin/doctors", $"/admin/schedules?doctor={doctor.Id}", "/admin/slots", $"/admin/leave?doctor={doctor.Id}", "/admin/users", "/admin/settings" })
        {
            await OpenAsync(page, path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var results = await page.RunAxe();
            found.AddRange(results.Violations
                .Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{path}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
        }

        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    private static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await BrowserApp.WaitForInteractiveAsync(page);
        await page.GetByTestId("interactive").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    private static async Task<List<string>> BoardNames(IPage board)
    {
        var names = new List<string>();
        foreach (var row in await board.GetByTestId("board-row").AllAsync())
        {
            names.Add((await row.GetByTestId("row-name").InnerTextAsync()).Trim());
        }

        return names;
    }

    private async Task<List<SlotView>> Slots(int doctorId) =>
        (await _desk.Client.GetFromJsonAsync<List<SlotView>>($"/api/slots?doctorId={doctorId}", Json.Options))!;
}

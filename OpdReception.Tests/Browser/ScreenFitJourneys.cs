using Microsoft.Playwright;
using OpdReception.Security;
using OpdReception.Services;
using OpdReception.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace OpdReception.Tests.Browser;

/// <summary>Screens on the sizes they are used at: a laptop TV stick at 1366×768, a desk tablet at 1024×768.</summary>
public sealed class ScreenFitJourneys(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private readonly Desk _desk = new(browser.App.CreateClient());

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Four_rooms_one_running_late_with_a_missed_patient_fit_a_1366_by_768_screen_with_nothing_cut_off()
    {
        browser.App.SetTime(8);
        var rooms = new List<(string Room, int DoctorId, int SlotId, int FirstId)>();
        for (var i = 1; i <= 4; i++)
        {
            var doctor = await (await _desk.Client.Post("/api/doctors", new { name = $"Dr. Fit {i}", specialization = "General", opdDays = new[] { "Monday" }, room = $"F{i}" })).Read<DoctorView>();
            var slot = await _desk.Slot(doctor.Id, "09:00", "11:00");
            var first = await _desk.Issue("walkin", slot.Id);
            for (var p = 0; p < 3; p++)
            {
                await _desk.Issue("walkin", slot.Id);
            }

            rooms.Add(($"F{i}", doctor.Id, slot.Id, first.Id));
        }

        // Each room: one seen, one with the doctor, two next; the second room's doctor is running late.
        browser.App.SetTime(9);
        foreach (var (_, doctorId, slotId, firstId) in rooms)
        {
            (await _desk.Client.PostAsync($"/api/slots/{slotId}/call-next", null, Ct)).EnsureSuccessStatusCode();
            await _desk.SetStatus(firstId, "Completed");
            (await _desk.Client.PostAsync($"/api/slots/{slotId}/call-next", null, Ct)).EnsureSuccessStatusCode();
        }

        // The late room also sent one patient back as not here and called the next: every line of a tile shows.
        var late = rooms[1];
        var second = (await _desk.Queue(late.SlotId)).Tokens.Single(t => t.Status == OpdReception.Domain.TokenStatus.InConsultation);
        (await _desk.Client.PostAsync($"/api/doctors/{late.DoctorId}/tokens/{second.Id}/not-here", null, Ct)).EnsureSuccessStatusCode();
        (await _desk.Client.PostAsync($"/api/slots/{late.SlotId}/call-next", null, Ct)).EnsureSuccessStatusCode();
        (await _desk.Client.Post($"/api/doctors/{late.DoctorId}/running-late", new { minutes = 30 })).EnsureSuccessStatusCode();

        var display = await browser.NewPageAsync();
        await display.SetViewportSizeAsync(1366, 768);
        await display.GotoAsync($"/display/{string.Join(",", rooms.Select(r => r.Room))}");
        await BrowserApp.WaitForInteractiveAsync(display);

        var tiles = display.GetByTestId("room");
        await Expect(tiles).ToHaveCountAsync(4);
        await Expect(display.GetByTestId("room-notice")).ToHaveCountAsync(1);
        await Expect(display.GetByTestId("missed")).ToHaveCountAsync(1);
        foreach (var tile in await tiles.AllAsync())
        {
            var box = (await tile.BoundingBoxAsync())!;
            Assert.True(box.Y >= 0 && box.Y + box.Height <= 768 && box.X + box.Width <= 1366, $"A tile is off the screen: {box.X},{box.Y} {box.Width}x{box.Height}");
            var heights = await tile.EvaluateAsync<int[]>("t => [t.scrollHeight, t.clientHeight]");
            Assert.True(heights[0] <= heights[1] + 1, $"A tile's content is cut off: {heights[0]}px of content in {heights[1]}px.");
        }
    }

    [Fact]
    public async Task At_1366_by_768_the_answer_and_the_next_patients_doctor_field_show_together_after_issuing()
    {
        var doctor = await (await _desk.Client.Post("/api/doctors", new { name = "Dr. Bhagyalakshmi Venkataraman", specialization = "General", opdDays = new[] { "Monday" }, room = "OPD-112" })).Read<DoctorView>();
        await _desk.Slot(doctor.Id, "09:00", "11:00");
        var page = await browser.SignInAsync(Roles.Receptionist);
        await page.SetViewportSizeAsync(1366, 768);
        await page.GotoAsync($"/reception?doctor={doctor.Id}");
        await BrowserApp.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("seats-left")).ToBeVisibleAsync();

        await page.GetByTestId("patient-name").FillAsync("Venkataraman Subramaniam");
        await page.GetByTestId("patient-name").PressAsync("Enter");
        await Expect(page.GetByTestId("issued-number")).ToBeVisibleAsync();
        var doctorField = page.Locator("input[data-testid=doctor]");
        await Expect(doctorField).ToBeFocusedAsync();

        foreach (var part in new[] { page.GetByTestId("issued-number"), page.GetByTestId("issued-doctor"), page.GetByTestId("print-slip"), doctorField })
        {
            var box = (await part.BoundingBoxAsync())!;
            Assert.True(box.Y >= 0 && box.Y + box.Height <= 768 && box.X + box.Width <= 1366, $"{await part.GetAttributeAsync("data-testid")} is off the screen: {box.X},{box.Y} {box.Width}x{box.Height}");
        }

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The desk scrolls sideways.");
    }

    [Fact]
    public async Task On_a_1024_tablet_each_board_row_stays_compact_and_the_long_why_here_column_waits_for_a_wider_screen()
    {
        browser.App.SetTime(8);
        var doctor = await _desk.Doctor(name: "Dr. Tablet");
        var slot = await _desk.Slot(doctor.Id, "09:00", "11:00");
        await _desk.Issue("walkin", slot.Id, name: "Venkataraman Subramaniam");
        for (var i = 0; i < 3; i++)
        {
            await _desk.Issue("book", slot.Id, name: "Rohini Banerjee");
        }

        var page = await browser.SignInAsync(Roles.Receptionist);
        await page.SetViewportSizeAsync(1024, 768);
        await page.GotoAsync($"/reception/board/{doctor.Id}");
        await BrowserApp.WaitForInteractiveAsync(page);
        var rows = page.Locator("[data-testid=queue] tr[data-token]");
        await Expect(rows).ToHaveCountAsync(4);

        foreach (var row in await rows.AllAsync())
        {
            var height = (await row.BoundingBoxAsync())!.Height;
            Assert.True(height <= 64, $"A board row is {height}px tall on a tablet: {await row.InnerTextAsync()}");
        }

        var why = page.Locator("[data-testid=queue] th", new() { HasText = "Why here" });
        await Expect(why).ToBeHiddenAsync();
        await page.SetViewportSizeAsync(1366, 768);
        await Expect(why).ToBeVisibleAsync();
    }
}

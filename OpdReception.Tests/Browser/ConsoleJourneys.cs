using Microsoft.Playwright;
using OpdReception.Security;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Browser;

/// <summary>
/// The doctor at the console, the waiting room's TV and a patient's phone, each in its own browser context on one
/// real server: what one does reaches the others over the live connection.
/// </summary>
public sealed class ConsoleJourneys(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private readonly Desk _desk = new(browser.App.CreateClient());

    private async Task<(DoctorView Doctor, SlotView Slot)> DayWith(int walkIns, string name = "Asha Verma")
    {
        browser.App.SetTime(8);
        var doctor = await _desk.Doctor(name: $"Dr. {Guid.NewGuid():N}"[..10]);
        var slot = await _desk.Slot(doctor.Id, "09:00", "11:00");
        for (var i = 0; i < walkIns; i++)
        {
            await _desk.Issue("walkin", slot.Id, name: name);
        }

        browser.App.SetTime(9);
        return (doctor, slot);
    }

    private async Task<IPage> DisplayAsync(int doctorId)
    {
        var display = await browser.NewPageAsync();
        await display.GotoAsync($"/display/{doctorId}");
        await BrowserApp.WaitForInteractiveAsync(display);
        return display;
    }

    private async Task<IPage> ConsoleAsync(int doctorId)
    {
        var page = await browser.SignInAsync(Roles.Doctor, doctorId);
        Assert.Equal("/doctor", new Uri(page.Url).AbsolutePath);
        await page.GetByTestId("keys-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        return page;
    }

    [Fact]
    public async Task A_doctor_calls_recalls_and_completes_from_the_keyboard_and_the_display_follows_without_a_name()
    {
        var (doctor, _) = await DayWith(2, name: "Zubeida Quraishi");
        var display = await DisplayAsync(doctor.Id);
        var console = await ConsoleAsync(doctor.Id);
        await Assertions.Expect(console.GetByTestId("call-next")).ToBeEnabledAsync();

        // The display notes the moment the number appears; the console the moment the key goes down.
        await display.EvaluateAsync(@"() => new Promise(resolve => {
            const now = () => document.querySelector('[data-testid=now-called]');
            new MutationObserver(() => { if (!window.__shownAt && now() && now().textContent === 'T001') window.__shownAt = Date.now(); })
                .observe(document.body, { subtree: true, childList: true, characterData: true });
            resolve();
        })");
        var pressedAt = await console.EvaluateAsync<double>("() => Date.now()");
        await console.Keyboard.PressAsync("n");

        await Assertions.Expect(display.GetByTestId("now-called")).ToHaveTextAsync("T001");
        var latency = await display.EvaluateAsync<double>("() => window.__shownAt") - pressedAt;
        TestContext.Current.TestOutputHelper?.WriteLine($"Call to display: {latency:0} ms");
        File.AppendAllText(Path.Combine(Path.GetTempPath(), "opd-call-latency.txt"), $"{DateTime.UtcNow:O} {latency:0}\n");
        await Assertions.Expect(console.GetByTestId("now-token")).ToHaveTextAsync("T001");
        await Assertions.Expect(display.GetByTestId("room")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("called"));
        await Assertions.Expect(display.GetByTestId("next")).ToHaveTextAsync("T002");

        await console.Keyboard.PressAsync("r");
        await Assertions.Expect(console.GetByTestId("recall-count")).ToContainTextAsync("called again once");

        await console.Keyboard.PressAsync("c");
        await Assertions.Expect(console.GetByTestId("now-nobody")).ToBeVisibleAsync();
        await Assertions.Expect(display.GetByTestId("now-called")).ToHaveTextAsync("Nobody now");
        await Assertions.Expect(display.GetByTestId("recent")).ToHaveTextAsync("T001");

        var shown = await display.ContentAsync();
        Assert.DoesNotContain("Zubeida", shown);
        Assert.DoesNotContain("98765", shown);
        Assert.DoesNotContain("token=", display.Url);
    }

    [Fact]
    public async Task Running_late_on_the_console_moves_the_estimates_on_the_desk_board_and_the_patient_page()
    {
        var (doctor, slot) = await DayWith(2);
        var second = (await _desk.Queue(slot.Id)).Tokens[1];
        var code = (await browser.App.Service<DeskService>().SlipAsync(second.Id, TestContext.Current.CancellationToken)).Value!.Code;
        var phone = await browser.NewPageAsync();
        await phone.GotoAsync($"/t/{code}");
        await BrowserApp.WaitForLivePatientPageAsync(phone);
        var desk = await browser.SignInAsync(Roles.Receptionist);
        await desk.GotoAsync($"/reception/board/{doctor.Id}");
        await desk.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var boardEstimate = desk.Locator("[data-testid=board-row][data-token=T002] td:nth-child(6)");
        await Assertions.Expect(boardEstimate).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^09:10 \(–\d\d:\d\d\)$"));
        await Assertions.Expect(phone.GetByTestId("estimate")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^about 09:10 \(\d\d:\d\d–\d\d:\d\d\)$"));
        var console = await ConsoleAsync(doctor.Id);

        await console.GetByLabel("Running late by (minutes)").FillAsync("25");
        await console.GetByTestId("running-late").ClickAsync();

        await Assertions.Expect(console.GetByTestId("notice")).ToHaveTextAsync("Running 25 min late");
        await Assertions.Expect(boardEstimate).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^09:35 \(–\d\d:\d\d\)$"));
        await Assertions.Expect(phone.GetByTestId("estimate")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^about 09:35 \(\d\d:\d\d–\d\d:\d\d\)$"));
        await Assertions.Expect(phone.GetByTestId("late-note")).ToContainTextAsync("running 25 min late");
    }

    [Fact]
    public async Task The_patient_page_from_a_slip_code_shows_the_live_position_with_no_name()
    {
        var (doctor, slot) = await DayWith(3, name: "Zubeida Quraishi");
        var third = (await _desk.Queue(slot.Id)).Tokens[2];
        var code = (await browser.App.Service<DeskService>().SlipAsync(third.Id, TestContext.Current.CancellationToken)).Value!.Code;
        var phone = await browser.NewPageAsync();
        long bytes = 0;
        phone.Response += (_, r) => Interlocked.Add(ref bytes, long.TryParse(r.Headers.GetValueOrDefault("content-length"), out var n) ? n : 0);

        var response = await phone.GotoAsync($"/t/{code}");

        // Server-rendered first: the number and the place are in the first answer, before any script runs.
        var first = await response!.TextAsync();
        Assert.Contains("T003", first);
        Assert.Contains("2 patients before you.", first);
        Assert.DoesNotContain("MudBlazor.min", first);
        Assert.DoesNotContain("Zubeida", first);
        await BrowserApp.WaitForLivePatientPageAsync(phone);
        TestContext.Current.TestOutputHelper?.WriteLine($"Patient page, first load: {Interlocked.Read(ref bytes) / 1024} KiB (content-length of every response)");
        File.AppendAllText(Path.Combine(Path.GetTempPath(), "opd-patient-page-bytes.txt"), $"{Interlocked.Read(ref bytes)}\n");

        var doctorClient = await browser.App.ClientAsAsync(Roles.Doctor, doctor.Id);
        (await doctorClient.PostAsync($"/api/slots/{slot.Id}/call-next", null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        await Assertions.Expect(phone.GetByTestId("headline")).ToHaveTextAsync("1 patient before you.");
        (await doctorClient.PostAsync($"/api/doctors/{doctor.Id}/tokens/{(await _desk.Queue(slot.Id)).Tokens[0].Id}/complete", null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        (await doctorClient.PostAsync($"/api/slots/{slot.Id}/call-next", null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        await Assertions.Expect(phone.GetByTestId("headline")).ToHaveTextAsync("You are next.");
        Assert.DoesNotContain("Zubeida", await phone.ContentAsync());
    }

    [Fact]
    public async Task Twelve_rooms_fit_a_1920_by_1080_screen_with_numbers_readable_across_a_hall()
    {
        browser.App.SetTime(8);
        var firstSlot = 0;
        for (var room = 1; room <= 12; room++)
        {
            var created = await _desk.Client.Post("/api/doctors", new { name = $"Dr. Wall {room}", specialization = "General", opdDays = new[] { "Monday" }, room = $"{room}" });
            var doctor = await created.Read<DoctorView>();
            var slot = await _desk.Slot(doctor.Id, "09:00", "11:00");
            for (var i = 0; i < 6; i++)
            {
                await _desk.Issue("walkin", slot.Id);
            }

            if (room == 1)
            {
                firstSlot = slot.Id;
            }
        }

        browser.App.SetTime(9);
        // One room has called a number: its size is what the hall must read.
        (await _desk.Client.PostAsync($"/api/slots/{firstSlot}/call-next", null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var display = await browser.NewPageAsync();
        await display.SetViewportSizeAsync(1920, 1080);
        // Rooms by their names: "3" is room 3, whatever doctor has the id 3.
        await display.GotoAsync($"/display/{string.Join(",", Enumerable.Range(1, 12))}");
        await BrowserApp.WaitForInteractiveAsync(display);

        var tiles = display.GetByTestId("room");
        await Assertions.Expect(tiles).ToHaveCountAsync(12);
        foreach (var tile in await tiles.AllAsync())
        {
            var box = (await tile.BoundingBoxAsync())!;
            Assert.True(box.X >= 0 && box.Y >= 0 && box.X + box.Width <= 1920 && box.Y + box.Height <= 1080, $"A tile is off the screen: {box.X},{box.Y} {box.Width}x{box.Height}");
            Assert.False(await tile.EvaluateAsync<bool>("t => t.scrollHeight > t.clientHeight + 1"), "A tile's content is cut off.");
        }

        // About 8 cm tall digits on a 55-inch screen: readable from the back of a hall.
        var tokenPixels = await display.GetByTestId("now-called").Filter(new() { HasText = "T001" }).EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");
        Assert.True(tokenPixels >= 60, $"The called number is only {tokenPixels}px high.");
        if (Environment.GetEnvironmentVariable("OPD_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await display.ScreenshotAsync(new() { Path = Path.Combine(folder, "display-12.png") });
        }
    }

    [Fact]
    public async Task The_console_the_display_and_the_patient_page_have_no_serious_accessibility_violations()
    {
        var (doctor, slot) = await DayWith(2);
        var code = (await browser.App.Service<DeskService>().SlipAsync((await _desk.Queue(slot.Id)).Tokens[1].Id, TestContext.Current.CancellationToken)).Value!.Code;
        var console = await ConsoleAsync(doctor.Id);
        await console.Keyboard.PressAsync("n");
        await Assertions.Expect(console.GetByTestId("now-token")).ToHaveTextAsync("T001");
        var display = await DisplayAsync(doctor.Id);
        var phone = await browser.NewPageAsync();
        await phone.GotoAsync($"/t/{code}");
        await BrowserApp.WaitForLivePatientPageAsync(phone);

        foreach (var page in new[] { console, display, phone })
        {
            if (Environment.GetEnvironmentVariable("OPD_SCREENSHOTS") is { Length: > 0 } folder)
            {
                await page.SetViewportSizeAsync(page == display ? 1920 : 1280, page == display ? 1080 : 900);
                await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{new Uri(page.Url).AbsolutePath.Split('/')[1]}.png"), FullPage = page != display });
            }

            var violations = await Axe.SeriousViolationsAsync(page);
            Assert.True(violations.Count == 0, $"{page.Url}:\n{string.Join("\n", violations)}");
        }
    }
}

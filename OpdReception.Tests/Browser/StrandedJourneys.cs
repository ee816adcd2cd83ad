using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using OpdReception.Security;
using OpdReception.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace OpdReception.Tests.Browser;

/// <summary>Nobody stranded: the desk works the "to contact" list after a leave down to empty, and looks at another day.</summary>
public sealed class StrandedJourneys(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private readonly Desk _desk = new(browser.App.CreateClient());

    private async Task<IPage> DeskAsync(string path)
    {
        var page = await browser.SignInAsync(Roles.Receptionist);
        await page.GotoAsync(path);
        await BrowserApp.WaitForInteractiveAsync(page);
        return page;
    }

    private static ILocator Row(IPage page, string patient) => page.GetByTestId("to-contact-row").Filter(new() { HasText = patient });

    [Fact]
    public async Task After_a_leave_the_desk_works_the_to_contact_list_to_empty_by_contacting_moving_and_cancelling()
    {
        var away = await _desk.Doctor("Rheumatology", name: "Dr. Away Today");
        var cover = await _desk.Doctor("Rheumatology", name: "Dr. Covers One");
        var slot = await _desk.Slot(away.Id, "09:00", "10:00");
        await _desk.Slot(cover.Id, "09:30", "11:00", capacity: 1);
        await _desk.Slot(away.Id, "09:00", "10:00", date: OpdApp.Day.AddDays(1));
        foreach (var name in new[] { "Meera Moved", "Sunil Stranded", "Kavya Cancels" })
        {
            await _desk.Issue("book", slot.Id, name: name);
        }

        var page = await DeskAsync("/reception");
        await Expect(page.GetByTestId("to-contact-count")).ToContainTextAsync("To contact · 0");
        var leave = await _desk.Client.Post("/api/admin/leave", new { doctorId = away.Id, from = OpdApp.Day.ToString("yyyy-MM-dd"), reason = "Conference" });
        Assert.True(leave.IsSuccessStatusCode);

        // The leave reaches the open desk live: the count and the rows, each with the phone, why and what happened.
        await Expect(page.GetByTestId("to-contact-count")).ToContainTextAsync("To contact · 3");
        await Expect(page.GetByTestId("to-contact-row")).ToHaveCountAsync(3);
        await Expect(Row(page, "Meera Moved")).ToContainTextAsync("Moved to Dr. Covers One");
        await Expect(Row(page, "Sunil Stranded")).ToContainTextAsync("Left in the cancelled slot");
        await Expect(Row(page, "Sunil Stranded")).ToContainTextAsync("Dr. Away Today is on leave");
        await Expect(Row(page, "Sunil Stranded")).ToContainTextAsync("+91 98765 43210");
        Assert.Empty(await Axe.ViolationsAsync(page));

        await Row(page, "Meera Moved").GetByTestId("to-contact-done").ClickAsync();
        await page.GetByTestId("contacted-note").FillAsync("Told her: Dr. Covers One at 09:30");
        await page.GetByTestId("confirm-contacted").ClickAsync();
        await Expect(page.GetByTestId("to-contact-row")).ToHaveCountAsync(2);

        await Row(page, "Sunil Stranded").GetByTestId("to-contact-move").ClickAsync();
        // The doctor is on leave today, so the dialog offers only later days and starts on the first with room.
        await Expect(page.GetByTestId("preview-move")).ToContainTextAsync($"Dr. Away Today, {OpdApp.Day.AddDays(1):ddd d MMM} 09:00 slot");
        await page.GetByTestId("confirm-move").ClickAsync();
        await Expect(page.GetByTestId("to-contact-row")).ToHaveCountAsync(1);

        await Row(page, "Kavya Cancels").GetByTestId("to-contact-cancel").ClickAsync();
        await page.GetByTestId("cancel-reason").FillAsync("Will come next month");
        await page.GetByTestId("confirm-cancel").ClickAsync();

        await Expect(page.GetByTestId("to-contact-empty")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("to-contact-count")).ToContainTextAsync("To contact · 0");
    }

    [Fact]
    public async Task Tomorrow_is_one_key_away_on_the_desk_and_its_doctor_cards_open_tomorrows_board()
    {
        var doctor = await _desk.Doctor("Endocrinology", name: "Dr. Tomorrow Too");
        var tomorrow = OpdApp.Day.AddDays(1);
        await _desk.Slot(doctor.Id, "09:00", "10:00");
        var ahead = await _desk.Slot(doctor.Id, "11:00", "12:00", date: tomorrow);
        var booked = await _desk.Issue("book", ahead.Id, name: "Tara Tomorrow");
        var page = await DeskAsync("/reception");
        await page.GetByTestId("keys-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await page.Keyboard.PressAsync("t");

        await Expect(page.GetByTestId("desk-day")).ToContainTextAsync(tomorrow.ToString("dddd d MMMM"));
        var card = page.GetByTestId("doctor-day").Filter(new() { HasText = "Dr. Tomorrow Too" });
        await Expect(card).ToContainTextAsync("11:00 · 1/6");
        Assert.EndsWith($"date={tomorrow:yyyy-MM-dd}", page.Url);

        await card.GetByTestId("open-board").ClickAsync();
        await BrowserApp.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("board-day")).ToContainTextAsync(tomorrow.ToString("ddd d MMM"));
        await Expect(page.Locator($"tr[data-token={booked.TokenNumber}]")).ToContainTextAsync("Tara Tomorrow");

        await page.GetByTestId("show-today").ClickAsync();
        await Expect(page.GetByTestId("board-day")).ToContainTextAsync(OpdApp.Day.ToString("ddd d MMM"));
        await Expect(page.Locator($"tr[data-token={booked.TokenNumber}]")).ToHaveCountAsync(0);
    }
}

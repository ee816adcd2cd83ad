using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OpdReception.Components.Pages.SelfCheckIn;
using OpdReception.Security;
using OpdReception.Services;
using OpdReception.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace OpdReception.Tests.Browser;

/// <summary>A patient checks themselves in at a real Chromium: by the entrance QR on their phone, and at a kiosk.</summary>
public sealed partial class SelfCheckInJourneys(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private readonly Desk _desk = new(browser.App.CreateClient());

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_entrance_qr_then_the_patients_page_checks_them_in_and_the_desk_board_shows_it()
    {
        browser.App.SetTime(8, 0);
        var doctor = await _desk.Doctor(name: "Dr. Entrance");
        var slot = await _desk.Slot(doctor.Id, "09:00", "10:00");
        var token = await _desk.Issue("book", slot.Id, name: "Meera Pillai");
        var code = (await browser.App.Service<DeskService>().SlipAsync(token.Id, Ct)).Value!.Code;
        browser.App.SetTime(8, 30);

        // The desk prints today's sheet; its QR holds the landing page's address with today's code.
        var desk = await browser.SignInAsync(Roles.Receptionist);
        await desk.GotoAsync("/reception");
        await desk.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await desk.GetByTestId("entrance-qr-link").ClickAsync();
        await desk.WaitForURLAsync("**/reception/entrance-qr");
        await desk.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var entrance = await desk.GetByTestId("entrance-sheet").GetAttributeAsync("data-code");
        Assert.Equal(await browser.App.Service<EntranceCodes>().TodayAsync(Ct), entrance);
        await Expect(desk.GetByTestId("entrance-qr")).ToBeVisibleAsync();
        await Expect(desk.GetByTestId("entrance-date")).ToContainTextAsync("Monday 7 January 2030");
        await Expect(desk.GetByTestId("kiosk-setup")).ToHaveCountAsync(0);

        var phone = await browser.NewPageAsync();
        await phone.SetViewportSizeAsync(390, 844);
        await phone.GotoAsync($"/arrive?at={entrance}");
        await Expect(phone.GetByTestId("arrive-en")).ToContainTextAsync("Now scan the QR code on your token slip");
        await Expect(phone.GetByTestId("arrive-hi")).ToContainTextAsync("मैं पहुँच गया हूँ");
        Assert.Empty(await Axe.ViolationsAsync(phone));
        await phone.GotoAsync($"/t/{code}");
        Assert.Empty(await Axe.ViolationsAsync(phone));
        await phone.GetByTestId("i-have-arrived").ClickAsync();

        await phone.WaitForURLAsync(ArrivedUrl());
        await Expect(phone.GetByTestId("arrival-done")).ToHaveTextAsync("You are checked in. Please wait to be called.");
        await Expect(phone.GetByTestId("state")).ToHaveClassAsync(WaitingState());
        await Expect(phone.GetByTestId("headline")).ToHaveTextAsync("You are next.");
        await desk.GotoAsync($"/reception/board/{doctor.Id}");
        await Expect(desk.Locator($"[data-testid=board-row][data-token={token.TokenNumber}] [data-testid=row-status]")).ToHaveTextAsync("Waiting");
        Assert.Equal(SelfCheckIns.PatientActor, (await _desk.Token(token.Id)).History!.Last().By);

        // Scanned again later today, the entrance QR opens this phone's own page at once.
        await phone.GotoAsync($"/arrive?at={entrance}");
        Assert.Equal($"/t/{code}", BrowserApp.PathOf(phone));
    }

    [Fact]
    public async Task The_admins_kiosk_link_checks_a_patient_in_by_phone_and_label_shows_the_place_never_the_name_and_clears_after_ten_seconds()
    {
        browser.App.SetTime(8, 0);
        var doctor = await _desk.Doctor(name: "Dr. Kiosk");
        var slot = await _desk.Slot(doctor.Id, "09:00", "10:00");
        await _desk.Issue("walkin", slot.Id, name: "Someone Before");
        var token = await _desk.Issue("book", slot.Id, name: "Lakshmi Narayanan", phone: "+91 94444 55555");
        browser.App.SetTime(8, 45);

        var admin = await browser.SignInAsync(Roles.Admin);
        await admin.GotoAsync("/reception/entrance-qr");
        await admin.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await admin.Locator("input[data-testid=kiosk-name]").FillAsync("Block B");
        await admin.GetByTestId("kiosk-make-link").ClickAsync();
        var link = await admin.GetByTestId("kiosk-link").InnerTextAsync();
        Assert.Contains($"key={await browser.App.Service<EntranceCodes>().KioskKeyAsync("Block B", Ct)}", link);

        var kiosk = await browser.NewPageAsync();
        await kiosk.GotoAsync(link);
        Assert.Empty(await Axe.ViolationsAsync(kiosk));
        await kiosk.GetByRole(AriaRole.Button, new() { Name = "தமிழ்" }).ClickAsync();
        await Expect(kiosk.Locator("h1")).ToHaveTextAsync("உங்கள் டோக்கனுக்கு வருகையைப் பதிவு செய்யவும்");
        await kiosk.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();

        // A phone number too short to be one: the server's reason beside what was typed, in the kiosk's language.
        await kiosk.GetByTestId("kiosk-phone").FillAsync("12345");
        await kiosk.GetByTestId("kiosk-label").FillAsync("T3");
        await kiosk.GetByTestId("kiosk-submit").ClickAsync();
        var refused = kiosk.GetByTestId("kiosk-refused-words");
        await Expect(refused).ToHaveTextAsync(SelfCheckInWords.Say(SelfCheckInWords.CheckTyped, "en"));
        await Expect(kiosk.GetByTestId("kiosk-answer")).ToBeHiddenAsync();
        await Expect(kiosk.GetByTestId("kiosk-phone")).ToHaveValueAsync("12345");
        await Expect(kiosk.GetByTestId("kiosk-label")).ToHaveValueAsync("T3");
        await kiosk.GetByRole(AriaRole.Button, new() { Name = "हिन्दी" }).ClickAsync();
        await Expect(refused).ToHaveTextAsync(SelfCheckInWords.Say(SelfCheckInWords.CheckTyped, "hi"));
        await kiosk.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        Assert.Empty(await Axe.ViolationsAsync(kiosk));
        await kiosk.GetByTestId("kiosk-try-again").ClickAsync();
        await Expect(kiosk.GetByTestId("kiosk-refused")).ToBeHiddenAsync();
        await Expect(kiosk.GetByTestId("kiosk-phone")).ToHaveValueAsync("12345");

        // Not a token number at all, then a real phone with a token it does not hold: each its own reason, at once.
        await kiosk.GetByTestId("kiosk-phone").FillAsync("94444 55555");
        await kiosk.GetByTestId("kiosk-label").FillAsync("zz");
        await kiosk.GetByTestId("kiosk-submit").ClickAsync();
        await Expect(refused).ToHaveTextAsync(SelfCheckInWords.Say(SelfCheckInWords.CheckTyped, "en"));
        await kiosk.GetByTestId("kiosk-label").FillAsync("T099");
        await kiosk.GetByTestId("kiosk-submit").ClickAsync();
        await Expect(refused).ToHaveTextAsync(SelfCheckInWords.Say(SelfCheckInWords.NotFound, "en"));

        // Only a request that never reached the server is "No connection".
        await kiosk.RouteAsync("**/api/kiosk/check-in", route => route.AbortAsync());
        await kiosk.GetByTestId("kiosk-submit").ClickAsync();
        await Expect(refused).ToHaveTextAsync(KioskWords.Say("en", "Offline"));
        await kiosk.UnrouteAllAsync();

        await kiosk.GetByTestId("kiosk-label").FillAsync(token.TokenNumber.ToLowerInvariant());
        await kiosk.GetByTestId("kiosk-submit").ClickAsync();

        await Expect(kiosk.GetByTestId("kiosk-number")).ToHaveTextAsync(token.TokenNumber);
        await Expect(kiosk.GetByTestId("kiosk-words")).ToHaveTextAsync("You are checked in. Please wait to be called.");
        // A booking comes before a walk-in who came earlier, as on the board.
        await Expect(kiosk.GetByTestId("kiosk-place")).ToContainTextAsync("Room 101 · You are next.");
        await Expect(kiosk.GetByTestId("kiosk-place")).ToContainTextAsync("Expected about");
        Assert.DoesNotContain("Lakshmi", await kiosk.ContentAsync());
        await kiosk.GetByRole(AriaRole.Button, new() { Name = "हिन्दी" }).ClickAsync();
        await Expect(kiosk.GetByTestId("kiosk-words")).ToHaveTextAsync("आपका चेक-इन हो गया है। कृपया बुलाए जाने तक प्रतीक्षा करें।");
        var history = (await _desk.Token(token.Id)).History!.Last();
        Assert.Equal(("CheckedIn", "Kiosk Block B"), (history.Action, history.By));

        // Still there for the patient to read, then gone for the next one: an empty form, in English again.
        var shownAt = DateTime.UtcNow;
        await kiosk.WaitForTimeoutAsync(5_000);
        await Expect(kiosk.GetByTestId("kiosk-answer")).ToBeVisibleAsync();
        await Expect(kiosk.GetByTestId("kiosk-answer")).ToBeHiddenAsync(new() { Timeout = 15_000 });
        Assert.InRange((DateTime.UtcNow - shownAt).TotalSeconds, 5, 15);
        await Expect(kiosk.GetByTestId("kiosk-phone")).ToHaveValueAsync("");
        await Expect(kiosk.GetByTestId("kiosk-refused")).ToBeHiddenAsync();
        await Expect(kiosk.Locator("h1")).ToHaveTextAsync("Check in for your token");
        Assert.DoesNotContain(token.TokenNumber, await kiosk.GetByTestId("kiosk").InnerTextAsync());
    }

    [Fact]
    public async Task The_entrance_sheet_prints_its_qr_words_date_and_hospital_on_one_a4_page()
    {
        browser.App.SetTime(8, 0);
        var desk = await browser.SignInAsync(Roles.Receptionist);
        await desk.GotoAsync("/reception/entrance-qr");
        await desk.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await desk.EmulateMediaAsync(new() { Media = Media.Print });

        var sheet = desk.GetByTestId("entrance-sheet");
        await Expect(sheet).ToBeVisibleAsync();
        await Expect(desk.GetByTestId("entrance-qr")).ToBeVisibleAsync();
        Assert.True(await desk.GetByTestId("entrance-qr").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"));
        await Expect(desk.GetByTestId("entrance-date")).ToBeVisibleAsync();
        await Expect(sheet.Locator("p[lang=ta]")).ToBeVisibleAsync();
        await Expect(sheet).ToContainTextAsync("City Hospital OPD");
        await Expect(desk.GetByTestId("print-entrance")).ToBeHiddenAsync();
        var pdf = Encoding.Latin1.GetString(await desk.PdfAsync(new() { Format = "A4" }));
        Assert.Single(PdfPage().Matches(pdf));
    }

    [GeneratedRegex(@"/Type\s*/Page(?!s)")]
    private static partial Regex PdfPage();

    [GeneratedRegex("arrival=CheckedIn")]
    private static partial Regex ArrivedUrl();

    [GeneratedRegex("state-waiting")]
    private static partial Regex WaitingState();
}

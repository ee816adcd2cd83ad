using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using OpdReception.Services;
using OpdReception.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace OpdReception.Tests.Browser;

/// <summary>
/// Calls spoken on the waiting-room TV, in Chromium. The browser's own speechSynthesis is wrapped before the page runs:
/// speak() records each utterance (its text, language and voice) and ends it a moment later, getVoices() offers fake
/// voices that arrive late (with "voiceschanged", as Chromium's do), and each tone of the chime is recorded as it starts.
/// </summary>
public sealed class DisplaySpeechJourneys(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An en-US voice over the network beside the local en-IN one: the exact, local one must be chosen.</summary>
    private static readonly object[] AllVoices =
    [
        new { name = "Fake David", lang = "en-US", localService = false, @default = true },
        new { name = "Fake Heera", lang = "en-IN", localService = true, @default = false },
        new { name = "Fake Kalpana", lang = "hi-IN", localService = true, @default = false },
        new { name = "Fake Valluvar", lang = "ta-IN", localService = true, @default = false },
    ];

    private static string Recorder(IEnumerable<object> voices) => $$"""
        (() => {
            const log = [];
            window.__speech = log;
            const voices = {{JsonSerializer.Serialize(voices)}};
            let loaded = false;
            // Reading .voice back must give what was set, as with a real SpeechSynthesisVoice.
            class RecordedUtterance extends SpeechSynthesisUtterance {
                get voice() { return this._voice ?? null; }
                set voice(v) { this._voice = v; }
            }
            window.SpeechSynthesisUtterance = RecordedUtterance;
            const synth = window.speechSynthesis;
            synth.getVoices = () => loaded ? voices : [];
            synth.speak = u => {
                log.push({ kind: "speak", text: u.text, lang: u.lang, voice: u.voice ? u.voice.name : null });
                setTimeout(() => { log.push({ kind: "end", text: u.text }); u.dispatchEvent(new Event("end")); }, 300);
            };
            synth.cancel = () => log.push({ kind: "cancel" });
            setTimeout(() => { loaded = true; synth.dispatchEvent(new Event("voiceschanged")); }, 400);
            const start = OscillatorNode.prototype.start;
            OscillatorNode.prototype.start = function (...args) { log.push({ kind: "tone" }); return start.apply(this, args); };
        })();
        """;

    private sealed record Entry(string Kind, string? Text, string? Lang, string? Voice);

    private static async Task<List<Entry>> LogAsync(IPage page) =>
        JsonSerializer.Deserialize<List<Entry>>(await page.EvaluateAsync<string>("JSON.stringify(window.__speech)"), Json.Options)!;

    private async Task<IPage> OpenAsync(string address, IEnumerable<object> voices)
    {
        var page = await browser.NewPageAsync();
        await page.AddInitScriptAsync(Recorder(voices));
        Assert.Equal(200, (await page.GotoAsync(address))!.Status);
        await BrowserApp.WaitForInteractiveAsync(page);
        return page;
    }

    private async Task<int> DoctorAsync(string name, string room)
    {
        var created = await browser.App.CreateClient().Post("/api/doctors",
            new { name, specialization = "Medicine", opdDays = Enum.GetNames<DayOfWeek>(), room, labelPrefix = name[4..5] });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Read<DoctorView>()).Id;
    }

    [Fact]
    public async Task Two_calls_at_once_are_each_chimed_then_said_in_english_hindi_and_tamil_one_after_the_other_and_never_again_on_a_re_render()
    {
        var desk = new Desk(browser.App.CreateClient());
        browser.App.SetTime(8);
        var first = await DoctorAsync("Dr. Anand", "101");
        var second = await DoctorAsync("Dr. Bhatt", "102");
        var firstSlot = await desk.Slot(first, "09:00", "10:00");
        var secondSlot = await desk.Slot(second, "09:00", "10:00");
        await desk.Issue("walkin", firstSlot.Id);
        await desk.Issue("walkin", secondSlot.Id);
        browser.App.SetTime(9);
        var display = await OpenAsync($"/display/101,102?speech=en,hi,ta", AllVoices);
        // Headless Chromium lets a page play sound untouched, so this display starts with sound on (the tap is bUnit's to test).
        await Expect(display.GetByTestId("sound-on")).ToHaveTextAsync("Sound on · spoken in English, Hindi and Tamil");
        Assert.Empty(await LogAsync(display));

        (await desk.Client.PostAsync($"/api/slots/{firstSlot.Id}/call-next", null, Ct)).EnsureSuccessStatusCode();
        (await desk.Client.PostAsync($"/api/slots/{secondSlot.Id}/call-next", null, Ct)).EnsureSuccessStatusCode();

        await display.WaitForFunctionAsync("() => window.__speech.filter(e => e.kind === 'end').length >= 6", null, new() { Timeout = 30_000 });
        var log = await LogAsync(display);
        Assert.Equal(
        [
            new("tone", null, null, null), new("tone", null, null, null),
            new("speak", "Token A 0 0 1, Room 101", "en-IN", "Fake Heera"), new("end", "Token A 0 0 1, Room 101", null, null),
            new("speak", "टोकन A 0 0 1, कमरा नंबर 101", "hi-IN", "Fake Kalpana"), new("end", "टोकन A 0 0 1, कमरा नंबर 101", null, null),
            new("speak", "டோக்கன் A 0 0 1, அறை எண் 101", "ta-IN", "Fake Valluvar"), new("end", "டோக்கன் A 0 0 1, அறை எண் 101", null, null),
            new("tone", null, null, null), new("tone", null, null, null),
            new("speak", "Token B 0 0 1, Room 102", "en-IN", "Fake Heera"), new("end", "Token B 0 0 1, Room 102", null, null),
            new("speak", "टोकन B 0 0 1, कमरा नंबर 102", "hi-IN", "Fake Kalpana"), new("end", "टोकन B 0 0 1, कमरा नंबर 102", null, null),
            new("speak", "டோக்கன் B 0 0 1, அறை எண் 102", "ta-IN", "Fake Valluvar"), new("end", "டோக்கன் B 0 0 1, அறை எண் 102", null, null),
        ], log);
        await Expect(display.GetByTestId("voices-missing")).ToBeHiddenAsync();

        // The board changes (a new patient waits) and renders again: the calls already said stay said.
        await desk.Issue("walkin", firstSlot.Id);
        await Expect(display.GetByTestId("next").First).ToHaveTextAsync("A002");
        await Task.Delay(2000, Ct);
        Assert.Equal(log.Count, (await LogAsync(display)).Count);

        // A display that lost its server reloads itself: the calls on the board then are not said again.
        await display.ReloadAsync();
        await BrowserApp.WaitForInteractiveAsync(display);
        await Expect(display.GetByTestId("now-called").First).ToHaveTextAsync("A001");
        await Task.Delay(2000, Ct);
        Assert.DoesNotContain(await LogAsync(display), e => e.Kind == "speak");
        await display.Context.CloseAsync();
    }

    [Fact]
    public async Task Without_a_tamil_voice_the_settings_page_and_the_display_say_tamil_is_missing()
    {
        var noTamil = AllVoices.Take(3).ToArray();
        var settings = await OpenAsync("/display/settings?speech=en,hi,ta", noTamil);

        await Expect(settings.GetByTestId("speech-plan")).ToContainTextAsync("Calls are spoken in English, Hindi and Tamil");
        await Expect(settings.GetByTestId("voice-en")).ToContainTextAsync("Fake Heera (en-IN, on this machine)");
        await Expect(settings.GetByTestId("voice-hi")).ToContainTextAsync("Fake Kalpana (hi-IN, on this machine)");
        await Expect(settings.GetByTestId("voice-ta")).ToContainTextAsync("No voice for Tamil on this screen: calls are not spoken in Tamil. Install one:");
        await settings.Context.CloseAsync();

        var display = await OpenAsync("/display?speech=en,hi,ta", noTamil);
        await Expect(display.GetByTestId("voices-missing")).ToHaveTextAsync("No voice for Tamil on this screen");
        await Expect(display.GetByTestId("voices-missing")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/display/settings\\?speech=en(%2C|,)hi(%2C|,)ta$"));
        await display.Context.CloseAsync();
    }

    [Fact]
    public async Task A_screen_named_in_admin_speaks_its_own_languages_and_the_settings_page_says_where_they_come_from()
    {
        var saved = await browser.App.CreateClient().PutAsync("/api/admin/displays/hall-b",
            new StringContent("""{"speech":"ta,hi"}""", System.Text.Encoding.UTF8, "application/json"), Ct);
        saved.EnsureSuccessStatusCode();

        var settings = await OpenAsync("/display/settings?screen=hall-b&rooms=101,102", AllVoices);

        await Expect(settings.GetByTestId("screen-name")).ToContainTextAsync("Screen hall-b.");
        await Expect(settings.GetByTestId("speech-plan")).ToContainTextAsync("Calls are spoken in Tamil and Hindi: set for screen \"hall-b\" in Admin · Displays.");
        await Expect(settings.GetByTestId("voice-ta")).ToContainTextAsync("Fake Valluvar");
        await Expect(settings.GetByTestId("back-to-display")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/display/101,102\\?screen=hall-b$"));
        await settings.GetByTestId("sample").ClickAsync();
        await settings.WaitForFunctionAsync("() => window.__speech.filter(e => e.kind === 'end').length >= 2", null, new() { Timeout = 30_000 });
        var spoken = (await LogAsync(settings)).Where(e => e.Kind == "speak").Select(e => (e.Lang, e.Text)).ToList();
        Assert.Equal([("ta-IN", "டோக்கன் A 0 1 4, அறை எண் 101"), ("hi-IN", "टोकन A 0 1 4, कमरा नंबर 101")], spoken);
        await settings.Context.CloseAsync();
    }
    [Fact]
    public async Task An_admin_names_a_screen_to_speak_hindi_only_and_that_tv_says_so_from_then_on()
    {
        var admin = await browser.SignInAsync(OpdReception.Security.Roles.Admin);
        await admin.GotoAsync("/admin/displays");
        await BrowserApp.WaitForInteractiveAsync(admin);
        await admin.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(admin.GetByTestId("default-speech")).ToHaveTextAsync("English");

        await admin.Locator("input[data-testid=screen-name]").FillAsync("Hall-C");
        await admin.GetByRole(AriaRole.Checkbox, new() { Name = "English" }).UncheckAsync();
        await admin.GetByRole(AriaRole.Checkbox, new() { Name = "Hindi" }).CheckAsync();
        await admin.GetByTestId("save-screen").ClickAsync();

        await Expect(admin.GetByTestId("screen-hall-c")).ToContainTextAsync("/display?screen=hall-c");
        await Expect(admin.GetByTestId("screen-hall-c")).ToContainTextAsync("Hindi");
        await Expect(admin.GetByTestId("history")).ToContainTextAsync("added; speaks Hindi");

        var display = await OpenAsync("/display?screen=hall-c", AllVoices);
        await Expect(display.GetByTestId("sound-on")).ToHaveTextAsync("Sound on · spoken in Hindi");

        // Turned off while the TV is open: it goes to the chime alone without a reload.
        await admin.GetByRole(AriaRole.Button, new() { Name = "Change screen hall-c" }).ClickAsync();
        await admin.Locator("[data-testid=screen-speaks] input, input[data-testid=screen-speaks]").UncheckAsync();
        await admin.GetByTestId("save-screen").ClickAsync();
        await Expect(admin.GetByTestId("screen-hall-c")).ToContainTextAsync("Off (chime only)");
        await Expect(display.GetByTestId("sound-on")).ToHaveTextAsync("Sound on · chime only");
        await display.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }
}

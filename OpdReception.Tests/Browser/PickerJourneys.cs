using System.Net;
using Microsoft.Playwright;
using OpdReception.Security;
using OpdReception.Services;
using OpdReception.Simulation;
using OpdReception.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace OpdReception.Tests.Browser;

/// <summary>
/// Issue 17: a receptionist typing a doctor's name at a brisk 30 ms a key and pressing Enter at once, while other
/// desks issue through the API, gets the doctor typed, never the first one of the list.
/// </summary>
public sealed class PickerJourneys(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private const int Tries = 20;

    /// <summary>The demo day's doctors, each with a doctor's account (README): what a pilot's desk types.</summary>
    private static readonly string[] Typed = ["Khan", "Iyer", "Ali", "Rao"];

    private readonly Desk _desk = new(browser.App.CreateClient());

    [Fact]
    public async Task Typing_each_demo_doctors_name_at_30_ms_a_key_and_pressing_Enter_picks_that_doctor_twenty_times_in_twenty_under_concurrent_issuing()
    {
        var demo = DayPlan.StandardDoctors.Append(DayPlan.Roster[5]).ToList();
        var rooms = new Dictionary<string, string>();
        foreach (var planned in demo)
        {
            var created = await _desk.Client.Post("/api/doctors", new { name = planned.Name, specialization = planned.Specialization, opdDays = Enum.GetNames<DayOfWeek>(), room = planned.Room });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var doctor = await created.Read<DoctorView>();
            await _desk.Slot(doctor.Id, "09:00", "13:00", capacity: 100);
            rooms[planned.Name] = planned.Room;
        }

        var busy = await _desk.Slot((await _desk.Doctor(specialization: "General Medicine", name: "Dr. Other Desk")).Id, "09:00", "13:00", capacity: 500);
        var page = await browser.SignInAsync(Roles.Receptionist);
        await page.GotoAsync("/reception");
        await BrowserApp.WaitForInteractiveAsync(page);

        using var stop = new CancellationTokenSource();
        var issuedElsewhere = 0;
        var otherDesks = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var response = await _desk.TryIssue("walkin", busy.Id);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    var token = await response.Read<TokenView>();
                    await _desk.SetStatus(token.Id, "cancelled", "Left");
                    Interlocked.Increment(ref issuedElsewhere);
                }
            }
        });

        // Enter goes through the page's listener once attached; before that the server decides from its own copy.
        await page.Locator("[data-picker-ready] input[data-testid=doctor]").WaitForAsync();
        var field = page.Locator("input[data-testid=doctor]");
        var wrong = new List<string>();
        try
        {
            foreach (var name in Typed)
            {
                var expected = demo.Single(d => d.Name.EndsWith(name, StringComparison.Ordinal));
                for (var attempt = 1; attempt <= Tries; attempt++)
                {
                    await field.ClickAsync();
                    await field.PressAsync("Control+a");
                    await field.PressAsync("Backspace");

                    // The emptied field has un-chosen the last doctor: whatever shows next is this try's choice.
                    await Expect(page.GetByTestId("chosen-doctor")).ToHaveCountAsync(0);
                    await field.PressSequentiallyAsync(name, new() { Delay = 30 });
                    await page.Keyboard.PressAsync("Enter");

                    var chosen = page.GetByTestId("chosen-doctor");
                    try
                    {
                        await Expect(chosen).ToContainTextAsync(new System.Text.RegularExpressions.Regex("Dr\\."));
                    }
                    catch (PlaywrightException)
                    {
                        wrong.Add($"typed {name} (try {attempt}), got nothing; the field shows “{await field.InputValueAsync()}”");
                        continue;
                    }

                    var shown = (await chosen.InnerTextAsync()).Trim();
                    if (!shown.Contains(expected.Name, StringComparison.Ordinal))
                    {
                        wrong.Add($"typed {name}, got {shown}");
                    }
                    else if (attempt % 10 == 0)
                    {
                        // A few go all the way: the answer names the doctor and the room, large enough to catch a wrong pick.
                        await page.GetByTestId("patient-name").FillAsync($"Patient of {name} {attempt}");
                        await page.GetByTestId("patient-name").PressAsync("Enter");
                        await Expect(page.GetByTestId("issued-doctor")).ToHaveTextAsync($"{expected.Name} · Room {expected.Room}");
                        await Expect(field).ToBeFocusedAsync();
                        // Put away, so the next answer checked is that try's own.
                        await page.GetByTestId("dismiss-answer").ClickAsync();
                        await Expect(page.GetByTestId("issued-answer")).ToHaveCountAsync(0);
                        await page.Locator("[data-picker-ready] input[data-testid=doctor]").WaitForAsync();
                    }
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await otherDesks;
        }

        Xunit.TestContext.Current.SendDiagnosticMessage($"{Typed.Length * Tries} picks, {wrong.Count} wrong; {issuedElsewhere} tokens issued and cancelled by the other desk meanwhile");
        Assert.Empty(wrong);
        Assert.True(issuedElsewhere > 0);
    }

    [Fact]
    public async Task The_source_is_one_radio_group_the_arrow_keys_move_through_and_the_open_suggestions_pass_axe()
    {
        var specialization = $"Radio {Guid.NewGuid():N}"[..14];
        await _desk.Doctor(specialization, name: "Dr. Radio One");
        await _desk.Doctor(specialization, name: "Dr. Radio Two");
        var page = await browser.SignInAsync(Roles.Receptionist);
        await page.GotoAsync("/reception");
        await BrowserApp.WaitForInteractiveAsync(page);

        var group = page.GetByRole(AriaRole.Radiogroup, new() { Name = "Source" });
        await Expect(group.GetByRole(AriaRole.Radio)).ToHaveCountAsync(5);
        var walkIn = group.GetByRole(AriaRole.Radio, new() { Name = "Walk-in" });
        await Expect(walkIn).ToHaveAttributeAsync("aria-checked", "true");
        await walkIn.FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        var online = group.GetByRole(AriaRole.Radio, new() { Name = "Online booking" });
        await Expect(online).ToHaveAttributeAsync("aria-checked", "true");
        await Expect(online).ToBeFocusedAsync();
        await Expect(walkIn).ToHaveAttributeAsync("aria-checked", "false");
        await page.Keyboard.PressAsync("ArrowLeft");
        await Expect(walkIn).ToHaveAttributeAsync("aria-checked", "true");

        var field = page.Locator("[data-picker-ready] input[data-testid=doctor]");
        await field.PressSequentiallyAsync("Radio", new() { Delay = 30 });
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Listbox)).ToBeVisibleAsync();
        await Expect(page.GetByTestId("issue-form")).ToContainTextAsync("2 doctors match “Radio” — pick one.");
        Assert.Empty(await Axe.SeriousViolationsAsync(page));
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("chosen-doctor")).ToContainTextAsync("Dr. Radio Two");
    }
}

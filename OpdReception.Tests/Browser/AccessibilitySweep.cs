using Microsoft.Playwright;
using OpdReception.Security;
using OpdReception.Services;
using OpdReception.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace OpdReception.Tests.Browser;

/// <summary>
/// axe-core over every page and every dialog, as each role sees them, with data on screen: 0 violations of any
/// impact. Each dialog is opened as a person opens it, checked while open, then closed with Escape.
/// </summary>
public sealed class AccessibilitySweep(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private readonly Desk _desk = new(browser.App.CreateClient());

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Check(string Name, IReadOnlyList<string> Violations);

    private readonly List<Check> _pages = [];
    private readonly List<Check> _dialogs = [];

    private static async Task GoAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await (path.StartsWith("/t/", StringComparison.Ordinal) ? BrowserApp.WaitForLivePatientPageAsync(page) : BrowserApp.WaitForInteractiveAsync(page));
    }

    private async Task PageAsync(IPage page, string path, Func<IPage, Task>? ready = null)
    {
        await GoAsync(page, path);
        if (ready is not null)
        {
            await ready(page);
        }

        _pages.Add(new(path, await Axe.ViolationsAsync(page)));
    }

    private async Task DialogAsync(IPage page, string path, string name, Func<IPage, Task> open)
    {
        await GoAsync(page, path);
        await open(page);
        var dialog = page.Locator(".mud-dialog").Last;
        await Expect(dialog).ToBeVisibleAsync();
        // Opening animations: the colours axe measures are the final ones.
        await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running')");
        _dialogs.Add(new(name, await Axe.ViolationsAsync(page)));
        await page.Keyboard.PressAsync("Escape");
    }

    private static Task ClickAsync(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).First.ClickAsync();

    private static async Task RowMenuAsync(IPage page, string token, string item)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = $"More actions for {token}" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = item }).ClickAsync();
    }

    [Fact]
    public async Task Every_page_and_every_dialog_has_no_accessibility_violation_of_any_impact()
    {
        browser.App.SetTime(8);
        var doctor = await _desk.Doctor(name: "Dr. Axe Check");
        var slot = await _desk.Slot(doctor.Id, "09:00", "10:00");
        await _desk.Slot(doctor.Id, "10:00", "11:00");
        var booked = await _desk.Issue("book", slot.Id, name: "Anil Booked");
        await _desk.Issue("walkin", slot.Id, name: "Meera Waiting");
        var absent = await _desk.Issue("book", slot.Id, name: "Ravi Absent");
        await _desk.SetStatus(absent.Id, "NoShow");
        // Reallocation is offered on a running-late slot only.
        (await _desk.Client.PatchAsync($"/api/slots/{slot.Id}/delay?delay_minutes=30", null, Ct)).EnsureSuccessStatusCode();
        // A patient stranded in a cancelled slot, with no colleague to move to: on the desk's "to contact" list.
        var alone = await _desk.Doctor(name: "Dr. Axe Alone", specialization: $"Alone {Guid.NewGuid():N}");
        var lonely = await _desk.Slot(alone.Id, "11:00", "12:00");
        await _desk.Issue("book", lonely.Id, name: "Sita Stranded");
        (await _desk.Client.Post($"/api/admin/slots/{lonely.Id}/cancel", new { reason = "Doctor called away" })).EnsureSuccessStatusCode();
        var code = (await browser.App.Service<DeskService>().SlipAsync(booked.Id, Ct)).Value!.Code;
        // A message that failed for good: on the admin's Message delivery page and in the token's history.
        var failedMessage = OutboxRows.Message(booked.Id, browser.App.Clock.Now);
        (failedMessage.State, failedMessage.Attempts, failedMessage.LastError, failedMessage.FailedAt) =
            (OpdReception.Domain.MessageState.Failed, 8, "Gave up after 8 attempts. Last answer: The SMS gateway answered 502 (Bad Gateway).", browser.App.Clock.Now);
        await OutboxRows.AddAsync(browser.App.Service<Microsoft.EntityFrameworkCore.IDbContextFactory<OpdReception.Data.OpdDbContext>>(), failedMessage);
        browser.App.SetTime(9);
        var board = $"/reception/board/{doctor.Id}";

        var anonymous = await browser.NewPageAsync();
        await PageAsync(anonymous, "/signin");
        await PageAsync(anonymous, "/signin/two-factor");
        await PageAsync(anonymous, $"/display/{doctor.Id}");
        await PageAsync(anonymous, "/display/settings?speech=en,hi,ta", p => Expect(p.GetByTestId("voice-ta")).Not.ToContainTextAsync("Looking for voices"));
        await PageAsync(anonymous, $"/t/{code}");

        var desk = await browser.SignInAsync(Roles.Receptionist);
        await PageAsync(desk, "/reception");
        await PageAsync(desk, $"/reception?doctor={doctor.Id}", p => Expect(p.GetByTestId("seats-left")).ToBeVisibleAsync());
        await PageAsync(desk, board, p => Expect(p.Locator("[data-testid=queue] tr[data-token]").First).ToBeVisibleAsync());
        await PageAsync(desk, "/forbidden");
        await PageAsync(desk, "/account/password");
        await PageAsync(desk, "/admin");
        await PageAsync(desk, "/no-such-page");
        await PageAsync(desk, "/not-found");

        await DialogAsync(desk, board, "History", p => RowMenuAsync(p, booked.TokenNumber, "History"));
        await DialogAsync(desk, board, "Cancel token", p => RowMenuAsync(p, booked.TokenNumber, "Cancel…"));
        await DialogAsync(desk, board, "Move token", p => RowMenuAsync(p, booked.TokenNumber, "Move…"));
        await DialogAsync(desk, board, "Running late (slot)", p => ClickAsync(p, "Running late… 09:00 slot"));
        await DialogAsync(desk, board, "Reallocate (slot)", p => ClickAsync(p, "Reallocate… 09:00 slot"));
        await DialogAsync(desk, board, "Cancel slot", p => ClickAsync(p, "Cancel slot… 09:00 slot"));
        await DialogAsync(desk, board, "Keyboard shortcuts (board)", p => ClickAsync(p, "Keyboard shortcuts"));
        await DialogAsync(desk, "/reception", "Keyboard shortcuts (desk)", p => ClickAsync(p, "Keyboard shortcuts"));
        await DialogAsync(desk, "/reception", "Contacted (to contact)", p => p.GetByTestId("to-contact-done").First.ClickAsync());

        var doctorPage = await browser.SignInAsync(Roles.Doctor, doctor.Id);
        await PageAsync(doctorPage, "/doctor", p => p.GetByTestId("keys-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached }));

        var admin = await browser.SignInAsync(Roles.Admin);
        foreach (var path in new[] { "/", "/admin", "/admin/doctors", "/admin/users", "/admin/schedules", "/admin/leave", "/admin/slots", "/admin/settings", "/admin/displays", "/admin/feedback", "/admin/messages", "/account/two-factor" })
        {
            await PageAsync(admin, path);
        }

        await PageAsync(admin, "/admin/message-templates");

        await DialogAsync(admin, "/admin/doctors", "New doctor", p => p.GetByTestId("new-doctor").ClickAsync());
        await DialogAsync(admin, "/admin/doctors", "Edit doctor", p => ClickAsync(p, "Edit Dr. Axe Check"));
        await DialogAsync(admin, "/admin/users", "Reset password", p => p.GetByRole(AriaRole.Button, new() { NameRegex = new("^Reset password of ") }).First.ClickAsync());
        await DialogAsync(admin, "/admin/users", "Correct account", p => p.GetByTestId("correct-user").First.ClickAsync());
        await DialogAsync(admin, "/admin/users", "Remove account", p => p.GetByTestId("remove-user").First.ClickAsync());
        await DialogAsync(admin, "/admin/users", "Lock account", p => p.GetByRole(AriaRole.Button, new() { NameRegex = new("^Lock ") }).First.ClickAsync());
        await DialogAsync(admin, "/admin/slots", "Cancel slot (admin)", p => ClickAsync(p, "Cancel the 10:00 slot of Dr. Axe Check"));
        await DialogAsync(admin, "/admin/slots", "Delete slot", p => ClickAsync(p, "Delete the 10:00 slot of Dr. Axe Check"));

        var violations = _pages.Concat(_dialogs).Sum(c => c.Violations.Count);
        var totals = $"axe: {_pages.Count} pages, {_dialogs.Count} dialogs, {violations} violations";
        TestContext.Current.SendDiagnosticMessage(totals);
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "opd-axe-totals.txt"), totals + "\n");
        Assert.True(violations == 0, totals + "\n" + string.Join("\n", _pages.Concat(_dialogs).Where(c => c.Violations.Count > 0)
            .Select(c => $"{c.Name}:\n  {string.Join("\n  ", c.Violations)}")));
    }
}

using Microsoft.Playwright;
using OpdReception.Security;

namespace OpdReception.Tests.Support;

/// <summary>
/// The app on a real loopback port (its own SQLite file, the test's clock) and Chromium pointed at it. Use it as a
/// class fixture: set data up through <see cref="App"/> (its <c>CreateClient()</c> is an Admin, <see cref="Desk"/>
/// works as in the API tests), then open pages with <see cref="NewPageAsync"/> and <see cref="SignInAsync"/>.
/// </summary>
public sealed class BrowserApp : IAsyncLifetime
{
    public BrowserApp()
        : this(new OpdApp())
    {
    }

    /// <summary>The browser on an app set up otherwise (its settings), for a fixture of its own.</summary>
    internal BrowserApp(OpdApp app) => App = app.OnRealPort();

    public OpdApp App { get; }

    public Uri Address { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Address = App.Start();
        await Chromium.BrowserAsync();
    }

    /// <summary>A fresh browser context (no cookies) on the app, or on the app seen through <paramref name="via"/>.</summary>
    public async Task<IPage> NewPageAsync(Uri? via = null)
    {
        var browser = await Chromium.BrowserAsync();
        var context = await browser.NewContextAsync(new() { BaseURL = (via ?? Address).ToString().TrimEnd('/') });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the sign-in page as a user holding <paramref name="role"/> and waits for the start page to be live.</summary>
    public async Task<IPage> SignInAsync(string role, int? doctorId = null, IPage? page = null)
    {
        var user = await App.UserAsync(role, doctorId);
        page ??= await NewPageAsync();
        await page.GotoAsync("/signin");
        await SignInOnPageAsync(page, user.Email, OpdApp.Password);
        return page;
    }

    /// <summary>Fills in and submits the sign-in form already on screen, then waits for the page it leads to.</summary>
    public static async Task SignInOnPageAsync(IPage page, string email, string password)
    {
        await WaitForInteractiveAsync(page);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByTestId("signin").ClickAsync();
        // A loaded machine can take longer than Playwright's 30 s default over the password hash and the first render.
        await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/signin", StringComparison.Ordinal), new() { Timeout = 60_000 });
        await WaitForInteractiveAsync(page);
    }

    /// <summary>Blazor handlers are live only once the circuit is up: the layout then renders a hidden marker.</summary>
    public static Task WaitForInteractiveAsync(IPage page) =>
        page.GetByTestId("circuit-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>The patient's page has no circuit: its script marks the page once its stream (or its state fetch) answered.</summary>
    public static Task WaitForLivePatientPageAsync(IPage page) =>
        page.Locator("html[data-live=on]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    public static string PathOf(IPage page) => new Uri(page.Url).PathAndQuery;

    /// <summary>
    /// The ended screen may still be loading the sign-in page (the page gate's move and the full reload can both come):
    /// a navigation of ours that such a load interrupts is tried again.
    /// </summary>
    public static async Task GotoAfterEndAsync(IPage page, string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await page.GotoAsync(path);
                return;
            }
            catch (PlaywrightException e) when (attempt < 3 && (e.Message.Contains("ERR_ABORTED", StringComparison.Ordinal)
                || e.Message.Contains("interrupted by another navigation", StringComparison.Ordinal)))
            {
                await page.WaitForLoadStateAsync(LoadState.Load);
            }
        }
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

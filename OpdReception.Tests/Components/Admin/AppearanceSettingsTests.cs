using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using OpdReception.Components.Pages.Admin;
using OpdReception.Components.Shared;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Components.Admin;

/// <summary>The settings page's appearance part: refusals beside their field, a logo that shows where it is used.</summary>
public sealed class AppearanceSettingsTests(OpdApp app) : AdminContext(app)
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    [Fact]
    public async Task A_colour_too_light_for_white_text_is_refused_beside_its_field_and_a_dark_one_is_saved()
    {
        var page = RenderAsAdmin<Settings>();
        page.WaitForElement("[data-testid=save-colour]");

        page.Find("input[data-testid=setting-PrimaryColour]").Change("#ffeb3b");
        page.Find("[data-testid=save-colour]").Click();

        page.WaitForAssertion(() => Assert.Contains("too light for white text", page.Find(".mud-input-control:has(input[data-testid=setting-PrimaryColour])").TextContent));
        Assert.Equal(AppearanceRules.DefaultColour, Service<IOptionsMonitor<OpdOptions>>().CurrentValue.PrimaryColour);

        page.Find("input[data-testid=setting-PrimaryColour]").Change("#283593");
        page.Find("[data-testid=save-colour]").Click();

        page.WaitForAssertion(() => Assert.Equal("#283593", Service<IOptionsMonitor<OpdOptions>>().CurrentValue.PrimaryColour));
        page.WaitForAssertion(() => Assert.Contains("Primary colour", page.Find("[data-testid=history]").TextContent));
        await Service<AppearanceService>().SaveColourAsync(AppearanceRules.DefaultColour, "test");
    }

    [Fact]
    public async Task An_uploaded_png_shows_on_the_page_and_on_the_slip_and_an_svg_is_refused_in_words()
    {
        var page = RenderAsAdmin<Settings>();
        page.WaitForElement("[data-testid=logo-label]");

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("<svg xmlns='http://www.w3.org/2000/svg'/>", "logo.svg", contentType: "image/svg+xml"));

        page.WaitForAssertion(() => Assert.Equal("The logo must be a PNG, JPEG or WebP image.", page.Find("[data-testid=logo-help]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=logo-preview]"));

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(Png, "logo.png", contentType: "image/png"));

        var preview = page.WaitForElement("[data-testid=logo-preview]");
        var url = preview.GetAttribute("src")!;
        Assert.StartsWith("/branding/logo?v=", url);
        var doctor = await Desk.Doctor();
        var token = await Desk.Issue("walkin", (await Desk.Slot(doctor.Id)).Id);
        var slip = Render<TokenSlip>(p => p.Add(s => s.Slip, App.Service<DeskService>().SlipAsync(token.Id).GetAwaiter().GetResult().Value!));
        Assert.Equal(url, slip.Find("img.slip-logo").GetAttribute("src"));

        page.Find("[data-testid=remove-logo]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=logo-preview]")));
        Assert.Null((await Service<AppearanceService>().GetAsync()).LogoUrl);
    }
}

using Bunit;
using OpdReception.Components.Pages.Admin;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Components.Admin;

/// <summary>The "Message wording" page: a live preview, a mistake refused beside the wording, a save, a reset.</summary>
public sealed class MessageWordingTests(OpdApp app) : AdminContext(app)
{
    [Fact]
    public async Task The_preview_follows_the_typing_a_wrong_value_is_refused_and_a_saved_wording_can_be_reset()
    {
        var page = RenderAsAdmin<MessageWording>();
        page.WaitForElement("[data-testid=template-save]");
        Assert.Contains("token A014 with Dr. Meena Rao", page.Find("[data-testid=template-preview]").TextContent);
        Assert.True(page.Find("[data-testid=template-reset]").HasAttribute("disabled"));

        page.Find("textarea[data-testid=template-text]").Input("Token {label} at {rooom}");
        page.WaitForAssertion(() => Assert.Contains("{rooom} is not a value this message has", page.Find("[data-testid=template-preview]").TextContent));
        page.Find("[data-testid=template-save]").Click();
        page.WaitForAssertion(() => Assert.Contains("{rooom} is not a value", page.Find(".mud-input-control:has(textarea[data-testid=template-text])").TextContent));
        Assert.True((await Service<MessageTemplateService>().ListAsync()).Single(t => t.Event == MessageKind.TokenIssued && t.Language == "en").IsDefault);

        page.Find("textarea[data-testid=template-text]").Input("Token {label}, {doctor}, {date}: {link}");
        page.WaitForAssertion(() => Assert.Contains("Token A014, Dr. Meena Rao, ", page.Find("[data-testid=template-preview]").TextContent));
        page.Find("[data-testid=template-save]").Click();
        page.WaitForAssertion(() => Assert.Equal("Token {label}, {doctor}, {date}: {link}",
            Service<MessageTemplateService>().ListAsync().GetAwaiter().GetResult().Single(t => t.Event == MessageKind.TokenIssued && t.Language == "en").Text));
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=template-reset]").HasAttribute("disabled")));
        Assert.Contains("Edited", page.Find("[data-testid=template-list]").TextContent);

        page.Find("[data-testid=template-reset]").Click();
        page.WaitForAssertion(() => Assert.True(
            Service<MessageTemplateService>().ListAsync().GetAwaiter().GetResult().Single(t => t.Event == MessageKind.TokenIssued && t.Language == "en").IsDefault));
        page.WaitForAssertion(() => Assert.Contains("token A014 with Dr. Meena Rao", page.Find("[data-testid=template-preview]").TextContent));
    }
}

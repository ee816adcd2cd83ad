using System.Net;

namespace OpdReception.Tests.Api;

/// <summary>The slip's code however it is typed: codes are made in lower case from an alphabet with no case twins.</summary>
public sealed partial class PatientPageTests
{
    [Fact]
    public async Task A_code_typed_in_capitals_opens_the_same_page_at_its_own_address()
    {
        var (_, _, code) = await QueueAsync(1);
        using var phone = Phone();

        using var page = await phone.GetAsync($"/t/{code.ToUpperInvariant()}?arrival=CheckedIn", Ct);
        using var followed = await phone.GetAsync(page.Headers.Location, Ct);
        var state = await StateAsync(phone, code.ToUpperInvariant());

        Assert.Equal(HttpStatusCode.MovedPermanently, page.StatusCode);
        Assert.Equal($"/t/{code}?arrival=CheckedIn", page.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
        Assert.Contains("data-f=\"number\">T001<", await followed.Content.ReadAsStringAsync(Ct));
        Assert.Equal("You are next.", state.Headline);
    }
}

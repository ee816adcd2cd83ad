using OpdReception.Domain;

namespace OpdReception.Tests.Domain;

public sealed class ReturnUrlsTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/reception")]
    [InlineData("/reception/board?doctor=3")]
    [InlineData("/admin/users#list")]
    [InlineData("/patient/T-12%2F3")]
    public void A_path_of_this_site_is_kept_as_it_is(string url) =>
        Assert.Equal(url, ReturnUrls.LocalOrNull(url));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("reception")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("/%09/evil.example")]
    [InlineData("%2F%09%2Fevil.example")]
    [InlineData("%2F%2Fevil.example")]
    [InlineData("/%2Fevil.example")]
    [InlineData("/%5Cevil.example")]
    [InlineData("/%255Cevil.example")]
    [InlineData("/%25252F%25252Fevil.example")]
    [InlineData("/\n/evil.example")]
    [InlineData("/%0A/evil.example")]
    [InlineData("/%0D%0A/evil.example")]
    [InlineData("/reception\\..\\..\\evil")]
    [InlineData("/ /evil.example")]
    [InlineData("https://evil.example")]
    [InlineData("http:/evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/redirect?to=https://evil.example")]
    public void Anything_but_a_plain_local_path_falls_back_to_the_start_page(string? url) =>
        Assert.Null(ReturnUrls.LocalOrNull(url));
}

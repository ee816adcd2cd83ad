using System.Net;
using Microsoft.Extensions.Options;
using OpdReception.Security;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Security;

/// <summary>X-Forwarded-* headers count only when the configured proxy sends them: the published app with deploy/'s settings.</summary>
public sealed class ForwardedHeadersTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    // Opd:Proxy:KnownProxies, the caller (loopback) is that proxy
    [InlineData("127.0.0.1", true)]
    [InlineData("10.1.2.3", false)]
    public async Task A_forwarded_https_counts_only_from_the_configured_proxy(string knownProxies, bool trusted)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await ProductionServer.StartAsync(Path.GetDirectoryName(_folder.File("opd.db"))!, ct,
            new Dictionary<string, string> { ["Opd__Proxy__KnownProxies"] = knownProxies });
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{server.Port}/signin");
        request.Headers.Host = ProductionServer.HospitalHost;
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");

        var response = await client.SendAsync(request, ct);

        // Over plain http the app sends the caller to https; a trusted proxy's "https" says the caller is there already.
        Assert.Equal(trusted ? HttpStatusCode.OK : HttpStatusCode.TemporaryRedirect, response.StatusCode);
    }

    [Theory]
    [InlineData("KnownProxies", "proxy.hospital", "Opd:Proxy:KnownProxies ('proxy.hospital')")]
    [InlineData("KnownProxies", "127.0.0.1;10.0.0.300", "Opd:Proxy:KnownProxies ('10.0.0.300')")]
    [InlineData("KnownNetworks", "10.0.5.0", "Opd:Proxy:KnownNetworks ('10.0.5.0')")]
    public void A_proxy_address_that_does_not_parse_stops_the_start_naming_the_setting(string setting, string value, string named)
    {
        var proxy = setting == "KnownProxies" ? new ProxySettings { KnownProxies = value } : new ProxySettings { KnownNetworks = value };

        var result = new ProxySettingsValidator().Validate(null, new OpdOptions { Proxy = proxy });

        Assert.True(result.Failed);
        Assert.Contains(named, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Proxy_addresses_and_networks_that_parse_are_accepted() =>
        Assert.Equal(ValidateOptionsResult.Success, new ProxySettingsValidator().Validate(null,
            new OpdOptions { Proxy = new ProxySettings { KnownProxies = "127.0.0.1; ::1", KnownNetworks = "10.0.5.0/24" } }));
}

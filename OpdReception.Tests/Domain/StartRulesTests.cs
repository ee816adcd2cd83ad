using OpdReception.Domain;

namespace OpdReception.Tests.Domain;

public sealed class StartRulesTests
{
    private static readonly string[] Nobody = [];

    [Theory]
    // mode, bound url, behind a proxy, allowed
    [InlineData(StartMode.Hospital, "http://0.0.0.0:5000", false, false)]
    [InlineData(StartMode.Hospital, "HTTP://localhost:5000", false, false)]
    [InlineData(StartMode.Hospital, "http://127.0.0.1:5000", true, true)]
    [InlineData(StartMode.Hospital, "https://0.0.0.0:443", false, true)]
    [InlineData(StartMode.Test, "http://127.0.0.1:5000", false, true)]
    [InlineData(StartMode.Demo, "http://localhost:5283", false, true)]
    public void Plain_http_outside_development_needs_a_configured_proxy(StartMode mode, string url, bool behindProxy, bool allowed)
    {
        var decision = StartRules.Check(mode, [url], behindProxy, Nobody);

        if (allowed)
        {
            Assert.IsType<StartAllowed>(decision);
        }
        else
        {
            var refused = Assert.IsType<StartRefused>(decision);
            Assert.Contains(url, refused.Reason, StringComparison.Ordinal);
            Assert.Contains("Opd:Proxy:KnownProxies", refused.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void One_plain_address_among_https_ones_is_enough_to_refuse() =>
        Assert.IsType<StartRefused>(StartRules.Check(StartMode.Hospital, ["https://*:443", "http://*:80"], false, Nobody));

    [Fact]
    public void No_address_at_all_is_not_plain_http() =>
        Assert.IsType<StartAllowed>(StartRules.Check(StartMode.Hospital, [], false, Nobody));

    [Theory]
    [InlineData(StartMode.Hospital, false)]
    [InlineData(StartMode.Test, false)]
    [InlineData(StartMode.Demo, true)]
    public void An_account_with_the_demo_password_stops_every_start_but_the_demo(StartMode mode, bool allowed)
    {
        var decision = StartRules.Check(mode, ["https://*:443"], true, ["reception@opd.local"]);

        if (allowed)
        {
            Assert.IsType<StartAllowed>(decision);
        }
        else
        {
            Assert.Contains("reception@opd.local", Assert.IsType<StartRefused>(decision).Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_refusal_names_every_account_with_the_demo_password()
    {
        var refused = Assert.IsType<StartRefused>(StartRules.Check(StartMode.Hospital, [], true, ["admin@opd.local", "rao@opd.local"]));

        Assert.Contains("admin@opd.local, rao@opd.local", refused.Reason, StringComparison.Ordinal);
        Assert.Contains("set-password", refused.Reason, StringComparison.Ordinal);
    }

    [Theory]
    // Kestrel:Endpoints urls, urls, http_ports, https_ports -> what Kestrel listens on
    [InlineData("https://0.0.0.0:443", "http://*:80", "8080", null, "https://0.0.0.0:443")]
    [InlineData(null, "http://127.0.0.1:5000;https://*:5001", "8080", null, "http://127.0.0.1:5000|https://*:5001")]
    [InlineData(null, null, "8080", "8443", "http://*:8080|https://*:8443")]
    [InlineData(null, "", null, null, StartRules.KestrelDefaultUrl)]
    public void Bound_urls_follow_kestrels_precedence(string? endpoint, string? urls, string? httpPorts, string? httpsPorts, string expected) =>
        Assert.Equal(expected.Split('|'), StartRules.BoundUrls(endpoint is null ? [] : [endpoint], urls, httpPorts, httpsPorts));
}

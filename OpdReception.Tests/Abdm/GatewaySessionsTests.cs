using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using OpdReception.Services;
using OpdReception.Services.Abdm;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Abdm;

/// <summary>Our session with the gateway double: asked for as the documentation records, cached, renewed before expiry.</summary>
public sealed partial class GatewaySessionsTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new(new DateTime(2026, 6, 14, 9, 0, 0));
    private AbdmGatewayDouble _gateway = null!;
    private ServiceProvider _services = null!;

    public async ValueTask InitializeAsync()
    {
        _gateway = await AbdmGatewayDouble.StartAsync();
        _services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _gateway.DisposeAsync();
    }

    private GatewaySessions Sessions(string secret = AbdmGatewayDouble.ClientSecret) => new(
        _services.GetRequiredService<IHttpClientFactory>(),
        new FixedOptions<AbdmOptions>(new AbdmOptions
        {
            GatewayUrl = _gateway.Url, ClientId = AbdmGatewayDouble.ClientId, ClientSecret = secret, HipId = "IN0410000183",
        }),
        _clock);

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")]
    private static partial Regex UtcMilliseconds();

    [Fact]
    public async Task A_session_is_asked_for_with_the_documented_fields_and_headers()
    {
        var session = await Sessions().CurrentAsync(TestContext.Current.CancellationToken);

        Assert.Equal("session-1", Assert.IsType<GatewaySession.Open>(session).AccessToken);
        var asked = Assert.Single(_gateway.SessionRequests);
        Assert.Equal(AbdmFixtures.Names(AbdmFixtures.Read("sessions.json").GetProperty("request")), AbdmFixtures.Names(asked.Body));
        Assert.Equal("client_credentials", asked.Body.GetProperty("grantType").GetString());
        Assert.True(Guid.TryParse(asked.Headers["REQUEST-ID"], out _));
        Assert.Matches(UtcMilliseconds(), asked.Headers["TIMESTAMP"]);
        Assert.Equal("sbx", asked.Headers["X-CM-ID"]);
    }

    [Fact]
    public async Task One_session_serves_every_call_until_shortly_before_it_expires()
    {
        var sessions = Sessions();
        var cancel = TestContext.Current.CancellationToken;

        var burst = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => sessions.CurrentAsync(cancel)));
        _clock.Advance(TimeSpan.FromSeconds(_gateway.SessionSeconds) - GatewaySessions.Margin - TimeSpan.FromSeconds(1));
        var late = await sessions.CurrentAsync(cancel);
        _clock.Advance(TimeSpan.FromSeconds(2));
        var renewed = await sessions.CurrentAsync(cancel);

        Assert.All(burst, s => Assert.Equal("session-1", Assert.IsType<GatewaySession.Open>(s).AccessToken));
        Assert.Equal("session-1", Assert.IsType<GatewaySession.Open>(late).AccessToken);
        Assert.Equal("session-2", Assert.IsType<GatewaySession.Open>(renewed).AccessToken);
        Assert.Equal(2, _gateway.SessionsIssued);
    }

    [Fact]
    public async Task A_forgotten_session_is_replaced_on_the_next_call()
    {
        var sessions = Sessions();
        var first = Assert.IsType<GatewaySession.Open>(await sessions.CurrentAsync(TestContext.Current.CancellationToken));

        sessions.Forget(first.AccessToken);

        Assert.Equal("session-2", Assert.IsType<GatewaySession.Open>(await sessions.CurrentAsync(TestContext.Current.CancellationToken)).AccessToken);
    }

    [Fact]
    public async Task Wrong_credentials_fail_and_are_asked_again_next_time()
    {
        var sessions = Sessions(secret: "wrong");

        Assert.IsType<GatewaySession.Failed>(await sessions.CurrentAsync(TestContext.Current.CancellationToken));
        Assert.IsType<GatewaySession.Failed>(await sessions.CurrentAsync(TestContext.Current.CancellationToken));
        Assert.Equal(2, _gateway.SessionRequests.Count);
    }

    [Fact]
    public void The_recorded_share_and_acknowledgement_carry_the_fields_issue_22_names()
    {
        var share = AbdmFixtures.Read("profile-share.json").GetProperty("body");
        var ack = AbdmFixtures.Read("on-share.json").GetProperty("body");

        Assert.Equal(["intent", "metaData", "profile"], AbdmFixtures.Names(share));
        Assert.Equal(["context", "hipId", "hprId", "latitude", "longitude"], AbdmFixtures.Names(share.GetProperty("metaData")));
        Assert.Equal(
            ["abhaAddress", "abhaNumber", "address", "dayOfBirth", "gender", "monthOfBirth", "name", "phoneNumber", "yearOfBirth"],
            AbdmFixtures.Names(share.GetProperty("profile").GetProperty("patient")));
        Assert.Equal(["acknowledgement", "response"], AbdmFixtures.Names(ack));
        Assert.Equal(["context", "expiry", "tokenNumber"], AbdmFixtures.Names(ack.GetProperty("acknowledgement").GetProperty("profile")));
    }
}

using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpdReception.Services.Abdm;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Abdm;

/// <summary>The on-share acknowledgement reaches the gateway double shaped as the documentation records it.</summary>
public sealed class ShareAcknowledgementsTests : IAsyncLifetime
{
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

    private ShareAcknowledgements Acknowledgements()
    {
        var options = new FixedOptions<AbdmOptions>(new AbdmOptions
        {
            GatewayUrl = _gateway.Url, ClientId = AbdmGatewayDouble.ClientId, ClientSecret = AbdmGatewayDouble.ClientSecret, HipId = "IN0410000183",
        });
        var clients = _services.GetRequiredService<IHttpClientFactory>();
        return new ShareAcknowledgements(clients, new GatewaySessions(clients, options, TimeProvider.System), options, TimeProvider.System);
    }

    private static string[] Shape(JsonElement element) => element.ValueKind == JsonValueKind.Object
        ? element.EnumerateObject().SelectMany(p => Shape(p.Value).Select(inner => p.Name + "." + inner).Prepend(p.Name)).Order(StringComparer.Ordinal).ToArray()
        : [];

    [Fact]
    public async Task A_seated_scan_is_acknowledged_with_the_label_the_documented_shape_and_the_session_token()
    {
        var ack = new ShareAcknowledgement("18235d89-cb13-479d-ad71-7a57d5f669a8", "sita.devi@sbx", "OPD-CARD", new ShareAnswer.Seated("C-7", 30));

        var delivery = await Acknowledgements().SendAsync(ack, TestContext.Current.CancellationToken);

        Assert.IsType<AckDelivery.Delivered>(delivery);
        var sent = Assert.Single(_gateway.OnShares);
        Assert.Equal(Shape(AbdmFixtures.Read("on-share.json").GetProperty("body")), Shape(sent.Body));
        Assert.Equal("C-7", sent.Body.GetProperty("acknowledgement").GetProperty("profile").GetProperty("tokenNumber").GetString());
        Assert.Equal("18235d89-cb13-479d-ad71-7a57d5f669a8", sent.Body.GetProperty("response").GetProperty("requestId").GetString());
        Assert.Equal("Bearer session-1", sent.Headers["Authorization"]);
        Assert.NotEqual(ack.RequestId, sent.Headers["REQUEST-ID"]);
        Assert.Equal("sbx", sent.Headers["X-CM-ID"]);
    }

    [Fact]
    public async Task A_scan_that_got_no_token_is_acknowledged_as_failed_with_the_reason()
    {
        var ack = new ShareAcknowledgement("r-2", "sita.devi@sbx", "OPD-X", new ShareAnswer.NotSeated("NO_ROOM", "Please see the registration desk."));

        Assert.IsType<AckDelivery.Delivered>(await Acknowledgements().SendAsync(ack, TestContext.Current.CancellationToken));

        var body = Assert.Single(_gateway.OnShares).Body;
        Assert.Equal("FAILED", body.GetProperty("acknowledgement").GetProperty("status").GetString());
        Assert.False(body.GetProperty("acknowledgement").TryGetProperty("profile", out _));
        Assert.Equal("Please see the registration desk.", body.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_gateway_that_is_down_asks_for_a_retry_instead_of_failing()
    {
        var acknowledgements = Acknowledgements();
        await _gateway.DisposeAsync();

        var delivery = await acknowledgements.SendAsync(
            new ShareAcknowledgement("r-3", "a@sbx", "OPD-CARD", new ShareAnswer.Seated("C-1", 30)), TestContext.Current.CancellationToken);

        Assert.IsType<AckDelivery.Retry>(delivery);
        _gateway = await AbdmGatewayDouble.StartAsync();
    }
}

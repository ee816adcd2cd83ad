using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OpdReception.Services.Abdm;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Abdm;

/// <summary>The gateway's bearer tokens are checked against the keys a real local gateway double publishes.</summary>
public sealed class GatewayKeysTests : IAsyncLifetime
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

    private GatewayKeys Keys(int refetchSeconds = 30) => new(
        _services.GetRequiredService<IHttpClientFactory>(),
        new FixedOptions<AbdmOptions>(new AbdmOptions
        {
            GatewayUrl = _gateway.Url, ClientId = AbdmGatewayDouble.ClientId, ClientSecret = AbdmGatewayDouble.ClientSecret,
            HipId = "IN0410000183", UnknownKeyRefetchSeconds = refetchSeconds,
        }),
        TimeProvider.System,
        NullLogger<GatewayKeys>.Instance);

    private static async Task<GatewayCallCheck> CheckAsync(GatewayKeys keys, string token) =>
        await keys.CheckAsync("Bearer " + token, TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_token_signed_with_the_published_key_is_trusted_and_the_keys_are_fetched_once()
    {
        var keys = Keys();

        var first = await CheckAsync(keys, _gateway.SignedToken());
        var second = await CheckAsync(keys, _gateway.SignedToken());

        Assert.Equal(_gateway.KeyId, Assert.IsType<GatewayCallCheck.Trusted>(first).KeyId);
        Assert.IsType<GatewayCallCheck.Trusted>(second);
        Assert.Equal(1, _gateway.CertsFetches);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var check = await CheckAsync(Keys(), _gateway.SignedToken(TimeSpan.FromMinutes(-5)));

        Assert.Equal("expired", Assert.IsType<GatewayCallCheck.Refused>(check).Reason);
    }

    [Fact]
    public async Task A_token_signed_by_another_key_under_the_gateways_key_id_is_refused()
    {
        var check = await CheckAsync(Keys(), _gateway.TokenSignedByStranger());

        Assert.Equal("bad signature", Assert.IsType<GatewayCallCheck.Refused>(check).Reason);
    }

    [Fact]
    public async Task An_unsigned_token_is_refused()
    {
        Assert.IsType<GatewayCallCheck.Refused>(await CheckAsync(Keys(), _gateway.UnsignedToken()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer ")]
    [InlineData("Bearer not.a-jwt")]
    [InlineData("Bearer e30.e30.AAAA")]
    [InlineData("Bearer !!!.???.###")]
    public async Task A_missing_or_malformed_authorization_is_refused_without_asking_the_gateway(string? authorization)
    {
        var check = await Keys().CheckAsync(authorization, TestContext.Current.CancellationToken);

        Assert.IsType<GatewayCallCheck.Refused>(check);
        Assert.Equal(0, _gateway.CertsFetches);
    }

    [Fact]
    public async Task An_unknown_key_id_makes_one_early_fetch_and_repeats_within_the_throttle_do_not_fetch_again()
    {
        var keys = Keys();
        Assert.IsType<GatewayCallCheck.Trusted>(await CheckAsync(keys, _gateway.SignedToken()));

        for (var i = 0; i < 5; i++)
        {
            Assert.IsType<GatewayCallCheck.Refused>(await CheckAsync(keys, AbdmGatewayDouble.TokenWithUnknownKid()));
        }

        Assert.Equal(2, _gateway.CertsFetches);
    }

    [Fact]
    public async Task After_the_gateway_rotates_its_key_the_new_key_id_is_fetched_and_trusted_at_once()
    {
        var keys = Keys();
        Assert.IsType<GatewayCallCheck.Trusted>(await CheckAsync(keys, _gateway.SignedToken()));

        _gateway.RotateKey();
        var check = await CheckAsync(keys, _gateway.SignedToken());

        Assert.Equal(_gateway.KeyId, Assert.IsType<GatewayCallCheck.Trusted>(check).KeyId);
        Assert.Equal(2, _gateway.CertsFetches);
    }

    [Fact]
    public async Task A_gateway_that_cannot_be_reached_refuses_the_token_instead_of_failing()
    {
        var keys = Keys();
        var token = _gateway.SignedToken();
        await _gateway.DisposeAsync();

        Assert.IsType<GatewayCallCheck.Refused>(await CheckAsync(keys, token));
        _gateway = await AbdmGatewayDouble.StartAsync();
    }
}

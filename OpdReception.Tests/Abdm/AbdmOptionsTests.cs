using OpdReception.Services.Abdm;

namespace OpdReception.Tests.Abdm;

public sealed class AbdmOptionsTests
{
    [Theory]
    [InlineData(null, "", "", "", "sbx", true)]
    [InlineData("https://dev.abdm.gov.in/", "id", "secret", "IN0410000183", "sbx", true)]
    [InlineData("https://dev.abdm.gov.in/", "", "secret", "IN0410000183", "sbx", false)]
    [InlineData("https://dev.abdm.gov.in/", "id", "", "IN0410000183", "sbx", false)]
    [InlineData("https://dev.abdm.gov.in/", "id", "secret", "", "sbx", false)]
    [InlineData("https://dev.abdm.gov.in/", "id", "secret", "IN0410000183", "", false)]
    [InlineData("ftp://dev.abdm.gov.in/", "id", "secret", "IN0410000183", "sbx", false)]
    public void Scan_and_share_is_off_without_a_gateway_and_needs_its_credentials_with_one(
        string? gateway, string clientId, string secret, string hipId, string cmId, bool valid)
    {
        var options = new AbdmOptions
        {
            GatewayUrl = gateway is null ? null : new Uri(gateway), ClientId = clientId, ClientSecret = secret, HipId = hipId, CmId = cmId,
        };

        var result = new AbdmOptionsValidator().Validate(null, options);

        Assert.Equal(valid, result.Succeeded);
        Assert.Equal(gateway is not null, options.Enabled);
    }
}

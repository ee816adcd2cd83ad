using System.Net;
using System.Net.Http.Json;
using OpdReception.Security;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Security;

public sealed class SignInTests(OpdApp app) : IClassFixture<OpdApp>
{
    [Fact]
    public async Task Cookie_sign_in_answers_the_start_page_of_the_role()
    {
        var user = await app.UserAsync(Roles.Receptionist);
        var client = app.AnonymousClient();

        var response = await client.PostAsJsonAsync("/account/signin", new { email = user.Email, password = OpdApp.Password }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/reception", (await response.ReadJson()).GetProperty("startPage").GetString());
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("opd.auth=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase) && c.Contains("samesite=strict", StringComparison.OrdinalIgnoreCase));
    }
}

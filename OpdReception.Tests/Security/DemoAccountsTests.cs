using System.Net;
using System.Net.Http.Json;
using OpdReception.Security;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Security;

/// <summary>A newcomer following README.md: in Development the listed demo accounts sign in and start on their role's page.</summary>
public sealed class DemoAccountsTests : IAsyncLifetime
{
    private readonly OpdApp _app = new OpdApp().InEnvironment("Development");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [InlineData("reception@opd.local", "/reception")]
    [InlineData("admin@opd.local", null)]
    [InlineData("portal@opd.local", "/")]
    public async Task The_readmes_demo_accounts_sign_in_with_the_listed_password(string email, string? startPage)
    {
        var response = await _app.AnonymousClient().PostAsJsonAsync("/account/signin", new { email, password = DemoAccount.DemoPassword }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var landed = (await response.ReadJson()).GetProperty("startPage").GetString();
        Assert.Equal(startPage ?? (StartPages.RoutesOf(typeof(Program).Assembly).Contains("/admin") ? "/admin" : "/reception"), landed);
        Assert.Contains("`Demo-pass-2026`", await File.ReadAllTextAsync(Repository.File("README.md"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal("Demo-pass-2026", DemoAccount.DemoPassword);
    }
}

using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Components.Reception;

public sealed class TokenCodeTests(OpdApp app) : IClassFixture<OpdApp>
{
    [Fact]
    public async Task Every_token_gets_its_own_unguessable_code_of_100_bits()
    {
        var desk = new Desk(app.CreateClient());
        var slot = await desk.NewSlot();
        var a = await desk.Issue("walkin", slot.Id);
        var b = await desk.Issue("emergency", slot.Id);

        await using var db = await app.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken);
        var codes = await db.Tokens.Where(t => t.Id == a.Id || t.Id == b.Id).Select(t => t.Code).ToListAsync(Xunit.TestContext.Current.CancellationToken);

        Assert.Equal(2, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^[a-hj-km-np-z0-9]{20}$", c));
        Assert.DoesNotContain(codes, c => c.Contains(a.PatientId, StringComparison.OrdinalIgnoreCase));
    }
}

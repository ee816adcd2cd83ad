using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Platform;

public sealed class WriteTransactionTests(OpdApp app) : IClassFixture<OpdApp>
{
    [Fact]
    public async Task Committing_lets_the_next_writer_in_and_disposing_afterwards_does_not_let_in_two()
    {
        var ct = TestContext.Current.CancellationToken;
        _ = app.CreateClient();
        var factory = app.Service<IDbContextFactory<OpdDbContext>>();
        await using var first = await factory.CreateDbContextAsync(ct);
        await using var second = await factory.CreateDbContextAsync(ct);
        await using var third = await factory.CreateDbContextAsync(ct);

        var one = await WriteTransaction.BeginAsync(first, ct);
        var waiting = WriteTransaction.BeginAsync(second, ct);
        Assert.False(waiting.IsCompleted);
        await one.CommitAsync(ct);
        await one.DisposeAsync();
        await using var two = await waiting;
        var three = WriteTransaction.BeginAsync(third, ct);

        await Task.Delay(200, ct);
        Assert.False(three.IsCompleted);
        await two.DisposeAsync();
        await (await three).DisposeAsync();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpdReception.Data;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Messages;

/// <summary>A channel sends at most its messages per minute; the rest wait for the next minute on the app's clock.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task The_gateway_gets_no_more_messages_a_minute_than_its_setting()
    {
        await using var gateway = await WebhookReceiver.StartAsync();
        await using var app = new OpdApp()
            .With("Opd:Notifications:Webhook:Url", gateway.Url.ToString())
            .With("Opd:Notifications:Webhook:Secret", MessagingApp.Secret)
            .With("Opd:Notifications:Webhook:PerMinute", "2")
            .With("Opd:Notifications:PollSeconds", "1");
        var desk = new Desk(app.CreateClient());
        var token = await desk.Issue("book", (await desk.NewSlot()).Id, phone: null);
        await OutboxRows.AddAsync(app.Services.GetRequiredService<IDbContextFactory<OpdDbContext>>(),
            [.. Enumerable.Range(0, 5).Select(_ => OutboxRows.Message(token.Id, app.Clock.Now))]);
        app.Services.GetRequiredService<OpdChanges>().Announce(new OpdChange(0, token.Id, "Message"));

        await gateway.WaitForAsync(r => r.Length >= 2, TimeSpan.FromSeconds(20));
        await Task.Delay(2500, TestContext.Current.CancellationToken);
        var inTheFirstMinute = gateway.Requests.Count;
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        await gateway.WaitForAsync(r => r.Length >= 4, TimeSpan.FromSeconds(20));
        await Task.Delay(2500, TestContext.Current.CancellationToken);
        var inTheSecondMinute = gateway.Requests.Count - inTheFirstMinute;
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        var all = await gateway.WaitForAsync(r => r.Length >= 5, TimeSpan.FromSeconds(20));

        Assert.Equal((2, 2, 5), (inTheFirstMinute, inTheSecondMinute, all.Select(r => r.Id).Distinct().Count()));
    }
}

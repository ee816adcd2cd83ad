using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using OpdReception.Security;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

public sealed class LimitsTests
{
    [Fact]
    public async Task Issuing_past_the_clients_limit_is_429_with_retry_after_and_issues_nothing_more()
    {
        await using var app = new OpdApp().With("Opd:IssuesPerMinutePerClient", "3");
        var desk = new Desk(app.CreateClient());
        var slot = await desk.NewSlot(capacity: 10);
        for (var i = 0; i < 3; i++)
        {
            await desk.Issue("walkin", slot.Id);
        }

        var refused = await desk.TryIssue("book", slot.Id);
        var otherDesk = await new Desk(await app.ClientAsAsync(Roles.Receptionist)).TryIssue("walkin", slot.Id);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("wait", (await refused.ReadJson()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Created, otherDesk.StatusCode);
        Assert.Equal(4, (await desk.Queue(slot.Id)).Tokens.Count);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_whether_its_length_is_announced_or_not()
    {
        await using var app = new OpdApp().With("Opd:MaxRequestBodyKilobytes", "8");
        var client = app.CreateClient();
        var big = $"{{\"name\":\"{new string('a', 9000)}\",\"specialization\":\"Cardiology\"}}";

        var announced = await client.PostAsync("/api/doctors", new StringContent(big, Encoding.UTF8, "application/json"));
        var streamed = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        streamed.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var chunked = await client.PostAsync("/api/doctors", streamed);

        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.RequestEntityTooLarge), (announced.StatusCode, chunked.StatusCode));
        Assert.Equal("application/problem+json", announced.Content.Headers.ContentType?.MediaType);
        Assert.Equal("application/problem+json", chunked.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await (await client.GetAsync("/api/doctors")).Read<List<object>>());
    }

    [Theory]
    [InlineData("Opd:IssuesPerMinutePerClient", "0")]
    [InlineData("Opd:MaxRequestBodyKilobytes", "0")]
    [InlineData("Opd:IdempotencyKeyHours", "1")]
    public async Task Limits_are_settings_checked_at_start(string key, string value)
    {
        await using var app = new OpdApp().With(key, value);

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains(key["Opd:".Length..], error.Message);
    }
}

using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Security;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>A booking portal that retries after a timeout must get its first token back, never a second one.</summary>
public sealed class IdempotencyTests(OpdApp app) : IClassFixture<OpdApp>
{
    private readonly Desk _desk = new(app.CreateClient());

    [Fact]
    public async Task A_retry_with_the_same_key_and_body_gets_the_same_status_and_bytes_and_no_second_token()
    {
        var slot = await _desk.NewSlot();
        var body = Body(slot.Id);

        var first = await Send(_desk.Client, "book", body, "retry-1");
        var retry = await Send(_desk.Client, "book", body, "retry-1");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, retry.StatusCode));
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await retry.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Single((await _desk.Queue(slot.Id)).Tokens);
    }

    [Fact]
    public async Task Fifty_copies_at_the_same_moment_issue_exactly_one_token_and_all_get_its_answer()
    {
        var slot = await _desk.NewSlot(capacity: 60);
        var body = Body(slot.Id);
        using var start = new SemaphoreSlim(0);
        var copies = Enumerable.Range(0, 50).Select(async _ =>
        {
            var client = app.CreateClient();
            await start.WaitAsync();
            var response = await Send(client, "walkin", body, "storm-1");
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }).ToList();
        start.Release(50);
        var answers = await Task.WhenAll(copies);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        Assert.Single(answers.Select(a => a.Body).Distinct());
        var queue = await _desk.Queue(slot.Id);
        Assert.Equal(("T001", 1), (Assert.Single(queue.Tokens).TokenNumber, queue.Slot.BookedCount));
    }

    [Fact]
    public async Task The_same_key_with_another_body_or_endpoint_is_refused_with_422_and_writes_nothing()
    {
        var slot = await _desk.NewSlot();
        var body = Body(slot.Id);
        Assert.Equal(HttpStatusCode.Created, (await Send(_desk.Client, "walkin", body, "reused-1")).StatusCode);

        var otherName = await Send(_desk.Client, "walkin", body with { patientName = "Someone Else" }, "reused-1");
        var otherSource = await Send(_desk.Client, "priority", body, "reused-1");

        Assert.Equal((HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnprocessableEntity), (otherName.StatusCode, otherSource.StatusCode));
        Assert.Contains("reused-1", (await otherName.ReadJson()).GetProperty("detail").GetString());
        Assert.Single((await _desk.Queue(slot.Id)).Tokens);
    }

    [Fact]
    public async Task Keys_are_the_callers_own_another_caller_with_the_same_key_gets_its_own_token()
    {
        var slot = await _desk.NewSlot();
        var mine = app.CreateClient();
        var theirs = await app.ClientAsAsync(Roles.Receptionist);

        var a = await (await Send(mine, "book", Body(slot.Id), "shared-key")).Read<TokenView>();
        var b = await (await Send(theirs, "book", Body(slot.Id), "shared-key")).Read<TokenView>();

        Assert.NotEqual(a.Id, b.Id);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("tab\there")]
    [InlineData("ключ")]
    public async Task A_malformed_key_is_a_400_and_issues_nothing(string key)
    {
        var slot = await _desk.NewSlot();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/tokens/walkin") { Content = JsonContent.Create(Body(slot.Id), options: Json.Options) };
        request.Headers.TryAddWithoutValidation(TokenHeader, key);

        var response = await _desk.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty((await _desk.Queue(slot.Id)).Tokens);
    }

    [Fact]
    public async Task A_key_that_is_too_long_is_a_400()
    {
        var slot = await _desk.NewSlot();

        var response = await Send(_desk.Client, "walkin", Body(slot.Id), new string('k', IssueKeyLimits.MaxLength + 1));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_key_is_remembered_for_the_configured_hours_and_then_forgotten()
    {
        await using var clocked = new OpdApp().With("Opd:IdempotencyKeyHours", "24");
        var desk = new Desk(clocked.CreateClient());
        var doctor = await desk.Doctor();
        var today = await desk.Slot(doctor.Id);
        var later = await desk.Slot(doctor.Id, date: OpdApp.Day.AddDays(5));
        var body = Body(today.Id);
        var first = await Send(desk.Client, "book", body, "old-key");

        clocked.Clock.Set(OpdApp.Day.ToDateTime(new TimeOnly(7, 59)).AddHours(24));
        var dayLater = await Send(desk.Client, "book", body, "old-key");
        clocked.Clock.Set(OpdApp.Day.ToDateTime(new TimeOnly(8, 1)).AddHours(24));
        Assert.Equal(HttpStatusCode.Created, (await Send(desk.Client, "book", Body(later.Id), "new-key")).StatusCode);

        Assert.Equal(await first.Content.ReadAsStringAsync(), await dayLater.Content.ReadAsStringAsync());
        await using var db = await clocked.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync();
        Assert.Equal(["new-key"], await db.IssueKeys.Select(k => k.Key).ToListAsync());
    }

    private const string TokenHeader = "Idempotency-Key";

    private static TokenRequest Body(int slotId) => new(slotId, "Asha Verma", "+91 98765 43210", newPatient: true);

    private static Task<HttpResponseMessage> Send(HttpClient client, string kind, TokenRequest body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tokens/{kind}") { Content = JsonContent.Create(body, options: Json.Options) };
        request.Headers.Add(TokenHeader, key);
        return client.SendAsync(request);
    }

    private sealed record TokenRequest(int slotId, string patientName, string phoneNumber, bool newPatient);
}

using System.Net;
using OpdReception.Api;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>One address holds patient-page streams up to their own cap (not the TV screens' one), and asks no more than its requests a minute.</summary>
public sealed class PatientPageLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task More_streams_than_the_TV_limit_from_one_address_stay_open_and_the_TV_limit_still_holds_for_display()
    {
        await using var app = new OpdApp().With("Opd:MaxAnonymousScreensPerClient", "20");
        var code = await CodeAsync(app);
        var phone = app.AnonymousClient();

        var pages = new List<HttpStatusCode>();
        var streams = new List<HttpResponseMessage>();
        for (var i = 0; i < 25; i++)
        {
            using var page = await phone.GetAsync($"/t/{code}", Ct);
            pages.Add(page.StatusCode);
            streams.Add(await phone.GetAsync($"/t/{code}/events", HttpCompletionOption.ResponseHeadersRead, Ct));
        }

        var displays = new List<HttpStatusCode>();
        for (var i = 0; i < 21; i++)
        {
            using var display = await phone.GetAsync("/display", Ct);
            displays.Add(display.StatusCode);
        }

        Assert.All(pages, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.All(streams, s => Assert.Equal(HttpStatusCode.OK, s.StatusCode));
        Assert.Equal(25, app.Service<PatientStreamLimiter>().Open(null));
        Assert.All(displays.Take(20), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, displays[^1]);
        streams.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task Streams_past_the_patient_cap_are_refused_while_the_page_and_state_still_answer_and_a_closed_one_frees_its_place()
    {
        await using var app = new OpdApp().With("Opd:PatientPage:MaxOpenStreamsPerAddress", "2");
        var code = await CodeAsync(app);
        var phone = app.AnonymousClient();
        var limiter = app.Service<PatientStreamLimiter>();

        var first = await phone.GetAsync($"/t/{code}/events", HttpCompletionOption.ResponseHeadersRead, Ct);
        using var second = await phone.GetAsync($"/t/{code}/events", HttpCompletionOption.ResponseHeadersRead, Ct);
        using var third = await phone.GetAsync($"/t/{code}/events", HttpCompletionOption.ResponseHeadersRead, Ct);
        using var page = await phone.GetAsync($"/t/{code}", Ct);
        using var state = await phone.GetAsync($"/t/{code}/state", Ct);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);
        Assert.Contains("already holds 2 live patient pages", await third.Content.ReadAsStringAsync(Ct));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (page.StatusCode, state.StatusCode));

        first.Dispose();
        for (var tries = 0; limiter.Open(null) > 1 && tries < 100; tries++)
        {
            await Task.Delay(100, Ct);
        }

        using var again = await phone.GetAsync($"/t/{code}/events", HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Requests_past_the_limit_per_minute_from_one_address_are_429_with_a_reason()
    {
        await using var app = new OpdApp().With("Opd:PatientPage:RequestsPerMinutePerAddress", "10");
        var code = await CodeAsync(app);
        var phone = app.AnonymousClient();

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 11; i++)
        {
            answers.Add(await phone.GetAsync($"/t/{code}/state", Ct));
        }

        Assert.All(answers.Take(10), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1].StatusCode);
        Assert.Equal("application/problem+json", answers[^1].Content.Headers.ContentType?.MediaType);
        Assert.NotNull(answers[^1].Headers.RetryAfter);

        // The stream runs ahead of the limiter middleware and counts its own.
        var streams = new List<HttpResponseMessage>();
        for (var i = 0; i < 11; i++)
        {
            streams.Add(await phone.GetAsync($"/t/{code}/events", HttpCompletionOption.ResponseHeadersRead, Ct));
        }

        Assert.All(streams.Take(10), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, streams[^1].StatusCode);
        Assert.Equal("application/problem+json", streams[^1].Content.Headers.ContentType?.MediaType);
        streams.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task A_beat_brings_what_the_clock_alone_changed_to_an_open_stream()
    {
        await using var app = new OpdApp().With("Opd:PatientPage:HeartbeatSeconds", "5");
        var code = await CodeAsync(app);
        var phone = app.AnonymousClient();
        using var stream = await phone.GetAsync($"/t/{code}/events", HttpCompletionOption.ResponseHeadersRead, Ct);
        using var events = new StreamReader(await stream.Content.ReadAsStreamAsync(Ct));

        var first = await NextUpdatedAsync(events);
        app.SetTime(8, 30);
        var later = await NextUpdatedAsync(events);

        Assert.Equal(("Updated 08:00", "Updated 08:30"), (first, later));
    }

    /// <summary>The "updated" words of the stream's next state, skipping beats.</summary>
    private static async Task<string> NextUpdatedAsync(StreamReader events)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (await events.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("data: {", StringComparison.Ordinal))
            {
                using var state = System.Text.Json.JsonDocument.Parse(line["data: ".Length..]);
                return state.RootElement.GetProperty("f").GetProperty("updated").GetString()!;
            }
        }

        throw new InvalidOperationException("The stream ended.");
    }

    private static async Task<string> CodeAsync(OpdApp app)
    {
        app.SetTime(8);
        var desk = new Desk(app.CreateClient());
        var slot = await desk.NewSlot();
        var token = await desk.Issue("walkin", slot.Id);
        return (await app.Service<DeskService>().SlipAsync(token.Id, Ct)).Value!.Code;
    }
}

using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>The patient's page without a circuit: plain HTML, its state as JSON and as a stream, and its two plain forms, over the real SQLite file.</summary>
public sealed partial class PatientPageTests : ClockedAppTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_page_is_plain_html_with_no_circuit_no_name_and_no_copy_kept()
    {
        var (_, _, code) = await QueueAsync(2, name: "Zubeida Quraishi");
        using var phone = Phone();

        var answer = await phone.GetAsync($"/t/{code}", Ct);
        var html = await answer.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.True(answer.Headers.CacheControl?.NoStore, "The patient page may be kept by a browser or proxy.");
        Assert.Contains("data-testid=\"token-number\" data-f=\"number\">T002<", html);
        Assert.Contains(">1 patient before you.<", html);
        Assert.Contains(">about 09:10 (09:02–09:24)<", html);
        Assert.Contains("Dr. Page · Room 101", html);
        Assert.Contains("src=\"/patient.js\"", html);
        Assert.DoesNotContain("blazor", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("MudBlazor", html);
        Assert.DoesNotContain("Zubeida", html);
        Assert.DoesNotContain("98765", html);
    }

    [Fact]
    public async Task The_state_follows_the_token_from_waiting_to_called_in_words()
    {
        var (slot, tokens, code) = await QueueAsync(2);
        using var phone = Phone();

        var waiting = await StateAsync(phone, code);
        App.SetTime(9);
        await CallNextAsync(slot);
        var next = await StateAsync(phone, code);
        await Desk.SetStatus(tokens[0].Id, "Completed");
        await CallNextAsync(slot);
        var called = await StateAsync(phone, code);

        Assert.Equal(("waiting", "1 patient before you.", "about 09:10 (09:02–09:24)"), (waiting.State, waiting.Headline, waiting.Estimate));
        Assert.Equal(("waiting", "You are next."), (next.State, next.Headline));
        Assert.Equal(("called", "Please go in now — Room 101", null), (called.State, called.Headline, called.Estimate));
        Assert.Equal("Token T002", called.Title);
    }

    [Fact]
    public async Task The_stream_sends_the_state_at_once_then_the_call_as_it_happens()
    {
        var (slot, tokens, code) = await QueueAsync(2);
        using var phone = Phone();
        using var stream = await phone.GetAsync($"/t/{code}/events", HttpCompletionOption.ResponseHeadersRead, Ct);
        using var events = new StreamReader(await stream.Content.ReadAsStreamAsync(Ct));

        var first = await NextStateAsync(events);
        App.SetTime(9);
        await CallNextAsync(slot);
        var second = await NextStateAsync(events);
        await Desk.SetStatus(tokens[0].Id, "Completed");
        await CallNextAsync(slot);
        var third = await NextStateAsync(events);
        while (third.State != "called")
        {
            // Completing the one before may move this patient's estimate first.
            third = await NextStateAsync(events);
        }

        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        Assert.True(stream.Headers.CacheControl?.NoStore);
        Assert.Equal("1 patient before you.", first.Headline);
        Assert.Equal("You are next.", second.Headline);
        Assert.Equal(("called", "Please go in now — Room 101"), (third.State, third.Headline));
    }

    [Fact]
    public async Task An_unknown_code_or_a_past_days_is_not_available_on_the_page_its_state_and_its_stream()
    {
        var (_, _, code) = await QueueAsync(1);
        using var phone = Phone();
        App.Clock.Set(OpdApp.Day.AddDays(1).ToDateTime(new TimeOnly(0, 1)));

        foreach (var path in new[] { $"/t/{code}/state", $"/t/{code}/events", "/t/abcdefghjkmnpqrstuvw/state", "/t/short/events" })
        {
            var answer = await phone.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        }

        var page = await phone.GetAsync($"/t/{code}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("This token page is not available", await page.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Stop_messages_writes_the_opt_out_and_a_history_line_once_and_the_page_offers_them_again()
    {
        var (_, tokens, code) = await QueueAsync(1);
        using var phone = Phone();

        var stop = await PostFormAsync(phone, code, "messages", ("wantsMessages", "false"));
        var again = await PostFormAsync(phone, code, "messages", ("wantsMessages", "false"));
        var page = await (await phone.GetAsync($"/t/{code}", Ct)).Content.ReadAsStringAsync(Ct);
        var (optedOut, lines) = await MessagesOfAsync(tokens[0].PatientId);

        Assert.Equal((HttpStatusCode.SeeOther, $"/t/{code}"), (stop.StatusCode, stop.Headers.Location?.OriginalString));
        Assert.Equal(HttpStatusCode.SeeOther, again.StatusCode);
        Assert.True(optedOut);
        Assert.Equal([PatientPageActions.StoppedWords], lines);
        Assert.Contains(">Send me messages again", page);

        await PostFormAsync(phone, code, "messages", ("wantsMessages", "true"));
        (optedOut, lines) = await MessagesOfAsync(tokens[0].PatientId);

        Assert.False(optedOut);
        Assert.Equal([PatientPageActions.StoppedWords, PatientPageActions.ResumedWords], lines);
    }

    [Fact]
    public async Task A_form_without_its_antiforgery_token_is_refused_and_changes_nothing()
    {
        var (_, tokens, code) = await QueueAsync(1);
        using var phone = Phone();

        var forged = await phone.PostAsync($"/t/{code}/messages", new FormUrlEncodedContent([new("wantsMessages", "false")]), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var (optedOut, lines) = await MessagesOfAsync(tokens[0].PatientId);
        Assert.False(optedOut);
        Assert.Empty(lines);
    }

    [Fact]
    public async Task Feedback_is_taken_once_only_after_the_consultation_and_a_second_answer_is_refused_politely()
    {
        var (slot, tokens, code) = await QueueAsync(1);
        using var phone = Phone();

        var early = await PostFormAsync(phone, code, "feedback", ("score", "5"));
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("You can answer after your consultation.", await early.Content.ReadAsStringAsync(Ct));

        App.SetTime(9, 30);
        await CallNextAsync(slot);
        await Desk.SetStatus(tokens[0].Id, "Completed");
        var asked = await (await phone.GetAsync($"/t/{code}", Ct)).Content.ReadAsStringAsync(Ct);
        var noScore = await PostFormAsync(phone, code, "feedback", ("comment", "Quick"));
        var taken = await PostFormAsync(phone, code, "feedback", ("score", "4"), ("comment", "  Kind doctor, long wait.  "));
        var second = await PostFormAsync(phone, code, "feedback", ("score", "1"));
        var shown = await (await phone.GetAsync($"/t/{code}", Ct)).Content.ReadAsStringAsync(Ct);
        await using var db = await App.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(Ct);
        var stored = await db.Tokens.AsNoTracking().Where(t => t.Id == tokens[0].Id).Select(t => new { t.FeedbackScore, t.FeedbackComment, t.FeedbackAt }).SingleAsync(Ct);

        Assert.Contains("How was your visit?", asked);
        Assert.Equal(HttpStatusCode.BadRequest, noScore.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, taken.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("You have already answered for this visit. Thank you.", await second.Content.ReadAsStringAsync(Ct));
        Assert.Equal((4, "Kind doctor, long wait.", OpdApp.Day.ToDateTime(new TimeOnly(9, 30))), (stored.FeedbackScore, stored.FeedbackComment, stored.FeedbackAt));
        Assert.Contains("Thank you for your answer: 4 of 5.", shown);
        Assert.DoesNotContain("How was your visit?", shown);
    }

    [Theory]
    [InlineData("hi", "आपसे पहले 1 मरीज़ है।", "संदेश बंद करें")]
    [InlineData("ta", "உங்களுக்கு முன் 1 நோயாளி உள்ளார்.", "செய்திகளை நிறுத்து")]
    [InlineData(null, "1 patient before you.", "Stop messages")]
    public async Task The_page_and_its_state_speak_the_patients_language(string? language, string position, string stop)
    {
        var (_, tokens, code) = await QueueAsync(2);
        await using (var db = await App.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(Ct))
        {
            await db.Patients.Where(p => p.Id == tokens[1].PatientId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Language, language), Ct);
        }

        using var phone = Phone();
        var html = await (await phone.GetAsync($"/t/{code}", Ct)).Content.ReadAsStringAsync(Ct);
        var state = await StateAsync(phone, code);

        Assert.Contains($"<html lang=\"{language ?? "en"}\"", html);
        Assert.Contains(position, html);
        Assert.Contains(stop, html);
        Assert.Equal(position, state.Headline);
    }

    /// <summary>A doctor with one slot at 09:00 and <paramref name="count"/> walk-ins; the code of the last.</summary>
    private async Task<(int Slot, List<TokenView> Tokens, string Code)> QueueAsync(int count, string? name = null)
    {
        App.SetTime(8);
        var doctor = await Desk.Doctor(name: "Dr. Page");
        var slot = await Desk.Slot(doctor.Id, "09:00", "10:00");
        var tokens = new List<TokenView>();
        for (var i = 0; i < count; i++)
        {
            tokens.Add(await Desk.Issue("walkin", slot.Id, name: name));
        }

        return (slot.Id, tokens, (await App.Service<DeskService>().SlipAsync(tokens[^1].Id, Ct)).Value!.Code);
    }

    /// <summary>A phone: no sign-in, its own cookies (the form's antiforgery cookie), and redirects seen as they are.</summary>
    private HttpClient Phone()
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    private async Task CallNextAsync(int slot) =>
        (await Desk.Client.PostAsync($"/api/slots/{slot}/call-next", null, Ct)).EnsureSuccessStatusCode();

    private static async Task<PageState> StateAsync(HttpClient phone, string code)
    {
        var answer = await phone.GetAsync($"/t/{code}/state", Ct);
        answer.EnsureSuccessStatusCode();
        Assert.True(answer.Headers.CacheControl?.NoStore);
        return PageState.Of(await answer.Content.ReadAsStringAsync(Ct));
    }

    private static async Task<PageState> NextStateAsync(StreamReader events)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (await events.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return PageState.Of(line["data: ".Length..]);
            }
        }

        throw new InvalidOperationException("The stream ended.");
    }

    /// <summary>Posts a form as the page does: with the antiforgery token the page's own form carries.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient phone, string code, string form, params (string Name, string Value)[] fields)
    {
        var page = await (await phone.GetAsync($"/t/{code}", Ct)).Content.ReadAsStringAsync(Ct);
        var token = Antiforgery().Match(page);
        Assert.True(token.Success, "The page carries no antiforgery token.");
        var body = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new(token.Groups[1].Value, WebUtility.HtmlDecode(token.Groups[2].Value)));
        return await phone.PostAsync($"/t/{code}/{form}", new FormUrlEncodedContent(body), Ct);
    }

    private async Task<(bool OptedOut, string[] Lines)> MessagesOfAsync(string patientId)
    {
        await using var db = await App.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(Ct);
        var optedOut = await db.Patients.Where(p => p.Id == patientId).Select(p => p.MessagesOptOut).SingleAsync(Ct);
        var lines = await db.PatientEvents.Where(e => e.PatientId == patientId && e.By == PatientPageActions.By).OrderBy(e => e.Id).Select(e => e.Details!).ToArrayAsync(Ct);
        return (optedOut, lines);
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    private sealed record PageState(string State, string Title, string Headline, string? Estimate)
    {
        public static PageState Of(string json)
        {
            using var doc = JsonDocument.Parse(json);
            var f = doc.RootElement.GetProperty("f");
            return new PageState(doc.RootElement.GetProperty("state").GetString()!, f.GetProperty("title").GetString()!, f.GetProperty("headline").GetString()!,
                f.GetProperty("estimate").GetString());
        }
    }
}

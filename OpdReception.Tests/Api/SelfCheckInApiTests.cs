using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>"I have arrived" and the kiosk, through the whole app and its database: the same rules as the desk, and a window.</summary>
public sealed class SelfCheckInApiTests(OpdApp app) : IClassFixture<OpdApp>
{
    private readonly Desk _desk = new(app.CreateClient());

    // Redirects are read, not followed: the answer is in the address the page is sent back to.
    private readonly HttpClient _phone = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Arriving_with_todays_entrance_code_checks_the_booking_in_and_the_history_says_by_whom()
    {
        var (token, code) = await BookedAsync();
        app.SetTime(8, 30);

        var outcome = await ArriveAsync(code, await TodayAsync());

        Assert.Equal("CheckedIn", outcome);
        var after = await _desk.Token(token.Id);
        Assert.Equal(TokenStatus.Waiting, after.Status);
        Assert.Equal(("CheckedIn", SelfCheckIns.PatientActor), (after.History!.Last().Action, after.History!.Last().By));
    }

    [Fact]
    public async Task A_wrong_code_changes_nothing()
    {
        var (token, code) = await BookedAsync();
        app.SetTime(8, 30);

        Assert.Equal("WrongCode", await ArriveAsync(code, "ABCDEFGH"));
        Assert.Equal("WrongCode", await ArriveAsync(code, null));
        await AssertStillBookedAsync(token.Id);
    }

    [Fact]
    public async Task Yesterdays_code_is_refused_today()
    {
        var (token, code) = await BookedAsync();
        app.SetTime(8, 30);
        app.Clock.Set(app.Clock.Now.AddDays(-1));
        var yesterdays = await TodayAsync();
        app.SetTime(8, 30);

        Assert.NotEqual(yesterdays, await TodayAsync());
        Assert.Equal("WrongCode", await ArriveAsync(code, yesterdays));
        await AssertStillBookedAsync(token.Id);
    }

    [Fact]
    public async Task Too_early_is_refused_until_an_hour_before_the_slot()
    {
        var (token, code) = await BookedAsync();
        app.SetTime(7, 59);

        Assert.Equal("TooEarly", await ArriveAsync(code, await TodayAsync()));
        await AssertStillBookedAsync(token.Id);
        app.SetTime(8, 0);
        Assert.Equal("CheckedIn", await ArriveAsync(code, await TodayAsync()));
    }

    [Fact]
    public async Task Too_late_once_the_slot_has_run_out()
    {
        var (token, code) = await BookedAsync();
        app.SetTime(10, 0);

        Assert.Equal("TooLate", await ArriveAsync(code, await TodayAsync()));
        await AssertStillBookedAsync(token.Id);
    }

    [Fact]
    public async Task A_token_for_another_day_is_refused()
    {
        var doctor = await _desk.Doctor();
        var tomorrow = await _desk.Slot(doctor.Id, "09:00", "10:00", date: OpdApp.Day.AddDays(1));
        var token = await _desk.Issue("book", tomorrow.Id);
        app.SetTime(8, 30);

        Assert.Equal("OtherDay", await ArriveAsync(await CodeOfAsync(token.Id), await TodayAsync()));
        await AssertStillBookedAsync(token.Id);
    }

    [Fact]
    public async Task A_patient_already_checked_in_at_the_desk_is_told_so_and_nothing_is_written_twice()
    {
        var (token, code) = await BookedAsync();
        app.SetTime(8, 30);
        (await _desk.Client.PostAsync($"/api/tokens/{token.Id}/check-in", null, Ct)).EnsureSuccessStatusCode();

        Assert.Equal("AlreadyHere", await ArriveAsync(code, await TodayAsync()));
        Assert.Equal(2, (await _desk.Token(token.Id)).History!.Count);
    }

    [Fact]
    public async Task The_entrance_qr_leaves_its_code_in_a_cookie_that_shows_the_button_and_checks_in_without_the_form_field()
    {
        var (token, code) = await BookedAsync();
        app.SetTime(8, 30);
        var elsewhere = await app.AnonymousClient().GetStringAsync($"/t/{code}", Ct);
        Assert.DoesNotContain("i-have-arrived", elsewhere);

        var landing = await _phone.GetAsync($"/arrive?at={(await TodayAsync()).ToLowerInvariant()}", Ct);
        var page = await _phone.GetStringAsync($"/t/{code}", Ct);

        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        Assert.Contains("Now scan the QR code on your token slip", await landing.Content.ReadAsStringAsync(Ct));
        Assert.Contains("data-testid=\"i-have-arrived\"", page);
        Assert.Equal("CheckedIn", await ArriveAsync(code, null));
        Assert.Equal(TokenStatus.Waiting, (await _desk.Token(token.Id)).Status);

        // Once the phone has opened its page, the entrance QR takes it straight back there.
        var again = await _phone.GetAsync($"/arrive?at={await TodayAsync()}", Ct);
        Assert.Equal($"/t/{code}", again.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task You_are_checked_in_follows_the_tokens_state_not_the_address()
    {
        var (token, code) = await BookedAsync();
        app.SetTime(8, 30);
        var booked = await _phone.GetStringAsync($"/t/{code}?arrival=CheckedIn", Ct);
        (await _desk.Client.PostAsync($"/api/tokens/{token.Id}/check-in", null, Ct)).EnsureSuccessStatusCode();
        var here = await _phone.GetStringAsync($"/t/{code}?arrival=CheckedIn", Ct);
        (await _desk.SetStatus(token.Id, "Cancelled", "Patient asked")).EnsureSuccessStatusCode();
        var cancelled = await _phone.GetStringAsync($"/t/{code}?arrival=CheckedIn", Ct);

        Assert.Contains("Please check in at the reception desk", booked);
        Assert.DoesNotContain("arrival-done", booked);
        Assert.Contains("data-testid=\"arrival-done\"", here);
        Assert.DoesNotContain("arrival-done", cancelled);
    }

    [Fact]
    public async Task A_landing_with_a_wrong_code_says_so_and_leaves_no_cookie()
    {
        var response = await app.AnonymousClient().GetAsync("/arrive?at=ZZZZZZZZ", Ct);

        Assert.Contains("This entrance code is not today", await response.Content.ReadAsStringAsync(Ct));
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task A_form_posted_from_another_site_is_refused()
    {
        var (token, code) = await BookedAsync();
        app.SetTime(8, 30);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/t/{code}/arrive")
        {
            Content = new FormUrlEncodedContent([new("at", await TodayAsync())]),
        };
        request.Headers.Add("Origin", "https://evil.example");

        var response = await _phone.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await AssertStillBookedAsync(token.Id);
    }

    [Fact]
    public async Task The_kiosk_checks_in_by_phone_and_label_and_answers_place_and_estimate_without_the_name()
    {
        var (token, _) = await BookedAsync(name: "Kamala Sundaram", phone: "+91 90000 12345");
        app.SetTime(8, 30);

        var response = await KioskAsync(new { phone = "90000-12345", label = token.TokenNumber.ToLowerInvariant() });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("Kamala", body);
        var answer = JsonDocument.Parse(body).RootElement;
        Assert.Equal(("CheckedIn", token.TokenNumber), (answer.GetProperty("outcome").GetString(), answer.GetProperty("tokenNumber").GetString()));
        Assert.Equal(1, answer.GetProperty("position").GetInt32());
        Assert.Contains("You are next.", answer.GetProperty("place").GetProperty("en").GetString());
        Assert.Contains("अगली बारी आपकी है।", answer.GetProperty("place").GetProperty("hi").GetString());
        Assert.Contains("Expected about 09:00.", answer.GetProperty("place").GetProperty("en").GetString());
        Assert.All(new[] { "estimatedTime", "estimatedFrom", "estimatedTo" }, name => Assert.True(answer.TryGetProperty(name, out _), $"{name} is missing"));
        var history = (await _desk.Token(token.Id)).History!.Last();
        Assert.Equal((TokenStatus.Waiting, "Kiosk Entrance"), (history.ToStatus, history.By));
    }

    [Fact]
    public async Task The_kiosk_checks_in_a_scanned_slip()
    {
        var (token, code) = await BookedAsync();
        app.SetTime(8, 30);

        var response = await KioskAsync(new { scanned = $"https://opd.example.org/t/{code}" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TokenStatus.Waiting, (await _desk.Token(token.Id)).Status);
    }

    [Fact]
    public async Task The_kiosk_refuses_with_the_patients_words_and_changes_nothing()
    {
        var (token, _) = await BookedAsync(phone: "+91 90000 22222");
        app.SetTime(7, 0);

        var early = await KioskAsync(new { phone = "9000022222", label = token.TokenNumber });
        var wrongPhone = await KioskAsync(new { phone = "9000033333", label = token.TokenNumber });

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        var problem = (await early.ReadJson());
        Assert.Equal("TooEarly", problem.GetProperty("outcome").GetString());
        Assert.Equal("It is too early to check in. Please check in from 08:00.", problem.GetProperty("words").GetProperty("en").GetString());
        Assert.Equal(HttpStatusCode.NotFound, wrongPhone.StatusCode);
        Assert.Equal("NotFound", (await wrongPhone.ReadJson()).GetProperty("outcome").GetString());
        await AssertStillBookedAsync(token.Id);
    }

    [Fact]
    public async Task A_kiosk_without_its_key_checks_nobody_in()
    {
        var (token, code) = await BookedAsync();
        app.SetTime(8, 30);

        var response = await app.AnonymousClient().PostAsJsonAsync("/api/kiosk/check-in", new { kiosk = "Entrance", key = "AAAAAAAAAAAAAAAA", scanned = code }, Ct);
        var page = await app.AnonymousClient().GetAsync("/kiosk?name=Entrance&key=AAAAAAAAAAAAAAAA", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("This kiosk is not set up", await page.Content.ReadAsStringAsync(Ct));
        await AssertStillBookedAsync(token.Id);
    }

    private async Task<(TokenView Token, string Code)> BookedAsync(string? name = null, string phone = "+91 98765 43210")
    {
        app.SetTime(7, 0);
        var doctor = await _desk.Doctor();
        var slot = await _desk.Slot(doctor.Id, "09:00", "10:00");
        var token = await _desk.Issue("book", slot.Id, name: name, phone: phone);
        return (token, await CodeOfAsync(token.Id));
    }

    private async Task<string> CodeOfAsync(int tokenId)
    {
        await using var db = await app.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(Ct);
        return await db.Tokens.Where(t => t.Id == tokenId).Select(t => t.Code).SingleAsync(Ct);
    }

    private Task<string> TodayAsync() => app.Service<EntranceCodes>().TodayAsync(Ct);

    /// <summary>Posts "I have arrived" as the page's form does and reads the outcome from where it is sent back.</summary>
    private async Task<string?> ArriveAsync(string code, string? entrance)
    {
        var form = new FormUrlEncodedContent(entrance is null ? [] : [new KeyValuePair<string, string>("at", entrance)]);
        var response = await _phone.PostAsync($"/t/{code}/arrive", form, Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith($"/t/{code}", location);
        return System.Web.HttpUtility.ParseQueryString(location.Split('?').ElementAtOrDefault(1) ?? "")["arrival"];
    }

    private async Task<HttpResponseMessage> KioskAsync(object body)
    {
        var key = await app.Service<EntranceCodes>().KioskKeyAsync("Entrance", Ct);
        var fields = JsonSerializer.SerializeToElement(body).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.GetString());
        fields["kiosk"] = "Entrance";
        fields["key"] = key;
        return await app.AnonymousClient().PostAsJsonAsync("/api/kiosk/check-in", fields, Ct);
    }

    private async Task AssertStillBookedAsync(int tokenId)
    {
        var token = await _desk.Token(tokenId);
        Assert.Equal(TokenStatus.Booked, token.Status);
        Assert.Single(token.History!);
    }
}

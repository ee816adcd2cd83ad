using System.Net;
using System.Net.Http.Json;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>Guessing phones and labels at the kiosk, or entrance codes at /arrive, is slowed to a few tries a minute per address.</summary>
public sealed class SelfCheckInLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tries_past_the_limit_are_429_in_the_patients_words_on_the_kiosk_and_the_landing_page()
    {
        await using var app = new OpdApp().With("Opd:SelfCheckInsPerMinutePerClient", "3");
        var key = await app.Service<EntranceCodes>().KioskKeyAsync("Entrance", Ct);
        var client = app.AnonymousClient();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add((await client.PostAsJsonAsync("/api/kiosk/check-in", new { kiosk = "Entrance", key, phone = $"900000000{i}", label = "T001" }, Ct)).StatusCode);
        }

        var refused = await client.PostAsJsonAsync("/api/kiosk/check-in", new { kiosk = "Entrance", key, phone = "9000000009", label = "T001" }, Ct);
        var landing = await client.GetAsync("/arrive?at=ABCDEFGH", Ct);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.NotFound, a));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Too many check-ins were tried from here", await refused.Content.ReadAsStringAsync(Ct));
        Assert.Equal("60", refused.Headers.RetryAfter?.ToString());
        Assert.Equal(HttpStatusCode.TooManyRequests, landing.StatusCode);
    }

    [Fact]
    public async Task A_setting_outside_its_range_stops_the_app_at_start()
    {
        await using var app = new OpdApp().With("Opd:SelfCheckInOpensMinutes", "-5");

        var error = Record.Exception(() => app.CreateClient());

        Assert.NotNull(error);
        Assert.Contains("SelfCheckInOpensMinutes", error.ToString());
    }
}

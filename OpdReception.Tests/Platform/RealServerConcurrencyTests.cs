using System.Net;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Platform;

/// <summary>The same race as the in-process test, over real sockets to the app running as its own process.</summary>
public sealed class RealServerConcurrencyTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Sixty_desks_over_http_into_a_slot_of_twenty_get_exactly_twenty_unique_numbers()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await AppProcess.StartAsync(_folder.File("opd.db"), ct);
        var desk = new Desk(app.Client());
        var doctor = await desk.Doctor();
        var slot = await desk.Slot(doctor.Id, "09:00", "17:00", capacity: 20, date: DateOnly.FromDateTime(DateTime.Now).AddDays(1));
        using var start = new SemaphoreSlim(0);

        var requests = Enumerable.Range(0, 60).Select(async i =>
        {
            using var client = app.Client();
            await start.WaitAsync(ct);
            var response = await new Desk(client).TryIssue(i % 3 == 0 ? "book" : "followup", slot.Id);
            return (response.StatusCode, Token: response.StatusCode == HttpStatusCode.Created ? await response.Read<TokenView>() : null);
        }).ToList();
        start.Release(60);
        var results = await Task.WhenAll(requests);

        Assert.Equal(20, results.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(40, results.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(Enumerable.Range(1, 20).Select(n => $"T{n:000}"), results.Where(r => r.Token is not null).Select(r => r.Token!.TokenNumber).Order());
        Assert.Equal(20, (await desk.GetSlot(slot.Id)).BookedCount);
    }
}

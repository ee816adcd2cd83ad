using System.Net;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>Many desks and the booking portal pressing "issue" on one slot at the same moment.</summary>
public sealed class ConcurrencyTests(OpdApp app) : IClassFixture<OpdApp>
{
    private readonly Desk _desk = new(app.CreateClient());

    [Fact]
    public async Task Sixty_simultaneous_walk_ins_into_a_slot_of_twenty_issue_exactly_twenty_unique_numbers()
    {
        var slot = await _desk.NewSlot(capacity: 20);

        var responses = await Simultaneously(60, (desk, i) => desk.TryIssue(i % 2 == 0 ? "walkin" : "book", slot.Id));

        Assert.Equal(20, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(40, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var issued = await Task.WhenAll(responses.Where(r => r.StatusCode == HttpStatusCode.Created).Select(r => r.Read<TokenView>()));
        Assert.Equal(Enumerable.Range(1, 20).Select(n => $"T{n:000}"), issued.Select(t => t.TokenNumber).Order());
        var after = await _desk.GetSlot(slot.Id);
        Assert.Equal((20, 20, 0), (after.BookedCount, after.EffectiveCapacity, after.EmergencyExtensions));
        Assert.Equal(20, (await _desk.Queue(slot.Id)).Tokens.Count);
    }

    [Fact]
    public async Task Emergencies_racing_walk_ins_are_all_seated_and_only_they_extend_capacity()
    {
        var slot = await _desk.NewSlot(capacity: 10);

        var responses = await Simultaneously(50, (desk, i) => desk.TryIssue(i % 5 == 0 ? "emergency" : "walkin", slot.Id));
        var results = responses.Select((r, i) => (Emergency: i % 5 == 0, Response: r)).ToList();

        Assert.All(results.Where(r => r.Emergency), r => Assert.Equal(HttpStatusCode.Created, r.Response.StatusCode));
        var walkInsIssued = results.Count(r => !r.Emergency && r.Response.StatusCode == HttpStatusCode.Created);
        var after = await _desk.GetSlot(slot.Id);
        Assert.Equal(walkInsIssued + 10, after.BookedCount);
        Assert.Equal(after.BookedCount, after.EffectiveCapacity);
        Assert.Equal(after.EffectiveCapacity - 10, after.EmergencyExtensions);
        Assert.InRange(walkInsIssued, 0, 10);
        var numbers = (await _desk.Queue(slot.Id)).Tokens.Select(t => t.TokenNumber).Order();
        Assert.Equal(Enumerable.Range(1, after.BookedCount).Select(n => $"T{n:000}"), numbers);
    }

    /// <summary>Each request on its own client, all released at the same moment.</summary>
    private async Task<HttpResponseMessage[]> Simultaneously(int count, Func<Desk, int, Task<HttpResponseMessage>> request)
    {
        using var start = new SemaphoreSlim(0);
        var requests = Enumerable.Range(0, count).Select(async i =>
        {
            var desk = new Desk(app.CreateClient());
            await start.WaitAsync();
            return await request(desk, i);
        }).ToList();
        start.Release(count);
        return await Task.WhenAll(requests);
    }
}

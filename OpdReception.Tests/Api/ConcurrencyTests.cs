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
        using var start = new SemaphoreSlim(0);

        var requests = Enumerable.Range(0, 60).Select(async i =>
        {
            var client = app.CreateClient();
            await start.WaitAsync();
            return await new Desk(client).TryIssue(i % 2 == 0 ? "walkin" : "book", slot.Id);
        }).ToList();
        start.Release(60);
        var responses = await Task.WhenAll(requests);

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
        using var start = new SemaphoreSlim(0);

        var requests = Enumerable.Range(0, 50).Select(async i =>
        {
            var client = app.CreateClient();
            await start.WaitAsync();
            return (Emergency: i % 5 == 0, Response: await new Desk(client).TryIssue(i % 5 == 0 ? "emergency" : "walkin", slot.Id));
        }).ToList();
        start.Release(50);
        var results = await Task.WhenAll(requests);

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
}

using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Services;

/// <summary>Issue 20, ageing: Opd:MaxOvertakes read by the real services over SQLite, the day's finished tokens counted.</summary>
public sealed class AgeingCallTests : IAsyncLifetime
{
    private readonly OpdApp _app = new OpdApp().With("Opd:MaxOvertakes", "2");
    private Desk _desk = null!;

    private static readonly Actor Doctor = new("doctor", "doctor-user");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _desk = new Desk(_app.CreateClient());
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task A_walk_in_overtaken_by_two_later_bookings_is_called_next()
    {
        _app.SetTime(8, 0);
        var slot = await _desk.Slot((await _desk.Doctor()).Id, "09:00", "12:00", capacity: 20);
        var bookings = new List<TokenView>();
        for (var i = 0; i < 3; i++)
        {
            bookings.Add(await _desk.Issue("book", slot.Id, name: $"Booked Patient {i}"));
        }

        _app.SetTime(9, 0);
        var walkIn = await _desk.Issue("walkin", slot.Id, name: "Walk In Patient");
        for (var i = 0; i < bookings.Count; i++)
        {
            _app.SetTime(9, 5 + i);
            (await _desk.SetStatus(bookings[i].Id, "Waiting")).EnsureSuccessStatusCode();
        }

        // Heavier, the three bookings who came after the walk-in stand ahead of them; two may go first, not the third.
        Assert.Equal([bookings[0].Id, bookings[1].Id, walkIn.Id, bookings[2].Id], (await _desk.Queue(slot.Id)).Tokens.Select(t => t.Id));
        var calling = _app.Service<CallNext>();
        for (var i = 0; i < 2; i++)
        {
            _app.SetTime(9, 10 + 10 * i);
            Assert.Equal(bookings[i].Id, Must(await calling.CallNextAsync(slot.Id, Doctor, Ct)).Id);
            (await _desk.SetStatus(bookings[i].Id, "Completed")).EnsureSuccessStatusCode();
        }

        var waiting = (await _desk.Queue(slot.Id)).Tokens;
        Assert.Equal([walkIn.Id, bookings[2].Id], waiting.Select(t => t.Id));
        Assert.Equal("Walk-in, waiting since 09:00; moved up after 2 later arrivals went first", waiting[0].PlaceReason);
        _app.SetTime(9, 30);
        var called = Must(await calling.CallNextAsync(slot.Id, Doctor, Ct));
        Assert.Equal((walkIn.Id, TokenStatus.InConsultation), (called.Id, called.Status));
    }

    private static T Must<T>(Result<T> result) =>
        result.IsOk ? result.Value! : throw new InvalidOperationException($"Refused: {result.Problem!.Detail}");
}

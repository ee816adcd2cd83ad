using OpdReception.Domain;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Platform;

/// <summary>The sweep runs by itself in the app: nobody has to press anything for a no-show to free its seat.</summary>
public sealed class NoShowSweeperTests
{
    [Fact]
    public async Task The_running_app_marks_an_overdue_booking_as_no_show_on_its_own()
    {
        await using var app = new OpdApp().With("Opd:AutoNoShow", "true").With("Opd:NoShowSweepSeconds", "5");
        var desk = new Desk(app.CreateClient());
        var slot = await desk.NewSlot(capacity: 1);
        var booked = await desk.Issue("book", slot.Id);

        app.SetTime(9, 30);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await desk.Token(booked.Id)).Status == TokenStatus.Booked && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        var token = await desk.Token(booked.Id);
        Assert.Equal((TokenStatus.NoShow, "system"), (token.Status, token.History!.Last().By));
        Assert.Equal(0, (await desk.GetSlot(slot.Id)).BookedCount);
    }

    [Fact]
    public async Task The_running_app_closes_a_day_at_its_cut_off_on_its_own()
    {
        await using var app = new OpdApp().With("Opd:AutoNoShow", "true").With("Opd:NoShowSweepSeconds", "5").With("Opd:LateArrivalGraceMinutes", "10");
        var desk = new Desk(app.CreateClient());
        var slot = await desk.NewSlot();
        app.SetTime(9, 30);
        var waiting = await desk.Issue("walkin", slot.Id);

        // Someone checked in holds the day past its slots; the cut-off (midnight by default) closes it.
        app.Clock.Set(OpdApp.Day.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await desk.Token(waiting.Id)).Status == TokenStatus.Waiting && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        var token = await desk.Token(waiting.Id);
        Assert.Equal((TokenStatus.Cancelled, "system", EndOfDay.CutOffUnseen), (token.Status, token.History!.Last().By, token.CancellationReason));
    }
}

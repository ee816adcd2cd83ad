using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Services;

public sealed class BoardFeedTests(OpdApp app) : IClassFixture<OpdApp>
{
    [Fact]
    public async Task Boards_of_one_doctor_share_a_read_until_the_next_change()
    {
        var desk = new Desk(app.CreateClient());
        var doctor = await desk.Doctor();
        var slot = await desk.Slot(doctor.Id);
        var feed = app.Service<BoardFeed>();

        var first = feed.GetAsync(doctor.Id);
        var second = feed.GetAsync(doctor.Id);
        Assert.Same(first, second);
        Assert.Empty((await first).Value!.Queue);

        await desk.Issue("walkin", slot.Id);
        var after = await feed.GetAsync(doctor.Id);

        Assert.Equal("T001", Assert.Single(after.Value!.Queue).TokenNumber);
    }

    [Fact]
    public async Task A_shared_read_is_not_reused_once_it_is_a_few_seconds_old()
    {
        var desk = new Desk(app.CreateClient());
        var doctor = await desk.Doctor();
        await desk.Slot(doctor.Id);
        var feed = app.Service<BoardFeed>();
        var first = feed.GetAsync(doctor.Id);
        await first;

        app.Clock.Advance(TimeSpan.FromSeconds(3));

        Assert.NotSame(first, feed.GetAsync(doctor.Id));
    }
}

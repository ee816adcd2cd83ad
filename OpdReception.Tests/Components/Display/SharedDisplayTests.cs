using Bunit;
using OpdReception.Components.Pages.Display;
using OpdReception.Services;
using OpdReception.Tests.Components.Reception;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Components.Display;

public sealed class SharedDisplayTests(OpdApp app) : DeskContext(app)
{
    [Fact]
    public async Task Two_hundred_displays_read_the_board_once_per_change()
    {
        App.SetTime(8);
        var doctor = await Desk.Doctor(name: "Dr. Crowd");
        var slot = await Desk.Slot(doctor.Id, "09:00", "10:00");
        App.SetTime(9);
        var feed = Service<DisplayFeed>();
        var changes = Service<OpdChanges>();
        var (readsBefore, versionBefore) = (feed.Reads, changes.Version);

        var displays = Enumerable.Range(0, 200).Select(_ => Render<WaitingRoom>(p => p.Add(x => x.Which, doctor.Id.ToString()))).ToList();
        foreach (var display in displays)
        {
            display.WaitForElement("[data-testid=room]");
        }

        Assert.Equal(1, feed.Reads - readsBefore);

        await Desk.Issue("walkin", slot.Id);

        foreach (var display in displays)
        {
            display.WaitForAssertion(() => Assert.Equal("T001", display.Find("[data-testid=next]").TextContent));
        }

        var announced = changes.Version - versionBefore;
        Assert.InRange(announced, 1, 2);
        Assert.InRange(feed.Reads - readsBefore - 1, 1, announced);
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData(" 101 , 102", "101,102")]
    [InlineData("102,101", "101,102")]
    [InlineData("OPD-A,opd-a", "opd-a")]
    public void Displays_showing_the_same_rooms_share_one_read(string? which, string key) =>
        Assert.Equal(key, DisplayFeed.KeyOf(which));
}

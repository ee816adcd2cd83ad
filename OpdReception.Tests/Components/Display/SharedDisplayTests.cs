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

    [Fact]
    public async Task Patient_pages_of_one_doctor_share_one_read_of_the_day_per_change()
    {
        App.SetTime(8);
        var doctor = await Desk.Doctor(name: "Dr. Phones");
        var slot = await Desk.Slot(doctor.Id, "09:00", "16:00", capacity: 40);
        var codes = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            var token = await Desk.Issue("walkin", slot.Id);
            codes.Add((await Service<DeskService>().SlipAsync(token.Id, Xunit.TestContext.Current.CancellationToken)).Value!.Code);
        }

        App.SetTime(9);
        var feed = Service<PatientDayFeed>();
        var changes = Service<OpdChanges>();
        var (readsBefore, versionBefore) = (feed.Reads, changes.Version);
        var service = Service<PatientPageService>();
        var pages = await Task.WhenAll(codes.Select(code => service.ByCodeAsync(code)));
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (int?)i), pages.Select(p => p!.Position));
        Assert.Equal(1, feed.Reads - readsBefore);

        (await Desk.Client.PostAsync($"/api/slots/{slot.Id}/call-next", null, Xunit.TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        // Every open page's stream reads its state again after the change, all at once.
        var after = await Task.WhenAll(codes.Select(code => service.ByCodeAsync(code)));
        Assert.Equal(OpdReception.Domain.TokenStatus.InConsultation, after[0]!.Status);
        Assert.Equal(Enumerable.Range(1, 39).Select(i => (int?)i), after.Skip(1).Select(p => p!.Position));

        var announced = changes.Version - versionBefore;
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

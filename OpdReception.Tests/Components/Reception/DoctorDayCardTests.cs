using Bunit;
using OpdReception.Components.Pages.Reception;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Components.Reception;

/// <summary>Its own app: the test moves the hospital clock.</summary>
public sealed class DoctorDayCardTests(OpdApp app) : DeskContext(app)
{
    [Fact]
    public async Task A_break_notice_leaves_the_card_when_the_doctor_is_back_though_nothing_else_changed()
    {
        var doctor = await Desk.Doctor(name: "Dr. Tea");
        await Desk.Slot(doctor.Id, "10:00", "11:00");
        await Desk.Slot(doctor.Id, "11:00", "12:00");
        App.Clock.Set(OpdApp.Day.ToDateTime(new TimeOnly(10, 30)));
        var declared = await Service<ConsoleService>().AwayAsync(doctor.Id, new AwayRequest.BackAt(new TimeOnly(11, 15)), "Dr. Tea");
        Assert.True(declared.IsOk);
        var day = (await Service<DeskService>().TodayAsync(Xunit.TestContext.Current.CancellationToken)).Single(d => d.Doctor.Id == doctor.Id);

        var card = Render<DoctorDayCard>(p => p.Add(c => c.Day, day).Add(c => c.RecheckEvery, TimeSpan.FromMilliseconds(50)));
        Assert.Equal("On a break, back at 11:15", card.Find("[data-testid=delay-notice]").TextContent.Trim());

        App.Clock.Set(OpdApp.Day.ToDateTime(new TimeOnly(11, 16)));

        card.WaitForAssertion(() => Assert.Empty(card.FindAll("[data-testid=delay-notice]")));
    }

    [Fact]
    public async Task The_card_says_how_many_walk_in_seats_are_held_and_until_when_and_drops_it_once_they_are_filled()
    {
        App.Clock.Set(OpdApp.Day.ToDateTime(new TimeOnly(8, 0)));
        var doctor = await Desk.Doctor(name: "Dr. Quota");
        var created = await Service<SlotService>().CreateAsync(new OpdReception.Services.SlotRequest(doctor.Id, OpdApp.Day, new TimeOnly(10, 0), new TimeOnly(11, 0), 6, 10,
            WalkInSeatsHeld: 2, HoldReleaseMinutes: 30));
        var slot = created.Value!;

        Assert.Equal("10:00: 2 walk-in seats held until 09:30", CardFor(await DayOf(doctor.Id)).Find("[data-testid=card-walk-in-hold]").TextContent.Trim());

        await Desk.Issue("walkin", slot.Id, name: "Walk One", phone: "+91 90000 10001");
        await Desk.Issue("walkin", slot.Id, name: "Walk Two", phone: "+91 90000 10002");
        Assert.Empty(CardFor(await DayOf(doctor.Id)).FindAll("[data-testid=card-walk-in-hold]"));
    }

    private async Task<DoctorDay> DayOf(int doctorId) =>
        (await Service<DeskService>().TodayAsync(Xunit.TestContext.Current.CancellationToken)).Single(d => d.Doctor.Id == doctorId);

    private IRenderedComponent<DoctorDayCard> CardFor(DoctorDay day) => Render<DoctorDayCard>(p => p.Add(c => c.Day, day));
}

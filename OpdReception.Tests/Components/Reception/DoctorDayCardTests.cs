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
}

using Bunit;
using OpdReception.Components.Pages.Reception;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Components.Reception;

/// <summary>
/// A 10:00 slot of 6 seats keeps 4 for walk-ins until 09:30 and 2 are booked online: the desk choosing "Online booking"
/// is offered no seat there, before Enter. Its own app: the test sets the hospital clock.
/// </summary>
public sealed class OnlineBookingSeatsTests(OpdApp app) : DeskContext(app)
{
    private async Task<(DoctorView Doctor, SlotView Held)> HeldSlotBookedOnlineAsync(string name)
    {
        App.Clock.Set(OpdApp.Day.ToDateTime(new TimeOnly(8, 0)));
        var doctor = await Desk.Doctor(name: name);
        var held = (await Service<SlotService>().CreateAsync(new OpdReception.Services.SlotRequest(doctor.Id, OpdApp.Day, new TimeOnly(10, 0), new TimeOnly(11, 0), 6, 10,
            WalkInSeatsHeld: 4, HoldReleaseMinutes: 30))).Value!;
        await Desk.Issue("book", held.Id, name: "Online One", phone: "+91 90000 20001");
        await Desk.Issue("book", held.Id, name: "Online Two", phone: "+91 90000 20002");
        return (doctor, held);
    }

    [Fact]
    public async Task Choosing_online_booking_counts_only_the_seats_it_may_take_in_the_slot_picker_and_tells_the_page()
    {
        var (doctor, _) = await HeldSlotBookedOnlineAsync("Dr. Held Online");
        TokenSource? told = null;
        var form = Render<IssueForm>(p => p.Add(f => f.DoctorId, doctor.Id).Add(f => f.SourceChanged, s => told = s));
        form.WaitForAssertion(() => Assert.Contains("4 of 6 seats left", form.Find("input[data-testid=slot]").GetAttribute("value")));

        form.FindAll("[data-testid=source] [role=radio]").Single(b => b.TextContent.Contains("Online")).Click();

        form.WaitForAssertion(() => Assert.Equal("10:00 · to 11:00 · 0 of 6 for online booking (4 kept for walk-ins until 09:30)",
            form.Find("input[data-testid=slot]").GetAttribute("value")));
        Assert.Equal("0 of 6 for online booking (4 kept for walk-ins until 09:30).", form.Find("[data-testid=seats-left]").TextContent.Trim());
        Assert.Equal(TokenSource.Online, told);
    }

    [Fact]
    public async Task The_card_offers_online_booking_the_next_slot_it_may_take_not_one_whose_free_seats_are_held()
    {
        var (doctor, _) = await HeldSlotBookedOnlineAsync("Dr. Card Online");
        var day = await DayOf(doctor.Id);

        Assert.Equal("Next slot with room: 10:00 (4 left)", NextWithRoom(day, TokenSource.WalkIn));
        Assert.Equal("No slot with room for online booking left today.", NextWithRoom(day, TokenSource.Online));

        await Service<SlotService>().CreateAsync(new OpdReception.Services.SlotRequest(doctor.Id, OpdApp.Day, new TimeOnly(11, 0), new TimeOnly(12, 0), 6, 10,
            WalkInSeatsHeld: 4, HoldReleaseMinutes: 30));

        Assert.Equal("Next slot with room for online booking: 11:00 (2 left)", NextWithRoom(await DayOf(doctor.Id), TokenSource.Online));
    }

    [Fact]
    public async Task The_available_slots_for_online_booking_leave_out_a_slot_whose_free_seats_are_all_held()
    {
        var (doctor, held) = await HeldSlotBookedOnlineAsync("Dr. Available Online");
        var slots = Service<SlotService>();

        Assert.Contains((await slots.AvailableAsync(doctor.Id, OpdApp.Day, Xunit.TestContext.Current.CancellationToken)).Value!, s => s.Id == held.Id);
        Assert.DoesNotContain((await slots.AvailableAsync(doctor.Id, OpdApp.Day, Xunit.TestContext.Current.CancellationToken, TokenSource.Online)).Value!,
            s => s.Id == held.Id);
        var online = await (await Desk.Client.GetAsync($"/api/slots/doctor/{doctor.Id}/available?date={OpdApp.Day:yyyy-MM-dd}&source=Online",
            Xunit.TestContext.Current.CancellationToken)).EnsureSuccessStatusCode().Read<List<SlotView>>();
        Assert.DoesNotContain(online, s => s.Id == held.Id);
    }

    private async Task<DoctorDay> DayOf(int doctorId) =>
        (await Service<DeskService>().TodayAsync(Xunit.TestContext.Current.CancellationToken)).Single(d => d.Doctor.Id == doctorId);

    private string NextWithRoom(DoctorDay day, TokenSource source) =>
        string.Join(" ", Render<DoctorDayCard>(p => p.Add(c => c.Day, day).Add(c => c.Source, source))
            .Find("[data-testid=next-with-room]").TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

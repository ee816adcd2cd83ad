using System.Net;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>
/// "Today" is the OPD day the doctor's session belongs to: an evening session delayed past midnight stays workable at
/// 00:00 and after, on a fixed clock.
/// </summary>
public sealed class OpdDayPastMidnightTests : ClockedAppTests
{
    private static readonly DateOnly NextDate = OpdApp.Day.AddDays(1);

    private static DateTime After(int hour, int minute) => NextDate.ToDateTime(new TimeOnly(hour, minute));

    [Fact]
    public async Task A_session_delayed_past_midnight_can_still_check_in_call_and_complete_even_an_emergency()
    {
        var doctor = await Desk.Doctor();
        var evening = await Desk.Slot(doctor.Id, "22:00", "23:00");
        var booked = await Desk.Issue("book", evening.Id);
        App.SetTime(22, 0);
        var first = await Desk.Issue("walkin", evening.Id);
        (await Desk.Client.PatchAsync($"/api/slots/{evening.Id}/delay?delay_minutes=90", null)).EnsureSuccessStatusCode();

        App.Clock.Set(After(0, 5));
        var emergency = await Desk.TryIssue("emergency", evening.Id);
        var checkIn = await Desk.Client.PostAsync($"/api/tokens/{booked.Id}/check-in", null);
        var call = await Desk.Client.PostAsync($"/api/doctors/{doctor.Id}/call-next", null);
        var called = await call.ReadJson();
        var complete = await Desk.SetStatus(called.GetProperty("id").GetInt32(), "Completed");

        Assert.Equal(HttpStatusCode.Created, emergency.StatusCode);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (checkIn.StatusCode, call.StatusCode, complete.StatusCode));
        Assert.Equal((await emergency.ReadJson()).GetProperty("id").GetInt32(), called.GetProperty("id").GetInt32());
        Assert.Equal(TokenStatus.Waiting, (await Desk.Token(first.Id)).Status);
    }

    [Fact]
    public async Task Past_midnight_the_doctor_stays_on_the_display_and_the_patient_page_still_answers()
    {
        var doctor = await Desk.Doctor();
        var evening = await Desk.Slot(doctor.Id, "22:00", "23:00");
        App.SetTime(22, 0);
        var waiting = await Desk.Issue("walkin", evening.Id);
        (await Desk.Client.PatchAsync($"/api/slots/{evening.Id}/delay?delay_minutes=90", null)).EnsureSuccessStatusCode();
        var code = (await App.Service<DeskService>().SlipAsync(waiting.Id, TestContext.Current.CancellationToken)).Value!.Code;

        App.Clock.Set(After(0, 10));
        var board = await App.Service<DisplayService>().BoardAsync(null, TestContext.Current.CancellationToken);
        var page = await App.Service<PatientPageService>().ByCodeAsync(code, TestContext.Current.CancellationToken);
        var console = (await App.Service<ConsoleService>().DayAsync(doctor.Id, null, TestContext.Current.CancellationToken)).Value!;

        var room = Assert.Single(board.Rooms, r => r.DoctorId == doctor.Id);
        Assert.Equal([waiting.TokenNumber], room.Next);
        Assert.NotNull(page);
        Assert.Equal(1, page.Position);
        Assert.Equal(OpdApp.Day, console.Date);
    }

    [Fact]
    public async Task Patients_still_waiting_hold_the_day_past_midnight_only_until_its_cut_off()
    {
        var doctor = await Desk.Doctor();
        var evening = await Desk.Slot(doctor.Id, "22:00", "23:00");
        var booked = await Desk.Issue("book", evening.Id);
        App.SetTime(22, 30);
        var first = await Desk.Issue("walkin", evening.Id);
        await Desk.Issue("walkin", evening.Id);

        // The slot ended at 23:00 and nobody declared a delay: by default the day is cut off at the midnight after.
        App.SetTime(23, 50);
        var beforeCutOff = await Desk.Client.PostAsync($"/api/doctors/{doctor.Id}/call-next", null);
        await Desk.SetStatus(first.Id, "Completed");
        App.Clock.Set(After(0, 1));
        var checkInAfter = await Desk.Client.PostAsync($"/api/tokens/{booked.Id}/check-in", null);
        var callAfter = await Desk.Client.PostAsync($"/api/doctors/{doctor.Id}/call-next", null);

        Assert.Equal(HttpStatusCode.OK, beforeCutOff.StatusCode);
        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (checkInAfter.StatusCode, callAfter.StatusCode));
    }
}

using System.Net;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>Walk-in, priority and emergency tokens, check-in and calling are for today's slots; bookings may be ahead.</summary>
public sealed class TodayOnlyTests : ClockedAppTests
{
    private static readonly DateOnly Tomorrow = OpdApp.Day.AddDays(1);

    [Theory]
    [InlineData("walkin", HttpStatusCode.Conflict)]
    [InlineData("priority", HttpStatusCode.Conflict)]
    [InlineData("emergency", HttpStatusCode.Conflict)]
    [InlineData("book", HttpStatusCode.Created)]
    [InlineData("followup", HttpStatusCode.Created)]
    public async Task Only_bookings_go_into_another_days_slot(string kind, HttpStatusCode expected)
    {
        var doctor = await Desk.Doctor();
        var tomorrow = await Desk.Slot(doctor.Id, date: Tomorrow);

        var response = await Desk.TryIssue(kind, tomorrow.Id);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Conflict)
        {
            Assert.Equal("NotToday", (await response.ReadJson()).GetProperty("refusal").GetString());
            Assert.Equal(0, (await Desk.GetSlot(tomorrow.Id)).BookedCount);
        }
    }

    [Fact]
    public async Task A_booking_for_tomorrow_cannot_be_checked_in_or_called_today()
    {
        var doctor = await Desk.Doctor();
        var tomorrow = await Desk.Slot(doctor.Id, date: Tomorrow);
        var booked = await Desk.Issue("book", tomorrow.Id);

        var checkIn = await Desk.Client.PostAsync($"/api/tokens/{booked.Id}/check-in", null);
        var call = await Desk.SetStatus(booked.Id, "InConsultation");

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (checkIn.StatusCode, call.StatusCode));
        Assert.Contains("today's slots only", (await checkIn.ReadJson()).GetProperty("detail").GetString());
        Assert.Equal(TokenStatus.Booked, (await Desk.Token(booked.Id)).Status);
    }

    [Fact]
    public async Task Yesterdays_waiting_patient_is_not_called_today()
    {
        var doctor = await Desk.Doctor();
        var slot = await Desk.Slot(doctor.Id, "09:00", "23:00");
        var waiting = await Desk.Issue("walkin", slot.Id);
        App.Clock.Set(Tomorrow.ToDateTime(new TimeOnly(9, 0)));

        var byDoctor = await Desk.Client.PostAsync($"/api/doctors/{doctor.Id}/call-next?date={OpdApp.Day:yyyy-MM-dd}", null);
        var bySlot = await Desk.Client.PostAsync($"/api/slots/{slot.Id}/call-next", null);

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (byDoctor.StatusCode, bySlot.StatusCode));
        Assert.Equal(TokenStatus.Waiting, (await Desk.Token(waiting.Id)).Status);
    }

    [Fact]
    public async Task Before_dawn_in_the_hospital_a_booking_of_that_morning_checks_in_though_UTC_is_still_on_the_day_before()
    {
        App.Clock.Set(OpdApp.Day.ToDateTime(new TimeOnly(4, 45)));
        var doctor = await Desk.Doctor();
        var dawn = await Desk.Slot(doctor.Id, "05:00", "06:00");
        var booked = await Desk.Issue("book", dawn.Id);

        var checkIn = await Desk.Client.PostAsync($"/api/tokens/{booked.Id}/check-in", null);

        Assert.Equal(OpdApp.Day.AddDays(-1), DateOnly.FromDateTime(App.Clock.GetUtcNow().UtcDateTime));
        Assert.Equal(HttpStatusCode.OK, checkIn.StatusCode);
        Assert.Equal(TokenStatus.Waiting, (await checkIn.Read<TokenView>()).Status);
    }
}

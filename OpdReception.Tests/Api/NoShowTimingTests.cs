using System.Net;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>When the sweep may call a booked patient absent, through the whole app and its database.</summary>
public sealed class NoShowTimingTests : ClockedAppTests
{
    [Fact]
    public async Task Booked_patient_who_never_checks_in_becomes_a_no_show_after_the_timeout()
    {
        var slot = await Desk.NewSlot(capacity: 2);
        var booked = await Desk.Issue("book", slot.Id);
        var arrived = await Desk.Issue("walkin", slot.Id);
        var sweep = App.Service<SweepNoShows>();

        App.SetTime(9, 15);
        var atTimeout = await sweep.SweepNoShowsAsync();
        App.SetTime(9, 16);
        var pastTimeout = await sweep.SweepNoShowsAsync();

        Assert.Equal((0, 1), (atTimeout, pastTimeout));
        var noShow = await Desk.Token(booked.Id);
        Assert.Equal((TokenStatus.NoShow, "system"), (noShow.Status, noShow.History!.Last().By));
        Assert.Equal(TokenStatus.Waiting, (await Desk.Token(arrived.Id)).Status);
        Assert.Equal(1, (await Desk.GetSlot(slot.Id)).BookedCount);
    }

    [Fact]
    public async Task A_booking_is_not_marked_absent_while_the_doctor_is_still_with_a_patient_of_an_earlier_slot()
    {
        var doctor = await Desk.Doctor();
        var early = await Desk.Slot(doctor.Id, "09:00", "10:00");
        var later = await Desk.Slot(doctor.Id, "10:00", "11:00");
        var booked = await Desk.Issue("book", later.Id);
        App.SetTime(9, 50);
        await Desk.Issue("walkin", early.Id);
        await Desk.Client.PostAsync($"/api/slots/{early.Id}/call-next", null);
        App.SetTime(10, 20);

        Assert.Equal(0, await App.Service<SweepNoShows>().SweepNoShowsAsync());
        Assert.Equal(TokenStatus.Booked, (await Desk.Token(booked.Id)).Status);
    }

    [Fact]
    public async Task A_booking_behind_a_patient_who_left_gets_the_full_timeout_from_then()
    {
        var slot = await Desk.NewSlot();
        var booked = await Desk.Issue("book", slot.Id);
        App.SetTime(9, 0);
        var priority = await Desk.Issue("priority", slot.Id);
        App.SetTime(9, 30);
        await Desk.SetStatus(priority.Id, "Cancelled", "went home");
        var sweep = App.Service<SweepNoShows>();

        App.SetTime(9, 31);
        var atOnce = await sweep.SweepNoShowsAsync();
        App.SetTime(9, 46);
        var afterTimeout = await sweep.SweepNoShowsAsync();

        Assert.Equal((0, 1), (atOnce, afterTimeout));
        Assert.Equal(TokenStatus.NoShow, (await Desk.Token(booked.Id)).Status);
    }

    [Fact]
    public async Task A_booking_of_an_earlier_slot_is_marked_absent_though_the_doctor_has_moved_on_to_the_next()
    {
        var doctor = await Desk.Doctor();
        var early = await Desk.Slot(doctor.Id, "09:00", "10:00");
        var later = await Desk.Slot(doctor.Id, "10:00", "11:00");
        var booked = await Desk.Issue("book", early.Id);
        await Desk.Issue("walkin", later.Id);
        App.SetTime(10, 0);
        await Desk.Client.PostAsync($"/api/slots/{later.Id}/call-next", null);
        App.SetTime(10, 5);

        Assert.Equal(1, await App.Service<SweepNoShows>().SweepNoShowsAsync());
        Assert.Equal(TokenStatus.NoShow, (await Desk.Token(booked.Id)).Status);
    }

    [Fact]
    public async Task A_booking_is_not_marked_absent_while_the_doctor_is_with_an_emergency_of_a_later_slot()
    {
        // The day queue puts the later slot's emergency first; the booking is next, at a time still ahead.
        var doctor = await Desk.Doctor();
        var early = await Desk.Slot(doctor.Id, "09:00", "10:00");
        var later = await Desk.Slot(doctor.Id, "10:00", "11:00");
        var booked = await Desk.Issue("book", early.Id);
        App.SetTime(9, 0);
        await Desk.Issue("emergency", later.Id);
        await Desk.Client.PostAsync($"/api/doctors/{doctor.Id}/call-next", null);
        var sweep = App.Service<SweepNoShows>();

        App.SetTime(9, 40);
        var whileWithEmergency = await sweep.SweepNoShowsAsync();

        Assert.Equal(0, whileWithEmergency);
        Assert.Equal(TokenStatus.Booked, (await Desk.Token(booked.Id)).Status);
    }

    [Fact]
    public async Task A_booking_is_not_marked_absent_while_the_doctor_is_behind_with_others()
    {
        var slot = await Desk.NewSlot();
        await Desk.Issue("walkin", slot.Id);
        var booked = await Desk.Issue("book", slot.Id);
        App.SetTime(9, 0);
        await Desk.Client.PostAsync($"/api/slots/{slot.Id}/call-next", null);
        var sweep = App.Service<SweepNoShows>();

        App.SetTime(9, 40);
        var whileBusy = await sweep.SweepNoShowsAsync();
        await Desk.SetStatus((await Desk.Queue(slot.Id)).Tokens[0].Id, "Completed");
        App.SetTime(9, 55);
        var atTimeout = await sweep.SweepNoShowsAsync();
        App.SetTime(9, 56);
        var afterTimeout = await sweep.SweepNoShowsAsync();

        Assert.Equal((0, 0, 1), (whileBusy, atTimeout, afterTimeout));
        Assert.Equal(TokenStatus.NoShow, (await Desk.Token(booked.Id)).Status);
    }

    [Fact]
    public async Task Taking_a_delay_back_gives_booked_patients_the_timeout_from_that_moment()
    {
        var doctor = await Desk.Doctor();
        var slot = await Desk.Slot(doctor.Id, "10:00", "11:00");
        var booked = await Desk.Issue("book", slot.Id);
        await Desk.Client.PatchAsync($"/api/slots/{slot.Id}/delay?delay_minutes=30", null);
        App.SetTime(10, 20);
        await Desk.Client.PatchAsync($"/api/slots/{slot.Id}/delay?delay_minutes=0", null);
        var sweep = App.Service<SweepNoShows>();

        var atOnce = await sweep.SweepNoShowsAsync();
        App.SetTime(10, 36);
        var later = await sweep.SweepNoShowsAsync();

        Assert.Equal((0, 1), (atOnce, later));
        Assert.Equal(TokenStatus.NoShow, (await Desk.Token(booked.Id)).Status);
    }

    [Fact]
    public async Task A_booking_made_while_its_slot_is_running_is_not_marked_no_show_at_once()
    {
        var slot = await Desk.NewSlot();
        App.SetTime(9, 40);
        var booked = await Desk.Issue("book", slot.Id);
        var sweep = App.Service<SweepNoShows>();

        var atOnce = await sweep.SweepNoShowsAsync();
        App.SetTime(9, 56);
        var afterTimeout = await sweep.SweepNoShowsAsync();

        Assert.Equal((0, 1), (atOnce, afterTimeout));
        Assert.Equal(TokenStatus.NoShow, (await Desk.Token(booked.Id)).Status);
    }

    [Fact]
    public async Task Bookings_of_a_cancelled_slot_are_left_for_reallocation_not_marked_no_show()
    {
        var slot = await Desk.NewSlot();
        var booked = await Desk.Issue("book", slot.Id);
        await Desk.Client.Post($"/api/slots/{slot.Id}/cancel", new { reason = "Doctor on leave" });
        App.SetTime(11, 0);

        Assert.Equal(0, await App.Service<SweepNoShows>().SweepNoShowsAsync());
        Assert.Equal(TokenStatus.Booked, (await Desk.Token(booked.Id)).Status);
    }

    [Fact]
    public async Task A_patient_left_waiting_in_a_cancelled_slot_does_not_stop_no_shows_for_the_rest_of_the_day()
    {
        var doctor = await Desk.Doctor();
        var early = await Desk.Slot(doctor.Id, "09:00", "10:00");
        var later = await Desk.Slot(doctor.Id, "10:00", "11:00");
        var booked = await Desk.Issue("book", later.Id);
        await Desk.Issue("walkin", early.Id);
        var cancelled = await Desk.Client.Post($"/api/slots/{early.Id}/cancel", new { reason = "Doctor called to theatre" });
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        App.SetTime(10, 16);

        Assert.Equal(1, await App.Service<SweepNoShows>().SweepNoShowsAsync());
        Assert.Equal(TokenStatus.NoShow, (await Desk.Token(booked.Id)).Status);
    }
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>The end of a doctor's day through the app and its database: who is left is closed, once, and recorded.</summary>
public sealed class EndOfDayTests : ClockedAppTests
{
    [Fact]
    public async Task Patients_checked_in_are_never_sent_home_while_the_doctor_is_still_seeing_them()
    {
        // The defect: ten minutes after the last slot, the waiting patient was sent home and the consultation closed.
        var doctor = await Desk.Doctor();
        await Desk.Slot(doctor.Id, "09:00", "10:00");
        var later = await Desk.Slot(doctor.Id, "10:00", "11:00");
        var neverCame = await Desk.Issue("book", later.Id);
        App.SetTime(10, 30);
        var seeing = await Desk.Issue("walkin", later.Id);
        var waiting = await Desk.Issue("walkin", later.Id);
        Assert.Equal(HttpStatusCode.OK, (await Desk.Client.PostAsync($"/api/slots/{later.Id}/call-next", null)).StatusCode);
        var close = App.Service<CloseFinishedDays>();

        App.SetTime(11, 10);
        var whileSeeing = await close.CloseFinishedDaysAsync();
        await Desk.SetStatus(seeing.Id, "Completed");
        Assert.Equal(HttpStatusCode.OK, (await Desk.Client.PostAsync($"/api/slots/{later.Id}/call-next", null)).StatusCode);
        App.SetTime(11, 40);
        var stillSeeing = await close.CloseFinishedDaysAsync();
        await Desk.SetStatus(waiting.Id, "Completed");
        var queueEmpty = await close.CloseFinishedDaysAsync();

        Assert.Equal((DayClosing.None, DayClosing.None), (whileSeeing, stillSeeing));
        Assert.Equal(new DayClosing(Days: 1, NoShows: 1, Cancelled: 0, Completed: 0), queueEmpty);
        var closed = new[] { await Desk.Token(neverCame.Id), await Desk.Token(seeing.Id), await Desk.Token(waiting.Id) };
        Assert.Equal([TokenStatus.NoShow, TokenStatus.Completed, TokenStatus.Completed], closed.Select(t => t.Status));
        Assert.Equal(EndOfDay.NeverCame, closed[0].History![^1].Reason);
        Assert.Equal("system", closed[0].History![^1].By);
    }

    /// <summary>The shortest sequence the random-operations property found (seed 17): issue, cancel the slot, close.</summary>
    [Fact]
    public async Task A_patient_checked_in_whose_slot_was_cancelled_is_not_sent_home_before_the_cut_off()
    {
        var doctor = await Desk.Doctor();
        await Desk.Slot(doctor.Id, "09:00", "10:00");
        var slot = await Desk.Slot(doctor.Id, "11:00", "12:00");
        App.SetTime(10, 52);
        var waiting = await Desk.Issue("priority", slot.Id);
        App.SetTime(11, 5);
        Assert.Equal(HttpStatusCode.OK, (await Desk.Client.Post($"/api/slots/{slot.Id}/cancel", new { reason = "Doctor called to theatre" })).StatusCode);
        var close = App.Service<CloseFinishedDays>();

        App.SetTime(12, 17);
        var afterTheDay = await close.CloseFinishedDaysAsync();
        var stillWaiting = await Desk.Token(waiting.Id);
        App.Clock.Set(OpdApp.Day.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var atCutOff = await close.CloseFinishedDaysAsync();

        Assert.Equal(DayClosing.None, afterTheDay);
        Assert.Equal(TokenStatus.Waiting, stillWaiting.Status);
        Assert.Equal(new DayClosing(Days: 1, NoShows: 0, Cancelled: 1, Completed: 0), atCutOff);
        Assert.Equal(EndOfDay.CutOffUnseen, (await Desk.Token(waiting.Id)).History![^1].Reason);
    }

    [Fact]
    public async Task At_the_cut_off_whoever_is_left_is_closed_with_a_reason_in_their_history_and_the_admin_sees_it_next_morning()
    {
        var doctor = await Desk.Doctor();
        var slot = await Desk.Slot(doctor.Id, "10:00", "11:00");
        App.SetTime(10, 30);
        var seeing = await Desk.Issue("walkin", slot.Id);
        var waiting = await Desk.Issue("walkin", slot.Id);
        Assert.Equal(HttpStatusCode.OK, (await Desk.Client.PostAsync($"/api/slots/{slot.Id}/call-next", null)).StatusCode);
        var close = App.Service<CloseFinishedDays>();

        App.Clock.Set(OpdApp.Day.ToDateTime(new TimeOnly(23, 59)));
        var beforeCutOff = await close.CloseFinishedDaysAsync();
        App.Clock.Set(OpdApp.Day.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var atCutOff = await close.CloseFinishedDaysAsync();
        App.Clock.Set(OpdApp.Day.AddDays(1).ToDateTime(new TimeOnly(8, 0)));
        var overview = await App.Service<AdminOverviewService>().TodayAsync(TestContext.Current.CancellationToken);

        Assert.Equal(DayClosing.None, beforeCutOff);
        Assert.Equal(new DayClosing(Days: 1, NoShows: 0, Cancelled: 1, Completed: 1), atCutOff);
        var closed = new[] { await Desk.Token(seeing.Id), await Desk.Token(waiting.Id) };
        Assert.Equal([TokenStatus.Completed, TokenStatus.Cancelled], closed.Select(t => t.Status));
        Assert.Equal([EndOfDay.CutOffConsultation, EndOfDay.CutOffUnseen], closed.Select(t => t.History![^1].Reason));
        Assert.All(closed, t => Assert.Equal("system", t.History![^1].By));
        Assert.Contains(overview.Warnings, w => w.Contains(doctor.Name) && w.Contains("cut-off") && w.Contains("1 patient sent home unseen")
            && w.Contains("1 consultation closed"));
    }

    [Fact]
    public async Task A_booking_reallocation_could_not_place_awaits_a_new_slot_until_its_day_closes_then_is_cancelled_and_no_longer_blocks_deactivating_the_doctor()
    {
        var doctor = await Desk.Doctor("Unplaced " + Guid.NewGuid().ToString("N")[..6]);
        var slot = await Desk.Slot(doctor.Id, "09:00", "10:00");
        var booking = await Desk.Issue("book", slot.Id);
        Assert.Equal(HttpStatusCode.OK, (await Desk.Client.Post($"/api/slots/{slot.Id}/cancel", new { reason = "Doctor called away" })).StatusCode);
        var reallocation = await (await Desk.Client.Post($"/api/tokens/reallocate/{slot.Id}", new { })).Read<ReallocationResult>();
        Assert.Equal(booking.Id, Assert.Single(reallocation.NotPlaced).TokenId);

        App.SetTime(10, 9);
        Assert.Equal(DayClosing.None, await App.Service<CloseFinishedDays>().CloseFinishedDaysAsync());
        var waiting = await Desk.Token(booking.Id);
        Assert.Equal((TokenStatus.Booked, "Slot cancelled: awaits a new slot"), (waiting.Status, waiting.PlaceReason));
        var blocked = await Desk.Client.DeleteAsync($"/api/admin/doctors/{doctor.Id}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Conflict, blocked.StatusCode);
        Assert.Contains("awaiting a new slot", (await blocked.ReadJson()).GetProperty("detail").GetString());

        App.SetTime(10, 10);
        var closing = await App.Service<CloseFinishedDays>().CloseFinishedDaysAsync();

        Assert.Equal(new DayClosing(Days: 1, NoShows: 0, Cancelled: 1, Completed: 0), closing);
        var closed = await Desk.Token(booking.Id);
        Assert.Equal((TokenStatus.Cancelled, "slot cancelled, not rebooked"), (closed.Status, closed.CancellationReason));
        Assert.Equal(("Cancelled", "system"), (closed.History![^1].Action, closed.History[^1].By));
        var removal = await Desk.Client.DeleteAsync($"/api/admin/doctors/{doctor.Id}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, removal.StatusCode);
        Assert.True((await removal.Read<RemovalView>()).Deactivated);
    }

    [Fact]
    public async Task Running_late_after_the_last_slot_moves_the_times_of_everyone_still_waiting()
    {
        // Seen on the console: after "running late 15" past the last slot, the waiting patients kept their times.
        var doctor = await Desk.Doctor();
        var morning = await Desk.Slot(doctor.Id, "09:00", "10:00");
        var last = await Desk.Slot(doctor.Id, "10:00", "11:00");
        App.SetTime(9, 30);
        var leftOver = await Desk.Issue("walkin", morning.Id);
        var waiting = await Desk.Issue("walkin", last.Id);
        App.SetTime(11, 30);

        var late = await Desk.Client.Post($"/api/doctors/{doctor.Id}/running-late", new { minutes = 15 });

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Equal(
            [OpdApp.Day.ToDateTime(new TimeOnly(11, 45)), OpdApp.Day.ToDateTime(new TimeOnly(11, 55))],
            [(await Desk.Token(leftOver.Id)).EstimatedTime!.Value, (await Desk.Token(waiting.Id)).EstimatedTime!.Value]);
    }

    [Fact]
    public async Task A_closed_day_is_never_scanned_again()
    {
        var doctor = await Desk.Doctor();
        var morning = await Desk.Slot(doctor.Id, "09:00", "10:00");
        var afternoon = await Desk.Slot(doctor.Id, "14:00", "15:00");
        await Desk.Issue("book", afternoon.Id);
        var close = App.Service<CloseFinishedDays>();

        App.SetTime(15, 10);
        var first = await close.CloseFinishedDaysAsync();
        App.SetTime(16, 0);
        var second = await close.CloseFinishedDaysAsync();

        Assert.Equal((1, 1), (first.Days, first.NoShows));
        Assert.Equal(DayClosing.None, second);
        await using var db = await App.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.Empty(await OpdDays.OpenDays(db, OpdApp.Day).ToListAsync(TestContext.Current.CancellationToken));
        Assert.All(await db.Slots.Where(s => s.Id == morning.Id || s.Id == afternoon.Id).ToListAsync(TestContext.Current.CancellationToken),
            s => Assert.Equal(App.Clock.Now.AddMinutes(-50), s.DayClosedAt));
    }

    [Fact]
    public async Task Another_doctor_still_working_keeps_their_own_day_open()
    {
        var shortDay = await Desk.Slot((await Desk.Doctor()).Id, "09:00", "10:00");
        var longDay = await Desk.Slot((await Desk.Doctor()).Id, "09:00", "12:00");
        await Desk.Issue("book", shortDay.Id);
        var stillBooked = await Desk.Issue("book", longDay.Id);
        App.SetTime(10, 10);

        var closing = await App.Service<CloseFinishedDays>().CloseFinishedDaysAsync();

        Assert.Equal((1, 1), (closing.Days, closing.NoShows));
        Assert.Equal(TokenStatus.Booked, (await Desk.Token(stillBooked.Id)).Status);
    }

    [Fact]
    public async Task The_sweeps_find_open_days_through_their_index_not_by_scanning_the_slots()
    {
        await using var db = await App.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var plan = await QueryPlan.ExplainAsync(db, OpdDays.OpenDays(db, OpdApp.Day).Select(s => s.Id));

        Assert.Contains(plan, line => line.Contains("IX_Slots_OpenDays", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.StartsWith("SCAN", StringComparison.Ordinal));
    }
}

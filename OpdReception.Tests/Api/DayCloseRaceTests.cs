using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpdReception.Data;
using OpdReception.Domain;
using OpdReception.Security;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>A desk or console action released together with the day's close: one of them wins, never both.</summary>
public sealed class DayCloseRaceTests : SweepRace
{
    [Fact]
    public async Task Check_in_racing_the_day_s_close_either_keeps_the_day_open_for_the_patient_or_is_refused_after_the_no_show()
    {
        var deskFirst = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var day = DayOf(round);
            At(day, 8);
            var slot = await Desk.Slot((await Desk.Doctor()).Id, "09:00", "10:00", date: day);
            var booking = await Desk.Issue("book", slot.Id);

            // 10:00 plus the 10-minute grace: the day may close now, unless someone is checked in.
            At(day, 10, 10);
            var (checkIn, _) = await Together(round, () => StatusChanges.CheckInAsync(booking.Id, DeskUser), () => DayClose.CloseFinishedDaysAsync());

            var token = await StoredAsync(booking.Id);
            AssertOneSequence(token);
            var closed = await DayClosedAsync(slot.Id);
            if (checkIn.IsOk)
            {
                deskFirst++;
                Assert.Equal((TokenStatus.Waiting, false), (token.Status, closed));
                Assert.Equal(["Issued", "CheckedIn"], token.History.Select(e => e.Action));
            }
            else
            {
                Assert.Equal((TokenStatus.NoShow, true), (token.Status, closed));
                Assert.Equal(["Issued", "MarkedNoShow"], token.History.Select(e => e.Action));
                Assert.Equal("system", token.History[^1].By);
            }

            await AssertClosedDayHasNobodyActiveAsync(slot.Id);
        }

        Report(deskFirst);
    }

    /// <summary>
    /// The doctor's last press before the day could close, taken back while the sweep closes the day. The sweep leaves a
    /// completed or absent patient alone, so only the day's close tells the undo that the day is gone.
    /// </summary>
    [Theory]
    [InlineData("complete")]
    [InlineData("no-show")]
    public async Task Console_undo_racing_the_day_s_close_either_reopens_the_consultation_and_the_day_stays_open_or_is_refused(string press)
    {
        var deskFirst = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var day = DayOf(round);
            At(day, 8);
            var doctor = await Desk.Doctor();
            var slot = await Desk.Slot(doctor.Id, "09:00", "10:00", date: day);
            var walkIn = await Desk.Issue("walkin", slot.Id);
            var by = new Actor("doctor", $"doctor-{doctor.Id}");
            At(day, 9, 55);
            Assert.True((await Console.CallNextAsync(doctor.Id, by)).IsOk);
            At(day, 10, 9);
            var pressed = press == "complete"
                ? await Console.CompleteAsync(doctor.Id, walkIn.Id, by)
                : await Console.NoShowAsync(doctor.Id, walkIn.Id, by);
            Assert.True(pressed.IsOk, pressed.Problem?.Detail);
            var after = (await StoredAsync(walkIn.Id)).Status;

            // Within the two-minute undo window, and past the slot's end plus grace with nobody left checked in.
            At(day, 10, 10);
            var (undo, _) = await Together(round, () => Console.UndoAsync(doctor.Id, by), () => DayClose.CloseFinishedDaysAsync());

            var token = await StoredAsync(walkIn.Id);
            AssertOneSequence(token);
            var closed = await DayClosedAsync(slot.Id);
            if (undo.IsOk)
            {
                deskFirst++;
                Assert.Equal((TokenStatus.InConsultation, false), (token.Status, closed));
            }
            else
            {
                Assert.Equal((after, true), (token.Status, closed));
            }

            await AssertClosedDayHasNobodyActiveAsync(slot.Id);
        }

        Report(deskFirst);
    }

    [Fact]
    public async Task A_move_to_the_next_day_racing_the_day_s_close_either_books_the_patient_there_or_finds_them_absent()
    {
        var deskFirst = 0;
        for (var round = 0; round < Rounds; round++)
        {
            // Two days a round: the booking's day, and the next, where it may be moved.
            var day = DayOf(round, spacing: 2);
            At(day, 8);
            var doctor = await Desk.Doctor();
            var slot = await Desk.Slot(doctor.Id, "09:00", "10:00", date: day);
            var tomorrow = await Desk.Slot(doctor.Id, "09:00", "10:00", date: day.AddDays(1));
            var booking = await Desk.Issue("book", slot.Id);

            At(day, 10, 10);
            var (move, _) = await Together(round,
                () => Desk.Client.Post($"/api/tokens/{booking.Id}/move", new { targetSlotId = tomorrow.Id }),
                () => DayClose.CloseFinishedDaysAsync());

            var token = await StoredAsync(booking.Id);
            AssertOneSequence(token);
            var actions = token.History.Select(e => e.Action).ToList();
            if (move.StatusCode == HttpStatusCode.OK)
            {
                deskFirst++;
                Assert.Equal(["Issued", "Moved"], actions);
                Assert.Equal((tomorrow.Id, TokenStatus.Booked), (token.SlotId, token.Status));
            }
            else
            {
                Assert.Equal(HttpStatusCode.Conflict, move.StatusCode);
                Assert.Equal(["Issued", "MarkedNoShow"], actions);
                Assert.Equal((slot.Id, TokenStatus.NoShow), (token.SlotId, token.Status));
                Assert.True(await DayClosedAsync(slot.Id));
            }

            await AssertClosedDayHasNobodyActiveAsync(slot.Id);
        }

        Report(deskFirst);
    }

    [Fact]
    public async Task Reallocating_a_cancelled_slot_racing_the_day_s_close_either_rebooks_the_patient_or_cancels_them_not_rebooked()
    {
        var deskFirst = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var day = DayOf(round);
            At(day, 8);
            var slot = await Desk.Slot((await Desk.Doctor()).Id, "09:00", "10:00", date: day);
            var colleague = await Desk.Slot((await Desk.Doctor()).Id, "10:00", "12:00", date: day);
            var booking = await Desk.Issue("book", slot.Id);
            Assert.Equal(HttpStatusCode.OK, (await Desk.Client.Post($"/api/slots/{slot.Id}/cancel", new { reason = "Doctor called away" })).StatusCode);

            // Every slot of the doctor's day is cancelled: it closes at the cancelled slot's end plus grace.
            At(day, 10, 10);
            var (reallocation, _) = await Together(round,
                () => Desk.Client.Post($"/api/tokens/reallocate/{slot.Id}", null),
                () => DayClose.CloseFinishedDaysAsync());

            Assert.Equal(HttpStatusCode.OK, reallocation.StatusCode);
            var moved = (await reallocation.Read<ReallocationResult>()).Moved;
            var token = await StoredAsync(booking.Id);
            AssertOneSequence(token);
            var actions = token.History.Select(e => e.Action).ToList();
            if (moved.Count == 1)
            {
                deskFirst++;
                Assert.Equal(["Issued", "Reallocated"], actions);
                Assert.Equal((colleague.Id, TokenStatus.Booked), (token.SlotId, token.Status));
            }
            else
            {
                Assert.Empty(moved);
                Assert.Equal(["Issued", "Cancelled"], actions);
                Assert.Equal((slot.Id, TokenStatus.Cancelled, EndOfDay.SlotCancelledNotRebooked), (token.SlotId, token.Status, token.CancellationReason));
            }

            await AssertClosedDayHasNobodyActiveAsync(slot.Id);
        }

        Report(deskFirst);
    }
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpdReception.Data;
using OpdReception.Domain;
using OpdReception.Security;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>A desk action on a booking released together with the no-show sweep: one of them wins, never both.</summary>
public sealed class NoShowSweepRaceTests : SweepRace
{
    [Fact]
    public async Task Check_in_racing_the_no_show_sweep_applies_one_step_from_booked_and_a_no_show_first_makes_the_check_in_a_late_arrival()
    {
        var deskFirst = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var day = DayOf(round);
            At(day, 8);
            var slot = await Desk.Slot((await Desk.Doctor()).Id, "09:00", "10:00", date: day);
            var booking = await Desk.Issue("book", slot.Id);

            // Its turn came at 09:00; fifteen minutes later it is due to be marked absent.
            At(day, 9, 20);
            var (checkIn, _) = await Together(round, () => StatusChanges.CheckInAsync(booking.Id, DeskUser), () => NoShowSweep.SweepNoShowsAsync());

            Assert.True(checkIn.IsOk, checkIn.Problem?.Detail);
            var token = await StoredAsync(booking.Id);
            AssertOneSequence(token);
            var fromBooked = token.History.Where(e => e.FromStatus == TokenStatus.Booked).ToList();
            var step = Assert.Single(fromBooked);
            Assert.Equal(TokenStatus.Waiting, token.Status);
            if (step.Action == "MarkedNoShow")
            {
                // The sweep went first: the desk's press is a late arrival from the no-show, not a second step from Booked.
                Assert.Equal(["Issued", "MarkedNoShow", "ArrivedLate"], token.History.Select(e => e.Action));
            }
            else
            {
                deskFirst++;
                Assert.Equal(["Issued", "CheckedIn"], token.History.Select(e => e.Action));
            }
        }

        Report(deskFirst);
    }

    [Fact]
    public async Task A_move_racing_the_no_show_sweep_either_moves_the_booking_or_finds_it_absent_never_both()
    {
        var deskFirst = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var day = DayOf(round);
            At(day, 8);
            var slot = await Desk.Slot((await Desk.Doctor()).Id, "09:00", "10:00", date: day);
            var colleague = await Desk.Slot((await Desk.Doctor()).Id, "09:00", "11:00", date: day);
            var booking = await Desk.Issue("book", slot.Id);

            At(day, 9, 20);
            var (move, _) = await Together(round,
                () => Desk.Client.Post($"/api/tokens/{booking.Id}/move", new { targetSlotId = colleague.Id }),
                () => NoShowSweep.SweepNoShowsAsync());

            var token = await StoredAsync(booking.Id);
            AssertOneSequence(token);
            var actions = token.History.Select(e => e.Action).ToList();
            if (move.StatusCode == HttpStatusCode.OK)
            {
                deskFirst++;
                // Moved at 09:20 into a slot where its turn starts now: not absent there either, and never in the old slot.
                Assert.Equal(["Issued", "Moved"], actions);
                Assert.Equal((colleague.Id, TokenStatus.Booked), (token.SlotId, token.Status));
            }
            else
            {
                Assert.Equal(HttpStatusCode.Conflict, move.StatusCode);
                Assert.Equal(["Issued", "MarkedNoShow"], actions);
                Assert.Equal((slot.Id, TokenStatus.NoShow), (token.SlotId, token.Status));
            }
        }

        Report(deskFirst);
    }

    /// <summary>
    /// A booking in a delayed slot whose doctor passed it over for a patient of a later slot with a long consultation:
    /// the sweep finds it absent, and a reallocation finds a colleague who can see it sooner than staying.
    /// </summary>
    [Fact]
    public async Task Reallocating_a_delayed_slot_racing_the_no_show_sweep_either_moves_the_booking_or_finds_it_absent_never_both()
    {
        var deskFirst = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var day = DayOf(round);
            At(day, 8);
            var doctor = await Desk.Doctor();
            var slot = await Desk.Slot(doctor.Id, "09:00", "10:00", date: day);
            var later = await Desk.Slot(doctor.Id, "10:00", "11:00", date: day, minutes: 30);
            var colleague = await Desk.Slot((await Desk.Doctor()).Id, "09:00", "11:00", date: day);
            var booking = await Desk.Issue("book", slot.Id);
            var walkIn = await Desk.Issue("walkin", later.Id);
            Assert.Equal(HttpStatusCode.OK, (await Desk.Client.PatchAsync($"/api/slots/{slot.Id}/delay?delay_minutes=30", null)).StatusCode);
            At(day, 9, 35);
            var called = await Calling.CallNextForDoctorAsync(doctor.Id, null, DeskUser);
            Assert.Equal(walkIn.Id, called.Value?.Id);

            At(day, 9, 50);
            var preview = await Reallocation.WhatIfReallocatedAsync(slot.Id, null);
            Assert.Equal([colleague.Id], preview.Value!.Moved.Select(m => m.ToSlotId));
            var (reallocation, _) = await Together(round,
                () => Desk.Client.Post($"/api/tokens/reallocate/{slot.Id}", null),
                () => NoShowSweep.SweepNoShowsAsync());

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
                Assert.Equal(["Issued", "MarkedNoShow"], actions);
                Assert.Equal((slot.Id, TokenStatus.NoShow), (token.SlotId, token.Status));
            }
        }

        Report(deskFirst);
    }
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpdReception.Data;
using OpdReception.Domain;
using OpdReception.Security;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>
/// #16 defect 13: the sweeps (no-show, end of day) and a desk or console action on the same token, released together,
/// many rounds over one SQLite file. Whichever goes first, exactly one of them decides the token's fate, and its
/// history reads as one sequence of steps that agrees with its status and slot. Nothing here depends on which one
/// wins a round: both orders are legal, only their mixture is not.
/// </summary>
public sealed class SweepRaceTests : ClockedAppTests
{
    private const int Rounds = 30;

    private static readonly Actor DeskUser = new("desk", "desk-user");

    private ChangeTokenStatus StatusChanges => App.Service<ChangeTokenStatus>();

    private SweepNoShows NoShowSweep => App.Service<SweepNoShows>();

    private CloseFinishedDays DayClose => App.Service<CloseFinishedDays>();

    private CallNext Calling => App.Service<CallNext>();

    private ReallocateSlot Reallocation => App.Service<ReallocateSlot>();

    private ConsoleService Console => App.Service<ConsoleService>();

    /// <summary>Each round on its own day, so the clock only moves forward and no round's sweep meets a later round's patients.</summary>
    private static DateOnly DayOf(int round, int spacing = 1) => OpdApp.Day.AddDays(round * spacing);

    private void At(DateOnly day, int hour, int minute = 0) => App.Clock.Set(day.ToDateTime(new TimeOnly(hour, minute)));

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

    /// <summary>Which side went first is the scheduler's business, not a result; it is written out only to show both orders ran.</summary>
    private static void Report(int deskFirst) =>
        TestContext.Current.TestOutputHelper?.WriteLine($"The desk's action went first in {deskFirst} of {Rounds} rounds, the sweep in {Rounds - deskFirst}.");

    /// <summary>Both calls released at once on the thread pool; odd rounds let the sweep start first.</summary>
    private static async Task<(TDesk Desk, TSweep Sweep)> Together<TDesk, TSweep>(int round, Func<Task<TDesk>> desk, Func<Task<TSweep>> sweep)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<TDesk> deskTask;
        Task<TSweep> sweepTask;
        if (round % 2 == 0)
        {
            deskTask = Task.Run(async () => { await go.Task; return await desk(); });
            sweepTask = Task.Run(async () => { await go.Task; return await sweep(); });
        }
        else
        {
            sweepTask = Task.Run(async () => { await go.Task; return await sweep(); });
            deskTask = Task.Run(async () => { await go.Task; return await desk(); });
        }

        go.SetResult();
        await Task.WhenAll(deskTask, sweepTask);
        return (await deskTask, await sweepTask);
    }

    /// <summary>Read from the file, not through the services under test.</summary>
    private async Task<Token> StoredAsync(int tokenId)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync();
        var token = await db.Tokens.AsNoTracking().Include(t => t.History).SingleAsync(t => t.Id == tokenId);
        token.History = [.. token.History.OrderBy(e => e.Id)];
        return token;
    }

    private async Task<bool> DayClosedAsync(int slotId)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync();
        return await db.Slots.Where(s => s.Id == slotId).Select(s => s.DayClosedAt != null).SingleAsync();
    }

    /// <summary>
    /// A closed day is never looked at again by either sweep: a patient left active in it would wait for ever. Both
    /// winning shows up exactly so.
    /// </summary>
    private async Task AssertClosedDayHasNobodyActiveAsync(int slotId)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync();
        var slot = await db.Slots.AsNoTracking().SingleAsync(s => s.Id == slotId);
        if (slot.DayClosedAt is null)
        {
            return;
        }

        var active = await db.Tokens.AsNoTracking()
            .Where(t => t.Slot.DoctorId == slot.DoctorId && t.Slot.Date == slot.Date)
            .Where(t => t.Status == TokenStatus.Booked || t.Status == TokenStatus.Waiting || t.Status == TokenStatus.InConsultation)
            .Select(t => new { t.Id, t.Status })
            .ToListAsync();
        Assert.True(active.Count == 0, $"The day of slot {slotId} was closed at {slot.DayClosedAt:HH:mm}, yet {string.Join(", ", active)} are still active in it.");
    }

    /// <summary>
    /// The history is one sequence: every step starts from the status the step before it left, and the last one is
    /// where the token is now. Two writers deciding on the same old status would leave two steps from it.
    /// </summary>
    private static void AssertOneSequence(Token token)
    {
        var history = token.History;
        Assert.Null(history[0].FromStatus);
        for (var i = 1; i < history.Count; i++)
        {
            Assert.True(history[i].FromStatus == history[i - 1].ToStatus,
                $"Token {token.Id}: {history[i].Action} starts from {history[i].FromStatus}, but {history[i - 1].Action} left it {history[i - 1].ToStatus}.");
        }

        Assert.Equal((token.Status, token.SlotId), (history[^1].ToStatus, history[^1].SlotId));
    }
}

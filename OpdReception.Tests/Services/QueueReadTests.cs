using OpdReception.Benchmarks;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Simulation;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Services;

/// <summary>
/// Issue 12, reads: a slot's queue and a doctor's day queue read the day's tokens in one statement, with their
/// patients, and build everything from those rows: the timeline, the views and the seats the slots show.
/// </summary>
public sealed class QueueReadTests
{
    private static readonly DateOnly Day = new(2030, 1, 7);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_slot_queue_reads_the_days_tokens_once_and_shows_the_seats_as_the_slot_list_counts_them()
    {
        var recorder = new SqlRecorder();
        await using var host = await SimulationHost.StartAsync(Day.ToDateTime(new TimeOnly(7, 0)), o => o.AddInterceptors(recorder), Ct);
        var (_, later, seen) = await DayOfTwoSlotsAsync(host.Desk);

        recorder.Operation = "queue";
        var queue = Must(await host.Desk.TokenQueries.QueueAsync(later, Ct));
        recorder.Operation = null;

        Assert.Single(recorder.Commands, c => c.Text.Contains("FROM \"Tokens\"", StringComparison.Ordinal));
        Assert.Equivalent(Must(await host.Desk.Slots.GetAsync(later, Ct)), queue.Slot, strict: true);
        Assert.Equal(3, queue.Slot.BookedCount);
        Assert.DoesNotContain(queue.Tokens, t => t.Id == seen);
        Assert.All(queue.Tokens, t => Assert.Equal(later, t.SlotId));
        // Positions are the doctor's day's: the earlier slot's two waiting patients come first.
        Assert.Equal([3, 4], queue.Tokens.Select(t => t.Position));
        Assert.All(queue.Tokens, t => Assert.Equal("Queue Patient", t.PatientName));
    }

    [Fact]
    public async Task A_day_queue_reads_the_days_tokens_once_and_lists_its_slots_with_their_seats_in_start_order()
    {
        var recorder = new SqlRecorder();
        await using var host = await SimulationHost.StartAsync(Day.ToDateTime(new TimeOnly(7, 0)), o => o.AddInterceptors(recorder), Ct);
        var (early, later, seen) = await DayOfTwoSlotsAsync(host.Desk);
        var doctor = Must(await host.Desk.Slots.GetAsync(early, Ct)).DoctorId;

        recorder.Operation = "day";
        var day = Must(await host.Desk.TokenQueries.DayQueueAsync(doctor, Day, Ct));
        recorder.Operation = null;

        Assert.Single(recorder.Commands, c => c.Text.Contains("FROM \"Tokens\"", StringComparison.Ordinal));
        Assert.Equal([early, later], day.Slots.Select(s => s.Id));
        Assert.Equivalent(new[] { Must(await host.Desk.Slots.GetAsync(early, Ct)), Must(await host.Desk.Slots.GetAsync(later, Ct)) }, day.Slots, strict: true);
        Assert.Equal([1, 2, 3, 4], day.Tokens.Select(t => t.Position));
        Assert.DoesNotContain(day.Tokens, t => t.Id == seen);
    }

    [Fact]
    public async Task A_year_of_history_leaves_every_past_day_closed_so_no_sweep_finds_work_in_it()
    {
        await using var host = await SimulationHost.StartAsync(Day.ToDateTime(new TimeOnly(7, 0)), Ct);
        var history = await YearOfHistory.SeedAsync(host.ConnectionString, Day, tokens: 20_000, ct: Ct);

        var closing = await host.Desk.CloseFinishedDays.CloseFinishedDaysAsync(Ct);

        Assert.True(history.Slots > 0);
        Assert.Equal(DayClosing.None, closing);
    }

    /// <summary>One doctor's day: two waiting in the 09:00 slot, two in the 10:00 slot and a third there already seen.</summary>
    private static async Task<(int Early, int Later, int Seen)> DayOfTwoSlotsAsync(OpdDesk desk)
    {
        var doctor = Must(await desk.Doctors.CreateAsync(new DoctorRequest("Dr. Reads", "General Medicine", Enum.GetNames<DayOfWeek>(), "3"), "test", Ct));
        // Created later-first, so start order is not creation order.
        var later = Must(await desk.Slots.CreateAsync(new SlotRequest(doctor.Id, Day, new TimeOnly(10, 0), new TimeOnly(11, 0), 10, 10), Ct));
        var early = Must(await desk.Slots.CreateAsync(new SlotRequest(doctor.Id, Day, new TimeOnly(9, 0), new TimeOnly(10, 0), 10, 10), Ct));
        async Task<TokenView> IssueAsync(int slot) =>
            Must(await desk.IssueToken.IssueAsync(new IssueRequest(slot, TokenSource.WalkIn, null, "Queue Patient", null, NewPatient: true), "test", Ct));

        var seen = await IssueAsync(later.Id);
        Must(await desk.ChangeTokenStatus.ChangeStatusAsync(seen.Id, TokenStatus.InConsultation, null, "test", Ct));
        Must(await desk.ChangeTokenStatus.ChangeStatusAsync(seen.Id, TokenStatus.Completed, null, "test", Ct));
        await IssueAsync(early.Id);
        await IssueAsync(early.Id);
        await IssueAsync(later.Id);
        await IssueAsync(later.Id);
        return (early.Id, later.Id, seen.Id);
    }

    private static T Must<T>(Result<T> result) =>
        result.IsOk ? result.Value! : throw new InvalidOperationException($"Refused: {result.Problem!.Detail}");
}

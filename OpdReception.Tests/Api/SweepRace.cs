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
/// wins a round: both orders are legal, only their mixture is not. This holds the rounds and the checks they share.
/// </summary>
public abstract class SweepRace : ClockedAppTests
{
    protected const int Rounds = 30;

    protected static readonly Actor DeskUser = new("desk", "desk-user");

    protected ChangeTokenStatus StatusChanges => App.Service<ChangeTokenStatus>();

    protected SweepNoShows NoShowSweep => App.Service<SweepNoShows>();

    protected CloseFinishedDays DayClose => App.Service<CloseFinishedDays>();

    protected CallNext Calling => App.Service<CallNext>();

    protected ReallocateSlot Reallocation => App.Service<ReallocateSlot>();

    protected ConsoleService Console => App.Service<ConsoleService>();

    /// <summary>Each round on its own day, so the clock only moves forward and no round's sweep meets a later round's patients.</summary>
    protected static DateOnly DayOf(int round, int spacing = 1) => OpdApp.Day.AddDays(round * spacing);

    protected void At(DateOnly day, int hour, int minute = 0) => App.Clock.Set(day.ToDateTime(new TimeOnly(hour, minute)));

    /// <summary>Which side went first is the scheduler's business, not a result; it is written out only to show both orders ran.</summary>
    protected static void Report(int deskFirst) =>
        TestContext.Current.TestOutputHelper?.WriteLine($"The desk's action went first in {deskFirst} of {Rounds} rounds, the sweep in {Rounds - deskFirst}.");

    /// <summary>Both calls released at once on the thread pool; odd rounds let the sweep start first.</summary>
    protected static async Task<(TDesk Desk, TSweep Sweep)> Together<TDesk, TSweep>(int round, Func<Task<TDesk>> desk, Func<Task<TSweep>> sweep)
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
    protected async Task<Token> StoredAsync(int tokenId)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync();
        var token = await db.Tokens.AsNoTracking().Include(t => t.History).SingleAsync(t => t.Id == tokenId);
        token.History = [.. token.History.OrderBy(e => e.Id)];
        return token;
    }

    protected async Task<bool> DayClosedAsync(int slotId)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync();
        return await db.Slots.Where(s => s.Id == slotId).Select(s => s.DayClosedAt != null).SingleAsync();
    }

    /// <summary>
    /// A closed day is never looked at again by either sweep: a patient left active in it would wait for ever. Both
    /// winning shows up exactly so.
    /// </summary>
    protected async Task AssertClosedDayHasNobodyActiveAsync(int slotId)
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
    protected static void AssertOneSequence(Token token)
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

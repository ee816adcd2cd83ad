using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Simulation;

namespace OpdReception.Tests.Simulation;

/// <summary>
/// The reference day played into a database of its own, then one stored row changed behind the desk's back: the
/// report reads the database itself, so each change must fail the check with its own reason.
/// </summary>
public sealed class DayReportDatabaseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Tampering => new()
    {
        { "a completed token cancelled", "the desk cancelled 1 but the database holds 2 cancelled" },
        { "a completed token marked no-show", "no-shows swept and 1 taken back, but the database holds 2 no-shows" },
        { "a token removed", "the desk issued 22 but the database holds 21" },
        { "a token moved to another doctor", "the desk counts 8 tokens but the database holds 7" },
        { "a token's source changed", "Walk-in: the desk counts 5 tokens but the database holds 4" },
        { "an extra seat forgotten by its slot", "the desk saw 1 extra seats added but the slots hold 0" },
        { "a reallocation missing from the history", "the desk saw 3 tokens moved but the history records 2 reallocations" },
        { "a slot's capacity lowered", "non-emergency patients hold seats, capacity 1" },
    };

    [Fact]
    public async Task The_untouched_day_passes()
    {
        await using var database = new TempDatabase();
        var (desk, run) = await PlayAsync(database);

        var report = await DayReports.ReadAsync(desk, run, Ct);

        Assert.Empty(report.Problems);
    }

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task A_stored_row_changed_behind_the_desk_fails_the_check(string change, string problem)
    {
        await using var database = new TempDatabase();
        var (desk, run) = await PlayAsync(database);
        await using (var db = await database.Factory.CreateDbContextAsync(Ct))
        {
            await TamperAsync(db, change);
        }

        var report = await DayReports.ReadAsync(desk, run, Ct);

        Assert.Equal(1, report.ExitCode);
        Assert.Contains(report.Problems.Concat(report.Unexpected), p => p.Contains(problem));
    }

    private static async Task<(OpdDesk, DayRun)> PlayAsync(TempDatabase database)
    {
        await database.MigrateAsync();
        var plan = ScriptedDay.Build(ScriptedDay.Date);
        var desk = OpdDesk.Create(database.Factory, database.Options, new OpdChanges(), new ManualClock(plan.At(DayPlan.DeskOpens)));
        return (desk, await new DayRunner(desk, plan, new Timeline(TextWriter.Null)).RunAsync(ct: Ct));
    }

    private static async Task TamperAsync(OpdDbContext db, string change)
    {
        var completed = db.Tokens.Where(t => t.Status == TokenStatus.Completed && t.Source != TokenSource.Emergency).OrderBy(t => t.Id);
        switch (change)
        {
            case "a completed token cancelled":
                await completed.Take(1).ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, TokenStatus.Cancelled), Ct);
                break;
            case "a completed token marked no-show":
                await completed.Take(1).ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, TokenStatus.NoShow), Ct);
                break;
            case "a token removed":
                var removed = await completed.FirstAsync(Ct);
                await db.TokenEvents.Where(e => e.TokenId == removed.Id).ExecuteDeleteAsync(Ct);
                await db.OutboxMessages.Where(m => m.TokenId == removed.Id).ExecuteDeleteAsync(Ct);
                await db.Tokens.Where(t => t.Id == removed.Id).ExecuteDeleteAsync(Ct);
                break;
            case "a token moved to another doctor":
                var rao = await db.Slots.Where(s => s.Doctor.Name == "Dr. Anita Rao").Select(s => s.Id).FirstAsync(Ct);
                var other = await db.Slots.Where(s => s.Doctor.Name != "Dr. Anita Rao").Select(s => s.Id).FirstAsync(Ct);
                await db.Tokens.Where(t => t.SlotId == rao).Take(1).ExecuteUpdateAsync(u => u.SetProperty(t => t.SlotId, other).SetProperty(t => t.TokenNumber, 99), Ct);
                break;
            case "a token's source changed":
                await db.Tokens.Where(t => t.Source == TokenSource.WalkIn).Take(1).ExecuteUpdateAsync(u => u.SetProperty(t => t.Source, TokenSource.Priority), Ct);
                break;
            case "an extra seat forgotten by its slot":
                await db.Slots.ExecuteUpdateAsync(u => u.SetProperty(s => s.EmergencyExtensions, 0), Ct);
                break;
            case "a reallocation missing from the history":
                await db.TokenEvents.Where(e => e.Action == "Reallocated").Take(1).ExecuteDeleteAsync(Ct);
                break;
            case "a slot's capacity lowered":
                var busiest = await db.Slots.OrderByDescending(s => s.Tokens.Count(t => t.Status == TokenStatus.Completed && t.Source != TokenSource.Emergency))
                    .Select(s => s.Id).FirstAsync(Ct);
                await db.Slots.Where(s => s.Id == busiest).ExecuteUpdateAsync(u => u.SetProperty(s => s.MaxCapacity, 1), Ct);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, null);
        }
    }
}

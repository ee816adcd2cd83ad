using System.Net;
using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Services;

/// <summary>
/// The doctor's pace over the real app: each completion writes the doctor's rolling summary in its own transaction,
/// and every reader of the day tells the learned time with its range.
/// </summary>
public sealed class LearnedEstimatesTests(OpdApp app) : IClassFixture<OpdApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Seven walk-ins; the doctor sees the first three for 20 minutes each, twice the slot's nominal 10.</summary>
    private static async Task<(Desk Desk, int DoctorId, List<TokenView> Tokens)> SlowMorningAsync(OpdApp on)
    {
        var desk = new Desk(on.CreateClient());
        var doctor = await desk.Doctor();
        var slot = await desk.Slot(doctor.Id, "09:00", "13:00", capacity: 20);
        on.SetTime(8, 30);
        var tokens = new List<TokenView>();
        for (var i = 0; i < 7; i++)
        {
            tokens.Add(await desk.Issue("walkin", slot.Id, name: $"Patient {(char)('A' + i)}"));
        }

        for (var i = 0; i < 3; i++)
        {
            on.Clock.Set(OpdApp.Day.ToDateTime(new TimeOnly(9, 0)).AddMinutes(i * 20));
            Assert.Equal(HttpStatusCode.OK, (await desk.Client.PostAsync($"/api/slots/{slot.Id}/call-next", null, Ct)).StatusCode);
            on.Clock.Set(OpdApp.Day.ToDateTime(new TimeOnly(9, 0)).AddMinutes((i + 1) * 20));
            Assert.Equal(HttpStatusCode.OK, (await desk.SetStatus(tokens[i].Id, "Completed")).StatusCode);
        }

        return (desk, doctor.Id, tokens);
    }

    [Fact]
    public async Task Each_completion_joins_the_doctors_pace_and_the_patients_behind_are_told_it_as_a_range()
    {
        var (desk, doctorId, tokens) = await SlowMorningAsync(app);

        await using var db = await app.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(Ct);
        var pace = await db.DoctorPaces.SingleAsync(p => p.DoctorId == doctorId, Ct);
        Assert.Equal(("20 20 20", 3, OpdApp.Day, 3), (pace.Minutes, pace.Count, pace.LastDate!.Value, pace.TodayCount));

        // Nobody with the doctor at 10:00: the fourth is next now, the seventh three consultations later.
        var last = await desk.Token(tokens[6].Id);
        Assert.True(last.EstimatedTime > OpdApp.Day.ToDateTime(new TimeOnly(10, 35)), $"told {last.EstimatedTime:t}");
        Assert.True(last.EstimatedFrom < last.EstimatedTime && last.EstimatedTime < last.EstimatedTo, $"{last.EstimatedFrom:t}–{last.EstimatedTo:t}");

        // The queue screen reads the same day as the token's own page.
        var inQueue = (await desk.Queue(last.SlotId)).Tokens.Single(t => t.Id == last.Id);
        Assert.Equal((last.EstimatedTime, last.EstimatedFrom, last.EstimatedTo), (inQueue.EstimatedTime, inQueue.EstimatedFrom, inQueue.EstimatedTo));
        var json = await desk.Client.GetStringAsync($"/api/tokens/{last.Id}", Ct);
        Assert.Contains("\"estimatedFrom\":", json, StringComparison.Ordinal);
        Assert.DoesNotContain("nominalTime", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task With_learning_off_the_estimate_is_the_nominal_one_and_no_range_is_told()
    {
        await using var nominal = new OpdApp().With("Opd:Estimates:Learn", "false");
        var (desk, _, tokens) = await SlowMorningAsync(nominal);

        var last = await desk.Token(tokens[6].Id);

        Assert.Equal(OpdApp.Day.ToDateTime(new TimeOnly(10, 30)), last.EstimatedTime);
        Assert.Null(last.EstimatedFrom);
        Assert.Null(last.EstimatedTo);
    }

    [Fact]
    public async Task The_pace_is_read_and_written_through_keys_whatever_the_size_of_the_history()
    {
        await using var db = await app.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(Ct);

        var read = await QueryPlan.ExplainAsync(db, db.DoctorPaces.Where(p => p.DoctorId == 7));
        var calledAt = await QueryPlan.ExplainAsync(db, db.TokenEvents
            .Where(e => e.TokenId == 7 && (e.Action == SlotQueues.CalledAction || e.Action == SlotQueues.RecalledAction)).Select(e => e.At));

        Assert.Contains(read, line => line.Contains("PRIMARY KEY", StringComparison.Ordinal));
        Assert.Contains(calledAt, line => line.Contains("IX_TokenEvents_TokenId", StringComparison.Ordinal));
        Assert.DoesNotContain(read.Concat(calledAt), line => line.StartsWith("SCAN", StringComparison.Ordinal));
    }
}

using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpdReception.Data;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Services;

/// <summary>Group commit: requests that queue behind a write go to disk together, and each is still decided and undone alone.</summary>
public sealed class IssueWriterTests(OpdApp app) : IClassFixture<OpdApp>
{
    private readonly Desk _desk = new(app.CreateClient());

    [Fact]
    public async Task Requests_that_queue_behind_a_write_are_committed_together_in_one_batch()
    {
        var ct = TestContext.Current.CancellationToken;
        var slot = await _desk.NewSlot(capacity: 30);
        var batches = new List<int>();
        using var listener = ListenToBatches(batches);

        var issues = await WhileAnotherWriteRunsAsync(20, ct, i => Issue(slot.Id, $"Batch Patient {i}", ct));

        var numbers = (await Task.WhenAll(issues)).Select(r => r.Value!.TokenNumber).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 20).Select(n => TokenLabels.Format("T", n)), numbers);
        lock (batches)
        {
            // The first requests may have been taken before the rest arrived; every request that queued behind the
            // other write went in one batch.
            Assert.Equal(20, batches.Sum());
            Assert.InRange(batches.Count, 1, 2);
            // On a loaded machine the writer may take most of them before the gate; a queue of a few still shows the batching.
            Assert.True(QueuedBehind >= 2 && batches.Max() >= QueuedBehind, $"batches were {string.Join(", ", batches)}, {QueuedBehind} queued behind");
        }
    }

    [Fact]
    public async Task A_request_that_fails_inside_its_batch_is_undone_alone_and_the_others_are_written()
    {
        var ct = TestContext.Current.CancellationToken;
        var slot = await _desk.NewSlot(capacity: 30);
        var factory = app.Service<IDbContextFactory<OpdDbContext>>();
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            // A real failure of SQLite in the middle of one request's statements, after its patient and number were written.
            await db.Database.ExecuteSqlRawAsync("""
                CREATE TRIGGER IF NOT EXISTS "fail_one_issue" BEFORE INSERT ON "Tokens" WHEN NEW."PatientId" IN (SELECT "Id" FROM "Patients" WHERE "Name" = 'Boom Patient')
                BEGIN SELECT RAISE(ABORT, 'injected failure'); END
                """, ct);
        }

        var issues = await WhileAnotherWriteRunsAsync(9, ct, i => Issue(slot.Id, i == 4 ? "Boom Patient" : $"Safe Patient {i}", ct));

        var failure = await Assert.ThrowsAsync<SqliteException>(() => issues[4]);
        Assert.Contains("injected failure", failure.Message);
        var written = await Task.WhenAll(issues.Where((_, i) => i != 4));
        Assert.All(written, r => Assert.True(r.IsOk));
        Assert.Equal(Enumerable.Range(1, 8).Select(n => TokenLabels.Format("T", n)), written.Select(r => r.Value!.TokenNumber).Order());
        await using var check = await factory.CreateDbContextAsync(ct);
        Assert.False(await check.Patients.AnyAsync(p => p.Name == "Boom Patient", ct));
        Assert.Equal(8, await check.Tokens.CountAsync(t => t.SlotId == slot.Id, ct));
        Assert.Equal(8, await check.TokenEvents.CountAsync(e => e.SlotId == slot.Id, ct));
        Assert.Equal(8, (await check.DoctorDayCounters.SingleAsync(d => d.DoctorId == slot.DoctorId && d.Date == slot.Date, ct)).LastTokenNumber);
    }

    [Fact]
    public async Task An_emergency_and_the_booking_it_replaces_in_one_batch_leave_the_seats_counted_right()
    {
        var ct = TestContext.Current.CancellationToken;
        var slot = await _desk.NewSlot(capacity: 3);
        var twice = (await _desk.Issue("book", (await _desk.NewSlot()).Id, name: "Twice Patient")).PatientId;
        var issues = await WhileAnotherWriteRunsAsync(4, ct, i => i switch
        {
            0 => Issue(slot.Id, "Twice Patient", ct, patientId: twice),
            1 => Issue(slot.Id, "Twice Patient", ct, TokenSource.Emergency, twice),
            _ => Issue(slot.Id, $"Other Patient {i}", ct),
        });

        var results = await Task.WhenAll(issues);
        Assert.All(results, r => Assert.True(r.IsOk, r.Problem?.Detail));
        var queue = await _desk.Queue(slot.Id);
        Assert.Equal(3, queue.Slot.BookedCount);
        Assert.Equal(0, queue.Slot.EmergencyExtensions);
        Assert.Equal(3, queue.Tokens.Count);
        Assert.Contains(queue.Tokens, t => t.PatientId == twice && t.Source == TokenSource.Emergency);
    }

    [Fact]
    public async Task A_batch_spread_over_several_doctors_answers_each_token_with_its_place_in_its_own_doctors_day()
    {
        var ct = TestContext.Current.CancellationToken;
        var slots = new List<SlotView>();
        for (var d = 0; d < 3; d++)
        {
            var doctor = await _desk.Doctor();
            slots.Add(await _desk.Slot(doctor.Id, "09:00", "10:00", capacity: 10));
            slots.Add(await _desk.Slot(doctor.Id, "10:00", "11:00", capacity: 10));

            // Earlier tokens of the day, one of them given up, so the places and seats are not the batch's alone.
            var earlier = await Issue(slots[^1].Id, $"Early Patient {d}", ct);
            await Issue(slots[^2].Id, $"Earlier Patient {d}", ct);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await _desk.SetStatus(earlier.Value!.Id, "Cancelled", "changed plans")).StatusCode);
        }

        var issues = await WhileAnotherWriteRunsAsync(12, ct, i => Issue(slots[i % slots.Count].Id, $"Spread Patient {i}", ct,
            i % 4 == 0 ? TokenSource.Emergency : TokenSource.WalkIn));

        foreach (var answer in await Task.WhenAll(issues))
        {
            Assert.True(answer.IsOk, answer.Problem?.Detail);
            var now = await _desk.Token(answer.Value!.Id);
            Assert.NotNull(answer.Value.Position);
            Assert.Equal((now.Position, now.EstimatedTime), (answer.Value.Position, answer.Value.EstimatedTime));
        }

        // Each first slot: its earlier token and two of the batch; each second: two of the batch, its cancelled one holding no seat.
        Assert.Equal(slots.Select((_, i) => i % 2 == 0 ? 3 : 2), await Task.WhenAll(slots.Select(async s => (await _desk.GetSlot(s.Id)).BookedCount)));
    }

    /// <summary>Holds the write gate while the requests queue, so they reach the writer together when it opens.</summary>
    /// <summary>How many requests were queued behind the other write when it let go.</summary>
    private int QueuedBehind { get; set; }

    private async Task<List<Task<Result<TokenView>>>> WhileAnotherWriteRunsAsync(int count, CancellationToken ct, Func<int, Task<Result<TokenView>>> issue)
    {
        var writer = app.Services.GetRequiredService<IssueWriter>();
        await using var db = await app.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(ct);
        var other = await WriteTransaction.BeginAsync(db, ct);
        try
        {
            var issues = new List<Task<Result<TokenView>>>();
            for (var i = 0; i < count; i++)
            {
                issues.Add(issue(i));
            }

            // The writer may have taken the first requests already (on a busy machine more than one may have arrived
            // before it looked); it waits at the gate with them, and the rest queue behind. Wait until all but the first
            // queue, or until the queue has stopped growing, never for ever: a test that hangs fails no one's CI.
            var last = -1;
            var steadySince = DateTime.UtcNow;
            while (writer.Waiting < count - 1 && DateTime.UtcNow - steadySince < TimeSpan.FromSeconds(2))
            {
                if (writer.Waiting != last)
                {
                    (last, steadySince) = (writer.Waiting, DateTime.UtcNow);
                }

                await Task.Delay(10, ct);
            }

            QueuedBehind = writer.Waiting;
            return issues;
        }
        finally
        {
            await other.DisposeAsync();
        }
    }

    /// <summary>For the patient on record, or for a new patient of this name.</summary>
    private Task<Result<TokenView>> Issue(int slotId, string name, CancellationToken ct, TokenSource source = TokenSource.Online, string? patientId = null) =>
        app.Service<IssueToken>().IssueAsync(new IssueRequest(slotId, source, patientId, name, null, NewPatient: patientId is null), "test", ct);

    private MeterListener ListenToBatches(List<int> batches)
    {
        var meters = app.Services.GetRequiredService<IMeterFactory>();
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Name == "opd.issue.batch.size")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<int>((_, size, _, _) =>
        {
            lock (batches)
            {
                batches.Add(size);
            }
        });
        listener.Start();
        return listener;
    }
}

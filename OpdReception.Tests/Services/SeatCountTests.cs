using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Services;

/// <summary>
/// Every place that counts a slot's seats (the screens' SQL, a loaded slot, the doctor's day, the issuing statement)
/// counts the same tokens: one definition, whichever way the rows were read.
/// </summary>
public sealed class SeatCountTests(OpdApp app) : IClassFixture<OpdApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_reading_of_a_slot_counts_the_same_seats_from_a_token_in_each_status()
    {
        var desk = new Desk(app.CreateClient());
        var doctor = await desk.Doctor();
        var slot = await desk.Slot(doctor.Id, "09:00", "10:00", capacity: 10);
        app.SetTime(9);
        var seen = await desk.Issue("walkin", slot.Id);
        Assert.Equal(HttpStatusCode.OK, (await desk.Client.PostAsync($"/api/slots/{slot.Id}/call-next", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await desk.SetStatus(seen.Id, "Completed")).StatusCode);
        await desk.Issue("walkin", slot.Id);
        Assert.Equal(HttpStatusCode.OK, (await desk.Client.PostAsync($"/api/slots/{slot.Id}/call-next", null)).StatusCode);
        await desk.Issue("emergency", slot.Id);
        await desk.Issue("book", slot.Id);
        var absent = await desk.Issue("book", slot.Id);
        Assert.Equal(HttpStatusCode.OK, (await desk.SetStatus(absent.Id, "NoShow")).StatusCode);
        var gone = await desk.Issue("emergency", slot.Id, name: "Ravi Kumar");
        Assert.Equal(HttpStatusCode.OK, (await desk.SetStatus(gone.Id, "Cancelled", "Went to another hospital")).StatusCode);

        await using var db = await app.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(Ct);
        var bySql = await db.Slots.Where(s => s.Id == slot.Id).Select(Projections.SlotState).SingleAsync(Ct);
        var loaded = (await SlotQueues.LoadForChangeAsync(db, slot.Id, Ct))!.ToState();
        var ofDay = (await SlotQueues.DayStateAsync(db, doctor.Id, OpdApp.Day, Ct)).Slots.Single(s => s.Slot.Id == slot.Id).Slot;
        var view = await desk.GetSlot(slot.Id);
        SlotState forIssue;
        await using (var tx = await WriteTransaction.BeginAsync(db, Ct))
        {
            using var sql = new IssueStatements((SqliteConnection)db.Database.GetDbConnection(), tx.Sqlite);
            forIssue = sql.Slot(slot.Id)!.State;
        }

        Assert.Equal((4, 1, 2), (bySql.SeatsTaken, bySql.EmergencySeats, bySql.WalkInSeats));
        // A slot loaded for a status change hands out no labels, so it does not read its day's label counter.
        Assert.Equal(bySql with { LastTokenNumber = 0 }, loaded);
        Assert.Equal(bySql, ofDay);
        Assert.Equal(bySql, forIssue);
        Assert.Equal((4, 6), (view.BookedCount, view.AvailableSeats));
    }
}

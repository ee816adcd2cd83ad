using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using OpdReception.Data;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Platform;

/// <summary>
/// The migration to labels per doctor's day: open days from today on are renumbered in issue order across the
/// doctor's slots; closed and past days keep the labels their patients were given; every day gets its counter.
/// </summary>
public sealed class LabelMigrationTests
{
    private const string BeforeLabels = "20261129223751_AdminSetup";

    [Fact]
    public async Task Open_days_are_renumbered_across_the_doctors_slots_in_issue_order_and_past_days_keep_their_labels()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var connection = $"Data Source={folder.File("old.db")};Pooling=False";
        await using var db = new OpdDbContext(new DbContextOptionsBuilder<OpdDbContext>().UseSqlite(connection).Options);
        await db.GetService<IMigrator>().MigrateAsync(BeforeLabels, ct);

        // The real clock: the migration renumbers by SQLite's own date.
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1).ToString("yyyy-MM-dd");
        var past = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-10).ToString("yyyy-MM-dd");
        // Dates of the test's own making, not input: the rows as the app before this migration wrote them.
        var rows = $"""
            INSERT INTO Doctors (Id, Name, Specialization, OpdDays, Room, Version) VALUES (1, 'Dr. Old', 'Cardiology', '[]', '1', 0);
            INSERT INTO Patients (Id, Name) VALUES ('P1', 'One'), ('P2', 'Two'), ('P3', 'Three'), ('P4', 'Four');
            INSERT INTO Slots (Id, DoctorId, Date, StartTime, EndTime, MaxCapacity, MinutesPerConsultation, DelayMinutes, Status,
                               EmergencyExtensions, LastTokenNumber, ExtraSession, DayClosedAt, Version) VALUES
                (1, 1, '{tomorrow}', '09:00:00', '10:00:00', 6, 10, 0, 'Open', 0, 2, 0, NULL, 0),
                (2, 1, '{tomorrow}', '10:00:00', '11:00:00', 6, 10, 0, 'Open', 0, 2, 0, NULL, 0),
                (3, 1, '{past}', '09:00:00', '10:00:00', 6, 10, 0, 'Closed', 0, 1, 0, '{past} 18:00:00', 0),
                (4, 1, '{past}', '10:00:00', '11:00:00', 6, 10, 0, 'Closed', 0, 1, 0, '{past} 18:00:00', 0);
            INSERT INTO Tokens (Id, SlotId, PatientId, Source, Status, TokenNumber, PriorityScore, IssuedAt, QueuedAt, InSlotSince, Code, Version) VALUES
                (10, 1, 'P1', 'Online', 'Booked', 1, 200, '{tomorrow} 08:00:00', '{tomorrow} 08:00:00', '{tomorrow} 08:00:00', 'c10', 0),
                (11, 2, 'P2', 'Online', 'Booked', 1, 200, '{tomorrow} 08:01:00', '{tomorrow} 08:01:00', '{tomorrow} 08:01:00', 'c11', 0),
                (12, 1, 'P3', 'Online', 'Cancelled', 2, 200, '{tomorrow} 08:02:00', '{tomorrow} 08:02:00', '{tomorrow} 08:02:00', 'c12', 0),
                (13, 2, 'P4', 'Online', 'Booked', 2, 200, '{tomorrow} 08:03:00', '{tomorrow} 08:03:00', '{tomorrow} 08:03:00', 'c13', 0),
                (20, 3, 'P1', 'WalkIn', 'Completed', 1, 100, '{past} 09:00:00', '{past} 09:00:00', '{past} 09:00:00', 'c20', 0),
                (21, 4, 'P2', 'WalkIn', 'Completed', 1, 100, '{past} 10:00:00', '{past} 10:00:00', '{past} 10:00:00', 'c21', 0);
            """;
        await db.Database.ExecuteSqlRawAsync(rows, ct);

        await db.Database.MigrateAsync(ct);

        var numbers = await db.Tokens.OrderBy(t => t.Id).Select(t => new { t.Id, t.TokenNumber }).ToDictionaryAsync(t => t.Id, t => t.TokenNumber, ct);
        Assert.Equal([1, 2, 3, 4], new[] { numbers[10], numbers[11], numbers[12], numbers[13] });
        Assert.Equal([1, 1], new[] { numbers[20], numbers[21] });
        var counters = await db.DoctorDayCounters.OrderBy(c => c.Date).Select(c => c.LastTokenNumber).ToListAsync(ct);
        Assert.Equal([1, 4], counters);
        Assert.Equal("T", (await db.Doctors.SingleAsync(ct)).LabelPrefix);
        SqliteConnection.ClearAllPools();
    }
}

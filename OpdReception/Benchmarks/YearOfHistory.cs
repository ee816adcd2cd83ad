using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace OpdReception.Benchmarks;

/// <summary>What a year of a busy OPD left behind in the database.</summary>
public sealed record History(int Doctors, int Slots, int Tokens, int Patients, int Events, TimeSpan Took);

/// <summary>
/// Fills a migrated database with a year of finished OPD days before <c>today</c>, in bulk SQL rather than through
/// the services, so a million tokens take seconds: 20 doctors, 7 slots a day Monday to Saturday, every token
/// completed, cancelled or a no-show, each with the history line of its issue. Patients come back: every patient
/// id holds several tokens over the year, as a hospital number does.
/// </summary>
public static class YearOfHistory
{
    public const int Doctors = 20;
    private static readonly int[] SlotHours = [9, 10, 11, 12, 14, 15, 16];

    /// <summary>The first patient id of the history; ids run H0000001 upwards.</summary>
    public const string FirstPatientId = "H0000001";

    public static async Task<History> SeedAsync(string connectionString, DateOnly today, int tokens = 1_000_000, CancellationToken ct = default)
    {
        var took = Stopwatch.StartNew();
        var days = Enumerable.Range(1, 365).Select(d => today.AddDays(-d)).Where(d => d.DayOfWeek != DayOfWeek.Sunday).Order().ToList();
        var slots = days.Count * Doctors * SlotHours.Length;
        var perSlot = (int)Math.Ceiling((double)tokens / slots);
        var patients = Math.Max(1, tokens / 5);

        // Bulk speed: no journal while writing (the file is thrown away if this fails), and the token indexes built
        // once at the end by sorting instead of row by row. The file goes back to write-ahead logging afterwards.
        await using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
        await connection.OpenAsync(ct);
        await ExecuteAsync(connection, "PRAGMA journal_mode = DELETE; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -200000; PRAGMA temp_store = MEMORY;", ct);
        var indexes = await IndexesAsync(connection, ct);
        foreach (var (name, _) in indexes)
        {
            await ExecuteAsync(connection, $"DROP INDEX \"{name}\";", ct);
        }

        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);

        var doctorBase = await ScalarAsync(connection, tx, "SELECT COALESCE(MAX(Id), 0) FROM Doctors", ct);
        var slotBase = await ScalarAsync(connection, tx, "SELECT COALESCE(MAX(Id), 0) FROM Slots", ct);
        var tokenBase = await ScalarAsync(connection, tx, "SELECT COALESCE(MAX(Id), 0) FROM Tokens", ct);

        await ExecuteAsync(connection, tx, $"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {Doctors})
            INSERT INTO Doctors (Id, Name, Specialization, OpdDays, Room)
            SELECT {doctorBase} + i, printf('Dr. History %02d', i),
                   CASE i % 4 WHEN 0 THEN 'Cardiology' WHEN 1 THEN 'Orthopaedics' WHEN 2 THEN 'Paediatrics' ELSE 'General Medicine' END,
                   '[1,2,3,4,5,6]', printf('H%02d', i)
            FROM n;
            """, ct);

        // Days, doctors and hours as small tables, so each slot is one row of their product, in date order. Each day
        // was closed that evening, as the app's sweep closes every day that is over, so no sweep finds a year of open days.
        await ExecuteAsync(connection, tx, "CREATE TEMP TABLE history_days (d INTEGER PRIMARY KEY, date TEXT NOT NULL);", ct);
        await ExecuteAsync(connection, tx, "INSERT INTO history_days (d, date) VALUES " +
            string.Join(", ", days.Select((d, i) => $"({i}, '{d:yyyy-MM-dd}')")) + ";", ct);
        await ExecuteAsync(connection, tx, "CREATE TEMP TABLE history_hours (h INTEGER PRIMARY KEY, hour INTEGER NOT NULL);", ct);
        await ExecuteAsync(connection, tx, "INSERT INTO history_hours (h, hour) VALUES " +
            string.Join(", ", SlotHours.Select((h, i) => $"({i}, {h})")) + ";", ct);
        await ExecuteAsync(connection, tx, $"""
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {Doctors - 1})
            INSERT INTO Slots (Id, DoctorId, Date, StartTime, EndTime, MaxCapacity, MinutesPerConsultation, DelayMinutes,
                               Status, StatusReason, EmergencyExtensions, ExtraSession, DayClosedAt)
            SELECT {slotBase} + 1 + (d.d * {Doctors} + n.i) * {SlotHours.Length} + h.h, {doctorBase} + 1 + n.i, d.date,
                   printf('%02d:00:00', h.hour), printf('%02d:00:00', h.hour + 1), {perSlot}, 10, 0,
                   'Closed', 'Day over', 0, 0, d.date || ' 18:00:00'
            FROM history_days d, n, history_hours h
            ORDER BY d.d, n.i, h.h;
            """, ct);

        // Each doctor's day handed out one run of labels across its hours, as the app does.
        await ExecuteAsync(connection, tx, $"""
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {Doctors - 1})
            INSERT INTO DoctorDayCounters (DoctorId, Date, LastTokenNumber)
            SELECT {doctorBase} + 1 + n.i, d.date, {perSlot * SlotHours.Length}
            FROM history_days d, n;
            """, ct);

        await ExecuteAsync(connection, tx, $"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {patients})
            INSERT OR IGNORE INTO Patients (Id, Name, Phone)
            SELECT printf('H%07d', i), printf('History Patient %d', i), printf('+91 9%09d', i) FROM n;
            """, ct);

        // Token k sits in slot k / perSlot; labels run across the doctor's day, so its number is its place in that day; one in twenty is a no-show, one in twenty cancelled.
        await ExecuteAsync(connection, tx, $"""
            WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < {slots * perSlot - 1})
            INSERT INTO Tokens (Id, SlotId, PatientId, Source, Status, TokenNumber, PriorityScore, IssuedAt, QueuedAt,
                                CheckedInAt, NoShowAt, CancellationReason, InSlotSince, Code)
            SELECT {tokenBase} + 1 + i, s.Id, printf('H%07d', (i * 7919) % {patients} + 1),
                   CASE i % 5 WHEN 0 THEN 'Online' WHEN 1 THEN 'WalkIn' WHEN 2 THEN 'Priority' WHEN 3 THEN 'FollowUp' ELSE 'Online' END,
                   CASE i % 20 WHEN 0 THEN 'NoShow' WHEN 1 THEN 'Cancelled' ELSE 'Completed' END,
                   i % {perSlot * SlotHours.Length} + 1,
                   CASE i % 5 WHEN 0 THEN 200 WHEN 1 THEN 100 WHEN 2 THEN 500 WHEN 3 THEN 300 ELSE 200 END,
                   s.Date || ' 08:00:00', s.Date || ' 08:00:00',
                   CASE i % 20 WHEN 0 THEN NULL WHEN 1 THEN NULL ELSE s.Date || ' 08:30:00' END,
                   CASE i % 20 WHEN 0 THEN s.Date || ' 12:00:00' ELSE NULL END,
                   CASE i % 20 WHEN 1 THEN 'Called in: cannot come' ELSE NULL END,
                   s.Date || ' 08:00:00', printf('y%015x', {tokenBase} + 1 + i)
            FROM k JOIN Slots s ON s.Id = {slotBase} + 1 + i / {perSlot};
            """, ct);

        await ExecuteAsync(connection, tx, $"""
            INSERT INTO TokenEvents (TokenId, At, Action, FromStatus, ToStatus, SlotId, TokenNumber, By, Reason)
            SELECT Id, IssuedAt, 'Issued', NULL, CASE WHEN Source IN ('Online', 'FollowUp') THEN 'Booked' ELSE 'Waiting' END,
                   SlotId, TokenNumber, 'history', Source || ' token'
            FROM Tokens WHERE Id > {tokenBase};
            """, ct);

        await tx.CommitAsync(ct);
        foreach (var (_, sql) in indexes)
        {
            await ExecuteAsync(connection, sql + ";", ct);
        }

        await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", ct);

        // No ANALYZE: the app never runs it, so the planner must find the indexes without statistics, as it will in a hospital.
        var written = slots * perSlot;
        return new History(Doctors, slots, written, patients, written, took.Elapsed);
    }

    /// <summary>The indexes of the two big tables, as the migrations created them.</summary>
    private static async Task<List<(string Name, string Sql)>> IndexesAsync(SqliteConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('Tokens', 'TokenEvents') AND sql IS NOT NULL";
        await using var reader = await command.ExecuteReaderAsync(ct);
        var indexes = new List<(string, string)>();
        while (await reader.ReadAsync(ct))
        {
            indexes.Add((reader.GetString(0), reader.GetString(1)));
        }

        return indexes;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct) =>
        await ExecuteAsync(connection, null, sql, ct);

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? tx, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, SqliteTransaction tx, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}

using Microsoft.Data.Sqlite;

namespace OpdReception.Benchmarks;

/// <summary>
/// The floor under any acknowledged write on this disk: one row per transaction, straight through Microsoft.Data.Sqlite,
/// one after another on one connection, with the app's pragmas (WAL, synchronous=FULL, busy timeout, foreign keys), in
/// the folder that holds the app's database. A server that commits once per token cannot beat it; only more than one
/// token per commit can.
/// </summary>
public static class RawCeiling
{
    public static async Task<Measurement> MeasureAsync(string folder, int count, CancellationToken ct)
    {
        var file = Path.Combine(folder, "raw-ceiling.db");
        try
        {
            await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
            await connection.OpenAsync(ct);
            await using (var setup = connection.CreateCommand())
            {
                setup.CommandText = """
                    PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;
                    CREATE TABLE Tokens (Id INTEGER PRIMARY KEY, SlotId INTEGER NOT NULL, TokenNumber INTEGER NOT NULL, PatientId TEXT NOT NULL);
                    """;
                await setup.ExecuteNonQueryAsync(ct);
            }

            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO Tokens (SlotId, TokenNumber, PatientId) VALUES (1, $n, $p)";
            var number = insert.Parameters.Add("$n", SqliteType.Integer);
            var patient = insert.Parameters.Add("$p", SqliteType.Text);

            // A few untimed commits first, as the app is warmed up before its figures.
            for (var i = 0; i < 20; i++)
            {
                await InsertAsync(connection, insert, number, patient, -i, ct);
            }

            return await Measurement.TimeAsync("raw durable insert", count, i => InsertAsync(connection, insert, number, patient, i, ct));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var leftover in new[] { file, file + "-wal", file + "-shm" }.Where(File.Exists))
            {
                File.Delete(leftover);
            }
        }
    }

    private static async Task InsertAsync(SqliteConnection connection, SqliteCommand insert, SqliteParameter number, SqliteParameter patient, int i, CancellationToken ct)
    {
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        insert.Transaction = tx;
        number.Value = i;
        patient.Value = $"BP{i:0000000}";
        await insert.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }
}

using Microsoft.Data.Sqlite;

namespace OpdReception.Data;

/// <summary>
/// `backup &lt;file&gt;` copies the live database with SQLite's online backup API: one read transaction, so the copy
/// is a consistent moment even while desks keep writing. `restore &lt;file&gt;` puts a copy back, only while no app
/// has the database open, and keeps the database it replaces next to it. With OPD_BACKUP_KEY set a backup is
/// encrypted (<see cref="BackupCipher"/>); every file either command writes is 0600.
/// </summary>
public static class BackupCommand
{
    public const string Usage = "Usage: backup <file> | restore <file> (the database is the app's own: ConnectionStrings:Opd; "
        + "with OPD_BACKUP_KEY set, backup writes <file>.enc, encrypted, and restore decrypts)";

    public static int Run(string[] args, TextWriter output)
    {
        if (args is not [var verb and ("backup" or "restore"), var file, .. var rest] || file.StartsWith('-'))
        {
            output.WriteLine(Usage);
            return 2;
        }

        var key = BackupKey.FromEnvironment();
        if (key is BackupKey.Invalid invalid)
        {
            output.WriteLine(invalid.Reason);
            return 1;
        }

        var settings = WebApplication.CreateBuilder(rest);
        var live = OpdDatabase.DataFile(OpdDatabase.ConnectionString(settings.Configuration, settings.Environment.ContentRootPath));
        try
        {
            return verb == "backup" ? Backup(live, Path.GetFullPath(file), key, output) : Restore(live, Path.GetFullPath(file), key, output);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            output.WriteLine($"The {verb} failed and changed nothing: {ex.Message}");
            return 1;
        }
    }

    private static int Backup(string live, string target, BackupKey key, TextWriter output)
    {
        if (!File.Exists(live))
        {
            output.WriteLine($"There is no database at {live}.");
            return 1;
        }

        if (key is BackupKey.NotSet && target.EndsWith(BackupCipher.Extension, StringComparison.OrdinalIgnoreCase))
        {
            output.WriteLine($"{target} is named as an encrypted backup, but {BackupCipher.KeyVariable} is not set: set it, or give a name without {BackupCipher.Extension}.");
            return 1;
        }

        if (key is BackupKey.Given && !target.EndsWith(BackupCipher.Extension, StringComparison.OrdinalIgnoreCase))
        {
            target += BackupCipher.Extension;
        }

        PrivateFiles.EnsureFolder(Path.GetDirectoryName(target));
        var partial = target + ".partial";
        try
        {
            Copy(live, partial, SqliteOpenMode.ReadWrite);
            var copy = Inspect(partial);
            if (!copy.IsSound)
            {
                output.WriteLine($"The copy of {live} failed its check and was not kept: {copy.Problem}");
                return 1;
            }

            if (key is BackupKey.Given given)
            {
                var plain = partial;
                partial = target + ".sealing";
                Seal(plain, partial, given);
                File.Delete(plain);
            }

            // The finished copy appears under its name in one step, so a half-written backup never looks like one.
            File.Move(partial, target, overwrite: true);
            output.WriteLine($"Backed up {live} to {target}{(key is BackupKey.Given ? $" (encrypted with {BackupCipher.KeyVariable})" : "")}: {copy}.");
            return 0;
        }
        finally
        {
            File.Delete(target + ".partial");
            File.Delete(target + ".sealing");
        }
    }

    /// <summary>Encrypts, then decrypts what it wrote, so a backup that would not open is never kept.</summary>
    private static void Seal(string plain, string sealedFile, BackupKey.Given key)
    {
        using (var from = File.OpenRead(plain))
        using (var to = PrivateFiles.Open(sealedFile, FileMode.Create, FileAccess.Write))
        {
            BackupCipher.Encrypt(from, to, key);
        }

        using var check = File.OpenRead(sealedFile);
        if (BackupCipher.Decrypt(check, Stream.Null, key) is BackupDecryption.Refused refused)
        {
            throw new IOException($"The encrypted copy did not decrypt: {refused.Reason}.");
        }
    }

    private static int Restore(string live, string source, BackupKey key, TextWriter output)
    {
        if (!File.Exists(source))
        {
            output.WriteLine($"There is no backup at {source}.");
            return 1;
        }

        if (!BackupCipher.IsEncrypted(source))
        {
            return Restore(live, source, source, output);
        }

        if (key is not BackupKey.Given given)
        {
            output.WriteLine($"{source} is encrypted: set {BackupCipher.KeyVariable} to the key it was made with. Nothing was changed.");
            return 1;
        }

        // Decrypted beside the database, in its private folder, and only whole: a wrong key stops before anything is touched.
        var opened = live + ".restoring";
        try
        {
            using (var from = File.OpenRead(source))
            using (var to = PrivateFiles.Open(opened, FileMode.Create, FileAccess.Write))
            {
                if (BackupCipher.Decrypt(from, to, given) is BackupDecryption.Refused refused)
                {
                    output.WriteLine($"{source} cannot be restored: {refused.Reason}. Nothing was changed.");
                    return 1;
                }
            }

            return Restore(live, opened, source, output);
        }
        finally
        {
            File.Delete(opened);
        }
    }

    private static int Restore(string live, string source, string named, TextWriter output)
    {
        var backup = Inspect(source);
        if (!backup.IsSound)
        {
            output.WriteLine($"{named} cannot be restored: {backup.Problem}");
            return 1;
        }

        using var alone = DatabaseInUse.TryExclusive(live);
        if (alone is null)
        {
            output.WriteLine($"The app is running on {live}: stop it, then restore.");
            return 1;
        }

        string? kept = null;
        if (File.Exists(live))
        {
            kept = $"{live}.before-restore-{DateTime.UtcNow:yyyyMMdd-HHmmss}";
            Copy(live, kept, SqliteOpenMode.ReadWrite);
        }

        PrivateFiles.EnsureFile(live);
        using (var from = Open(source, SqliteOpenMode.ReadOnly))
        using (var to = Open(live, SqliteOpenMode.ReadWriteCreate))
        {
            // Exclusive locking fails at once if any other program still has the file open.
            Execute(to, "PRAGMA busy_timeout = 0; PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;");
            from.BackupDatabase(to);
            Execute(to, "PRAGMA journal_mode = WAL; PRAGMA wal_checkpoint(TRUNCATE);");
        }

        var restored = Inspect(live);
        output.WriteLine($"Restored {named} into {live}: {restored}."
            + (kept is null ? "" : $" The database it replaced is kept at {kept}."));
        return restored.IsSound ? 0 : 1;
    }

    /// <summary>A consistent copy in one file (rollback journal), readable by any SQLite tool.</summary>
    private static void Copy(string from, string to, SqliteOpenMode mode)
    {
        File.Delete(to);
        PrivateFiles.EnsureFile(to);
        using var source = Open(from, mode);
        using var target = Open(to, SqliteOpenMode.ReadWriteCreate);
        source.BackupDatabase(target);
        Execute(target, "PRAGMA journal_mode = DELETE;");
    }

    private static Contents Inspect(string file)
    {
        using var db = Open(file, SqliteOpenMode.ReadOnly);
        try
        {
            var integrity = Scalar(db, "PRAGMA integrity_check;");
            if (integrity != "ok")
            {
                return new Contents(0, 0, $"integrity check says {integrity}");
            }

            return Scalar(db, "SELECT count(*) FROM sqlite_master WHERE name = '__EFMigrationsHistory';") == "1"
                ? new Contents(int.Parse(Scalar(db, "SELECT count(*) FROM Tokens;")), int.Parse(Scalar(db, "SELECT count(*) FROM Slots;")), null)
                : new Contents(0, 0, "it is not an OpdReception database");
        }
        catch (SqliteException ex)
        {
            return new Contents(0, 0, ex.Message);
        }
    }

    private static SqliteConnection Open(string file, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout = 10000;");
        return connection;
    }

    private static void Execute(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Scalar(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    private sealed record Contents(int Tokens, int Slots, string? Problem)
    {
        public bool IsSound => Problem is null;

        public override string ToString() => $"{Tokens} tokens in {Slots} slots, integrity ok";
    }
}

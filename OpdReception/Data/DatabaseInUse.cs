namespace OpdReception.Data;

/// <summary>
/// A running app holds a shared lock on "&lt;database&gt;.inuse"; a restore takes it exclusively. So a restore never
/// overwrites the file under a running app, and an app cannot start in the middle of a restore. The operating
/// system lets go of the lock when the process ends, however it ends.
/// </summary>
public sealed class DatabaseInUse : IDisposable
{
    private readonly FileStream _lock;

    private DatabaseInUse(FileStream stream) => _lock = stream;

    public static string LockFile(string databaseFile) => databaseFile + ".inuse";

    /// <summary>For the app: many may share the file, none while a restore holds it.</summary>
    public static DatabaseInUse Shared(string databaseFile)
    {
        try
        {
            return new DatabaseInUse(PrivateFiles.Open(LockFile(databaseFile), FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite));
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException($"The database {databaseFile} is being restored; start the app when the restore has finished.", ex);
        }
    }

    /// <summary>For a restore: null while any app has the database open.</summary>
    public static DatabaseInUse? TryExclusive(string databaseFile)
    {
        try
        {
            return new DatabaseInUse(PrivateFiles.Open(LockFile(databaseFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _lock.Dispose();
}

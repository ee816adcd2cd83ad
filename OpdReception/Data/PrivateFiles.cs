namespace OpdReception.Data;

/// <summary>
/// The database holds patients' names and phones, so its files are the app's account's alone: folders 0700 when the app
/// makes them, files 0600. .NET has no umask, so every file is created with its mode rather than fixed afterwards.
/// SQLite gives its -wal and -shm the database file's own mode, which is why the database is created here, empty,
/// before SQLite first opens it.
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode Others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public static string[] DatabaseFiles(string database) =>
        [database, database + "-wal", database + "-shm", database + "-journal", DatabaseInUse.LockFile(database)];

    /// <summary>A folder made for the app is 0700; one that already exists (/var/lib/opd, a shared temp folder) keeps its mode.</summary>
    public static void EnsureFolder(string? folder)
    {
        if (string.IsNullOrEmpty(folder) || Directory.Exists(folder))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, FolderMode);
        }
    }

    /// <summary>Creates <paramref name="file"/> empty and 0600 when missing (SQLite takes an empty file for a new database).</summary>
    public static void EnsureFile(string file)
    {
        EnsureFolder(Path.GetDirectoryName(file));
        using var _ = Open(file, System.IO.FileMode.OpenOrCreate, FileAccess.Write);
    }

    /// <summary>A stream on a new or truncated file that nobody else may read.</summary>
    public static FileStream Open(string file, FileMode mode, FileAccess access, FileShare share = FileShare.None)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        return new FileStream(file, options);
    }

    /// <summary>Takes group and other access away from the database's files; returns the ones it had to change.</summary>
    public static IReadOnlyList<string> Tighten(string database)
    {
        if (OperatingSystem.IsWindows())
        {
            return [];
        }

        var changed = new List<string>();
        foreach (var file in DatabaseFiles(database).Where(File.Exists))
        {
            var mode = File.GetUnixFileMode(file);
            if ((mode & Others) != 0)
            {
                File.SetUnixFileMode(file, mode & ~Others);
                changed.Add(file);
            }
        }

        return changed;
    }

    /// <summary>The folder is shared with other accounts (for the operator's attention; it is not changed).</summary>
    public static bool FolderIsOpen(string folder) =>
        !OperatingSystem.IsWindows() && Directory.Exists(folder) && (File.GetUnixFileMode(folder) & (UnixFileMode.OtherRead | UnixFileMode.OtherExecute)) != 0
        && (File.GetUnixFileMode(folder) & UnixFileMode.StickyBit) == 0;
}

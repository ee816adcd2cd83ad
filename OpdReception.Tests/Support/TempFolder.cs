namespace OpdReception.Tests.Support;

/// <summary>A folder of the test's own under the temp folder, removed when the test ends.</summary>
public sealed class TempFolder : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("opd-test-");

    public string File(string name) => System.IO.Path.Combine(_folder.FullName, name);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file a killed process still held is left to the temp folder's own cleanup.
        }
    }
}

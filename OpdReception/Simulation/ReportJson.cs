using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpdReception.Simulation;

/// <summary>The whole day's report as JSON, so figures can be compared from run to run (`simulate --json FILE`).</summary>
public static class ReportJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize<T>(T report) => JsonSerializer.Serialize(report, Options);

    /// <param name="report">A day's <see cref="DayReport"/>, or the <see cref="SeedsSummary"/> of several.</param>
    public static async Task WriteAsync<T>(T report, string path, CancellationToken ct)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllTextAsync(full, Serialize(report), ct);
    }
}

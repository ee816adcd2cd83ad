using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpdReception.Benchmarks;

/// <summary>
/// One line of the table: a figure, its value in words and as a number, and, where it has one, the baseline it is
/// read against (measured in the same run) with the ratio value/baseline.
/// </summary>
public sealed record BenchRow(string Group, string Figure, string Value, double? Number, string? Unit, string? Baseline = null, double? Ratio = null)
{
    /// <summary>The figures behind <see cref="Value"/> as numbers, for comparing runs by program (p50Ms, serverCores, ...).</summary>
    public IReadOnlyDictionary<string, double>? Details { get; init; }
}

/// <summary>Every slot the run issued into, checked through the API after the issuing stopped.</summary>
public sealed record CorrectnessCheck(int Slots, int Acknowledged, int Found, IReadOnlyList<string> Problems)
{
    public bool Passed => Problems.Count == 0;
}

/// <summary>The whole run: where it ran, what it measured, whether every slot came out right, and what it could not measure.</summary>
public sealed record BenchReport(
    string Mode, DateTimeOffset StartedAt, TimeSpan Took, MachineInfo Machine, IReadOnlyList<string> Settings,
    IReadOnlyList<BenchRow> Rows, CorrectnessCheck? Correctness, IReadOnlyList<string> Notes)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // People read this file too: "·" and "'" as they are, not as \u escapes.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The console table: the ratio before the value, so the column people compare lines up.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        foreach (var group in Rows.GroupBy(r => r.Group))
        {
            var baselines = group.Select(r => r.Baseline).OfType<string>().Distinct().ToList();
            var width = group.Max(r => r.Figure.Length);
            text.AppendLine();
            text.AppendLine(group.Key + (baselines.Count > 0 ? $" (ratio: of {string.Join("; ", baselines)})" : ""));
            foreach (var row in group)
            {
                text.AppendLine(string.Format(CultureInfo.InvariantCulture, "  {0}  {1,7}  {2}",
                    row.Figure.PadRight(width), row.Ratio is { } ratio ? Ratio(ratio) : "", row.Value));
            }
        }

        return text.ToString();
    }

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# OpdReception benchmark ({Mode}, {StartedAt:yyyy-MM-dd HH:mm} UTC, {Took.TotalSeconds:0} s)");
        md.AppendLine();
        md.AppendLine(Machine.ToMarkdown());
        md.AppendLine();
        md.AppendLine("Settings: " + string.Join("; ", Settings) + ".");
        md.AppendLine();
        md.AppendLine("| figure | value | baseline | ratio |");
        md.AppendLine("| --- | --- | --- | --- |");
        foreach (var group in Rows.GroupBy(r => r.Group))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| **{group.Key}** | | | |");
            foreach (var row in group)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {row.Figure} | {row.Value} | {row.Baseline ?? ""} | {(row.Ratio is { } r ? Ratio(r) : "")} |");
            }
        }

        md.AppendLine();
        if (Correctness is { } check)
        {
            var outcome = check.Passed ? "; no duplicate number, none over capacity." : ": " + string.Join("; ", check.Problems.Take(10));
            md.AppendLine(CultureInfo.InvariantCulture,
                $"Correctness: {(check.Passed ? "passed" : "FAILED")}: {check.Slots} slots, {check.Acknowledged:N0} tokens acknowledged with 201, {check.Found:N0} found through the API{outcome}");
            md.AppendLine();
        }

        foreach (var note in Notes)
        {
            md.AppendLine("- " + note);
        }

        return md.ToString();
    }

    public static string Ratio(double ratio) => ratio switch
    {
        >= 100 => ratio.ToString("0", CultureInfo.InvariantCulture) + "x",
        >= 10 => ratio.ToString("0.0", CultureInfo.InvariantCulture) + "x",
        _ => ratio.ToString("0.00", CultureInfo.InvariantCulture) + "x",
    };

    /// <summary>Numbers as people read them: 1,234.5 ms stays 1,235 ms, 0.4 ms keeps its decimals.</summary>
    public static string Number(double value) => value switch
    {
        >= 100 => value.ToString("N0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => value.ToString("0.00", CultureInfo.InvariantCulture),
    };
}

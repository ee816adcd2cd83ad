using System.Globalization;
using System.Runtime.InteropServices;

namespace OpdReception.Benchmarks;

/// <summary>Where the figures came from: they mean little without the machine, its disk, and how busy it was.</summary>
public sealed record MachineInfo(int Cores, string Cpu, string Os, string Dotnet, string Build, string DiskFolder, string FileSystem, string LoadAtStart, string? LoadAtEnd = null)
{
    public static MachineInfo Read(string diskFolder) => new(
        Environment.ProcessorCount,
        CpuModel(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        BuildOf(typeof(Program).Assembly),
        diskFolder,
        FileSystemOf(diskFolder),
        Load());

    public MachineInfo Finished() => this with { LoadAtEnd = Load() };

    public string ToMarkdown() =>
        $"Machine: {Cores} cores ({Cpu}), {Os}, {Dotnet}, {Build} build; databases in {DiskFolder} ({FileSystem}); " +
        $"load average (1/5/15 min) {LoadAtStart} at the start, {LoadAtEnd ?? "?"} at the end.";

    /// <summary>The 1, 5 and 15 minute load averages: other work on the machine moves every figure.</summary>
    public static string Load() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>A Debug build runs unoptimized code: its figures are not the app's.</summary>
    private static string BuildOf(System.Reflection.Assembly assembly) =>
        assembly.GetCustomAttributes(typeof(System.Diagnostics.DebuggableAttribute), false)
            .OfType<System.Diagnostics.DebuggableAttribute>().Any(d => d.IsJITOptimizerDisabled) ? "Debug" : "Release";

    private static string CpuModel()
    {
        if (!File.Exists("/proc/cpuinfo"))
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }

        var model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return model?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
    }

    /// <summary>The file system holding the folder (the longest mount point it lies under), since fsync costs differ between them.</summary>
    private static string FileSystemOf(string folder)
    {
        if (!File.Exists("/proc/mounts"))
        {
            return "unknown file system";
        }

        var full = Path.GetFullPath(folder);
        var mount = File.ReadLines("/proc/mounts")
            .Select(l => l.Split(' '))
            .Where(p => p.Length > 2 && (full == p[1] || full.StartsWith(p[1].TrimEnd('/') + "/", StringComparison.Ordinal)))
            .MaxBy(p => p[1].Length);
        return mount is null ? "unknown file system" : string.Format(CultureInfo.InvariantCulture, "{0} on {1}", mount[2], mount[1]);
    }
}

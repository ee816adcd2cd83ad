using System.Runtime.CompilerServices;
using System.Text.Json;

namespace OpdReception.Tests.Abdm;

/// <summary>The recorded exchanges in Fixtures/ (see its README), read from the source tree.</summary>
public static class AbdmFixtures
{
    public static JsonElement Read(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder(), "Fixtures", name))).RootElement.Clone();

    /// <summary>Member names of an object, sorted, to compare shapes with what we send and read.</summary>
    public static string[] Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();

    private static string Folder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}

using System.Text.Json.Serialization.Metadata;

namespace OpdReception.Api;

/// <summary>
/// A body member that the record cannot do without (not nullable, no default) must be sent: left out, it is refused
/// with its name, never read as 0, Sunday or 00:00 and saved as if the caller had meant it.
/// </summary>
internal static class RequiredMembers
{
    public static void Mark(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in info.Properties)
        {
            if (property.AssociatedParameter is { HasDefaultValue: false, IsNullable: false })
            {
                property.IsRequired = true;
            }
        }
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpdReception.Api;

/// <summary>Clock times as a desk writes them, "09:00"; seconds are accepted on the way in.</summary>
internal sealed class ClockTimeConverter : JsonConverter<TimeOnly>
{
    private static readonly string[] Formats = ["HH:mm", "H:mm", "HH:mm:ss"];

    public override TimeOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TimeOnly.TryParseExact(reader.GetString(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw new JsonException($"\"{BadRequestWords.Excerpt(reader.GetString() ?? "")}\" is not a time of day; use HH:mm, for example 09:30.");

    public override void Write(Utf8JsonWriter writer, TimeOnly value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("HH:mm", CultureInfo.InvariantCulture));
}

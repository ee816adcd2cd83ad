using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using OpdReception.Services;

namespace OpdReception.Api;

/// <summary>
/// Date-times travel with the hospital's offset, 2026-11-30T10:20:00+05:30, so a client anywhere reads the same
/// moment. Inside, they are the hospital's wall-clock times; one that arrives with an offset is turned into that
/// zone's wall clock. Without a zone (a client reading answers) the wall clock is kept as written.
/// </summary>
public sealed class OffsetDateTimeConverter(TimeZoneInfo? zone) : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment))
        {
            throw new JsonException($"'{text}' is not a date and time; use for example 2026-11-30T10:20:00+05:30.");
        }

        // The time part has no '-' of its own, so a sign or a Z after the date is an offset.
        var hasOffset = text!.Length > 10 && text.AsSpan(10).IndexOfAny("Z+-") >= 0;
        if (!hasOffset)
        {
            return DateTime.SpecifyKind(moment.DateTime, DateTimeKind.Unspecified);
        }

        return zone is null ? moment.DateTime : TimeZoneInfo.ConvertTime(moment, zone).DateTime;
    }

    // Formatted by hand: a DateTimeOffset would throw for the far ends of the calendar.
    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        var offset = zone is null ? TimeSpan.Zero : HospitalClock.OffsetAt(zone, value);
        writer.WriteStringValue(value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)
            + (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString("hh\\:mm", CultureInfo.InvariantCulture));
    }
}

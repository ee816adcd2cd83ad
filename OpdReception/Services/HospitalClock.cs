namespace OpdReception.Services;

/// <summary>
/// The hospital's own clock: "now" and "today" as a wall clock in the hospital's zone (<c>Opd:TimeZone</c>), whatever
/// zone the server runs in. Slot dates and times, and every time the rules compare, are wall-clock times in that zone.
/// </summary>
public sealed class HospitalClock(TimeProvider time, TimeZoneInfo zone)
{
    public TimeZoneInfo Zone { get; } = zone;

    /// <summary>The wall-clock time at the hospital now.</summary>
    public DateTime Now => TimeZoneInfo.ConvertTime(time.GetUtcNow(), Zone).DateTime;

    public DateOnly Today => DateOnly.FromDateTime(Now);

    /// <summary>The hospital's offset from UTC at one of its wall-clock moments (daylight saving included).</summary>
    public TimeSpan OffsetAt(DateTime wallTime) => OffsetAt(Zone, wallTime);

    public static TimeSpan OffsetAt(TimeZoneInfo zone, DateTime wallTime) =>
        zone.GetUtcOffset(DateTime.SpecifyKind(wallTime, DateTimeKind.Unspecified));

    /// <summary>An IANA id such as Asia/Kolkata; none means the zone the host runs in.</summary>
    public static TimeZoneInfo ResolveZone(string? id) =>
        string.IsNullOrWhiteSpace(id) ? TimeZoneInfo.Local : TimeZoneInfo.FindSystemTimeZoneById(id.Trim());

    public static bool IsKnownZone(string? id) =>
        string.IsNullOrWhiteSpace(id) || TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out _);

    /// <summary>How docs/operations.md and the start-up log name the zone: its id and its offset now.</summary>
    public string Describe()
    {
        var offset = OffsetAt(Now);
        return $"{Zone.Id} (UTC{(offset < TimeSpan.Zero ? "-" : "+")}{offset.Duration():hh\\:mm})";
    }
}

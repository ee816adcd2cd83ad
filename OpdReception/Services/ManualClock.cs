namespace OpdReception.Services;

/// <summary>
/// A clock that moves only when told: the simulation's day and the tests' fixed moments. It is set and read as
/// wall-clock time in its zone and keeps the real instant underneath, so a hospital clock on another zone would see
/// the same moment.
/// </summary>
public sealed class ManualClock(DateTime start, TimeZoneInfo? zone = null) : TimeProvider
{
    private readonly TimeZoneInfo _zone = zone ?? TimeZoneInfo.Utc;
    private long _utcTicks = ToUtc(start, zone ?? TimeZoneInfo.Utc);

    public override TimeZoneInfo LocalTimeZone => _zone;

    /// <summary>The wall-clock time in the clock's zone.</summary>
    public DateTime Now => TimeZoneInfo.ConvertTime(GetUtcNow(), _zone).DateTime;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Set(DateTime wallTime) => Interlocked.Exchange(ref _utcTicks, ToUtc(wallTime, _zone));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _utcTicks, by.Ticks);

    private static long ToUtc(DateTime wallTime, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(wallTime, DateTimeKind.Unspecified), zone).Ticks;
}

namespace OpdReception.Services;

/// <summary>A clock that moves only when told: the simulation's day and the tests' fixed moments.</summary>
public sealed class ManualClock(DateTime start) : TimeProvider
{
    private long _ticks = start.Ticks;

    // Wall time is kept as-is: the hospital's local time is what the rules read.
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public DateTime Now => new(Interlocked.Read(ref _ticks));

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Set(DateTime wallTime) => Interlocked.Exchange(ref _ticks, wallTime.Ticks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

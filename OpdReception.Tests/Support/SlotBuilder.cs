using OpdReception.Domain;

namespace OpdReception.Tests.Support;

/// <summary>
/// Readable <see cref="SlotState"/> values: <c>ASlot.WithCapacity(6).Full().Build()</c>.
/// Defaults: slot 1 of doctor 10 on <see cref="Day"/>, 09:00–10:00, 6 seats, none taken, open, no delay.
/// </summary>
public static class ASlot
{
    public static DateOnly Day { get; } = new(2030, 1, 15);

    /// <summary>A moment on <see cref="Day"/>.</summary>
    public static DateTime At(int hour, int minute = 0) => Day.ToDateTime(new TimeOnly(hour, minute));

    public static SlotBuilder Default => new(new SlotState(
        Id: 1,
        DoctorId: 10,
        Date: Day,
        Start: new TimeOnly(9, 0),
        End: new TimeOnly(10, 0),
        MaxCapacity: 6,
        EmergencyExtensions: 0,
        SeatsTaken: 0,
        LastTokenNumber: 0,
        Status: SlotStatus.Open,
        DelayMinutes: 0));

    public static SlotBuilder WithId(int id) => Default.WithId(id);

    public static SlotBuilder WithCapacity(int maxCapacity) => Default.WithCapacity(maxCapacity);
}

/// <summary>Immutable, so a half-built slot can be reused safely.</summary>
public sealed record SlotBuilder(SlotState Slot)
{
    public SlotBuilder WithId(int id) => new(Slot with { Id = id });

    public SlotBuilder ForDoctor(int doctorId) => new(Slot with { DoctorId = doctorId });

    public SlotBuilder Running(int fromHour, int toHour) =>
        new(Slot with { Start = new TimeOnly(fromHour, 0), End = new TimeOnly(toHour, 0) });

    public SlotBuilder WithCapacity(int maxCapacity) => new(Slot with { MaxCapacity = maxCapacity });

    public SlotBuilder WithExtensions(int emergencyExtensions) => new(Slot with { EmergencyExtensions = emergencyExtensions });

    /// <summary>Also raises the last token number to at least the seats taken, as issuing would have.</summary>
    public SlotBuilder WithSeatsTaken(int seats) =>
        new(Slot with { SeatsTaken = seats, LastTokenNumber = Math.Max(Slot.LastTokenNumber, seats) });

    public SlotBuilder Full() => WithSeatsTaken(Slot.EffectiveCapacity);

    public SlotBuilder WithLastTokenNumber(int number) => new(Slot with { LastTokenNumber = number });

    public SlotBuilder WithStatus(SlotStatus status) => new(Slot with { Status = status });

    /// <summary>A doctor running late: the slot is marked delayed and pushed back.</summary>
    public SlotBuilder DelayedBy(int minutes) => new(Slot with { Status = SlotStatus.Delayed, DelayMinutes = minutes });

    public SlotState Build() => Slot;
}

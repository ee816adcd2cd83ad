namespace OpdReception.Data;

/// <summary>One session of a doctor's weekly template: every such weekday, slots of <see cref="SlotMinutes"/> from start to end.</summary>
public sealed class WeeklySession
{
    public int Id { get; set; }
    public int DoctorId { get; set; }
    public DayOfWeek Day { get; set; }
    public TimeOnly StartTime { get; set; }
    public TimeOnly EndTime { get; set; }
    public int SlotMinutes { get; set; }
    public int CapacityPerSlot { get; set; }
    public int MinutesPerConsultation { get; set; }

    /// <summary>Seats of each slot kept from online booking for walk-ins, copied to the slots generated.</summary>
    public int WalkInSeatsHeld { get; set; }

    /// <summary>How long before each slot starts its held seats open to anyone.</summary>
    public int HoldReleaseMinutes { get; set; }
}

/// <summary>A doctor away from <see cref="From"/> to <see cref="To"/>, both days included.</summary>
public sealed class DoctorLeave
{
    public int Id { get; set; }
    public int DoctorId { get; set; }
    public Doctor Doctor { get; set; } = null!;
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
    public required string Reason { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string By { get; set; }
}

/// <summary>A setting changed in the admin's settings page; absent keys fall back to appsettings.</summary>
public sealed class OpdSetting
{
    public required string Key { get; set; }
    public required string Value { get; set; }
}

/// <summary>The hospital's logo, at most one row: in the database, so a backup carries it with everything else.</summary>
public sealed class HospitalLogo
{
    public int Id { get; set; }
    public required string ContentType { get; set; }
    public required byte[] Bytes { get; set; }
    public DateTime UploadedAt { get; set; }
}

/// <summary>One line of the admin's record (users, roles, settings, doctors, schedules): never updated, never deleted.</summary>
public sealed class AdminChange
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public required string By { get; set; }
    public string? ByUserId { get; set; }

    /// <summary>"User", "Setting", "Doctor", "Schedule", "Leave" or "Slot".</summary>
    public required string Area { get; set; }

    /// <summary>What was changed: an email, a setting's name, a doctor's name.</summary>
    public required string Subject { get; set; }

    public required string Details { get; set; }
}

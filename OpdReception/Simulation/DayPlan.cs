using OpdReception.Domain;

namespace OpdReception.Simulation;

public sealed record PlannedDoctor(string Name, string ShortName, string Specialization, string Room);

public sealed record PlannedSlot(TimeOnly Start, TimeOnly End);

public sealed record Cancellation(TimeOnly At, string Reason);

/// <summary>
/// One patient's day. Walk-in, priority and emergency patients get their token when they arrive, so
/// <see cref="IssueAt"/> is their arrival; booked patients check in at <see cref="ArriveAt"/>, or never when it is null.
/// </summary>
public sealed record PlannedPatient(
    string Name,
    TokenSource Source,
    int Doctor,
    int Slot,
    TimeOnly IssueAt,
    TimeOnly? ArriveAt,
    string? PatientId = null,
    string? Phone = null,
    Cancellation? Cancel = null,
    int? ConsultMinutes = null)
{
    public bool BooksAhead => Source.InitialStatus() == TokenStatus.Booked;
}

/// <summary>The doctor sends word that a slot will start late; the desk then moves its pending patients.</summary>
public sealed record DoctorDelay(TimeOnly At, int Doctor, int Slot, int Minutes, string Why);

public sealed record DayPlan(
    string Title,
    DateOnly Date,
    IReadOnlyList<PlannedDoctor> Doctors,
    IReadOnlyList<PlannedSlot> Slots,
    IReadOnlyList<PlannedPatient> Patients,
    IReadOnlyList<DoctorDelay> Delays)
{
    /// <summary>The desk opens before the first slot so online bookings can come in.</summary>
    public static readonly TimeOnly DeskOpens = new(7, 0);

    /// <summary>Doctors stop calling patients this long after the last slot's end; whoever is left is told to come back.</summary>
    public const int OverrunMinutes = 30;

    public static IReadOnlyList<PlannedDoctor> StandardDoctors => Roster.Take(3).ToList();

    /// <summary>Who a bigger OPD adds, in order; specializations repeat so a delayed doctor's patients have a colleague to go to.</summary>
    public static IReadOnlyList<PlannedDoctor> Roster { get; } =
    [
        new("Dr. Anita Rao", "Dr. Rao", "Cardiology", "101"),
        new("Dr. Vikram Iyer", "Dr. Iyer", "Orthopaedics", "104"),
        new("Dr. Sara Khan", "Dr. Khan", "Paediatrics", "112"),
        new("Dr. Rohan Mehta", "Dr. Mehta", "General Medicine", "107"),
        new("Dr. Leela Thomas", "Dr. Thomas", "Cardiology", "102"),
        new("Dr. Farhan Ali", "Dr. Ali", "Orthopaedics", "105"),
        new("Dr. Nandini Bose", "Dr. Bose", "Paediatrics", "113"),
        new("Dr. Kavya Pillai", "Dr. Pillai", "General Medicine", "108"),
        new("Dr. Suresh Menon", "Dr. Menon", "Dermatology", "115"),
        new("Dr. Usha Reddy", "Dr. Reddy", "General Medicine", "109"),
    ];

    /// <summary>Seven one-hour slots between 09:00 and 17:00, with lunch from 13:00 to 14:00.</summary>
    public static IReadOnlyList<PlannedSlot> StandardSlots { get; } =
        new[] { 9, 10, 11, 12, 14, 15, 16 }.Select(h => new PlannedSlot(new TimeOnly(h, 0), new TimeOnly(h + 1, 0))).ToList();

    public DateTime At(TimeOnly time) => Date.ToDateTime(time);
}

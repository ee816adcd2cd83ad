using OpdReception.Domain;

namespace OpdReception.Simulation;

/// <summary>
/// The reference day: 3 doctors, 7 slots each, 10 online bookings, 5 walk-ins, 3 priority, 2 follow-ups and
/// 2 emergencies, arranged so that every rule of the desk shows up once.
/// </summary>
public static class ScriptedDay
{
    public const int Patients = 22;

    /// <summary>A fixed Monday, so the printed day never changes.</summary>
    public static readonly DateOnly Date = new(2026, 12, 7);

    /// <summary>Seeds the extra patients of a bigger scripted day; fixed so the day stays the same run after run.</summary>
    private const int ExtrasSeed = 2026;

    public static DayPlan Build(DateOnly date, int patients = Patients)
    {
        if (patients < Patients)
        {
            throw new ArgumentOutOfRangeException(nameof(patients), patients, $"The scripted day has {Patients} patients.");
        }

        var generator = new PatientGenerator(new Random(ExtrasSeed));
        var extras = Enumerable.Range(0, patients - Patients)
            .Select(i => generator.Next(Patients + i, DayPlan.StandardSlots, DayPlan.StandardDoctors.Count));
        var title = patients == Patients
            ? "the reference day"
            : $"the reference day and {patients - Patients} more patients";
        return new DayPlan(title, date, Doctors, DayPlan.StandardSlots, Reference().Concat(extras).ToList(), Delays);
    }

    private const int Rao = 0, Iyer = 1, Khan = 2;
    private const int At0900 = 0, At1000 = 1, At1100 = 2, At1400 = 4, At1500 = 5;

    /// <summary>
    /// The three doctors with patients, and Dr. Ali, Dr. Iyer's colleague: a delayed doctor's own later slots are held
    /// back by the same delay, so only a colleague of the same specialization can see the delayed slot's patients sooner.
    /// </summary>
    private static IReadOnlyList<PlannedDoctor> Doctors => [.. DayPlan.StandardDoctors, DayPlan.Roster[5]];

    private static readonly DoctorDelay[] Delays =
    [
        // Early enough that the desk can still move the slot's patients to a colleague who is seeing patients sooner.
        new(T(10, 40), Iyer, At1100, 60, "called into theatre for a hip fracture"),
    ];

    private static IEnumerable<PlannedPatient> Reference()
    {
        var number = 0;
        PlannedPatient Booked(string name, TokenSource source, int doctor, int slot, TimeOnly bookedAt, TimeOnly? arrives, Cancellation? cancel = null) =>
            new(name, source, doctor, slot, bookedAt, arrives, PatientGenerator.HospitalNumber(++number), PatientGenerator.Phone(number), cancel);
        PlannedPatient Arrives(string name, TokenSource source, int doctor, int slot, TimeOnly at, bool knownPatient = true) =>
            new(name, source, doctor, slot, at, at, knownPatient ? PatientGenerator.HospitalNumber(++number) : null);

        // Dr. Rao's first slot fills up: a walk-in is offered the next slot, an emergency gets an extra seat.
        yield return Booked("Meera Nair", TokenSource.Online, Rao, At0900, T(8, 0), T(8, 50));
        yield return Booked("Arjun Sharma", TokenSource.Online, Rao, At0900, T(8, 5), T(8, 55));
        yield return Booked("Lakshmi Menon", TokenSource.Online, Rao, At0900, T(8, 10), T(9, 12));
        yield return Booked("Suresh Patel", TokenSource.FollowUp, Rao, At0900, T(8, 15), T(8, 45));
        yield return Arrives("Kavita Joshi", TokenSource.Priority, Rao, At0900, T(9, 2));
        yield return Arrives("Ravi Kumar", TokenSource.WalkIn, Rao, At0900, T(9, 5), knownPatient: false);
        yield return Arrives("Deepak Singh", TokenSource.WalkIn, Rao, At0900, T(9, 10), knownPatient: false);
        yield return Arrives("Rahul Verma", TokenSource.Emergency, Rao, At0900, T(9, 25), knownPatient: false);

        // Dr. Iyer: a booking cancelled by phone, and an 11:00 slot that the doctor cannot keep.
        yield return Booked("Fatima Sheikh", TokenSource.Online, Iyer, At0900, T(8, 20), T(8, 58));
        yield return Booked("Anil Gupta", TokenSource.Online, Iyer, At0900, T(8, 25), null,
            new Cancellation(T(8, 40), "Called in: cannot travel today, will book again"));
        yield return Arrives("Pooja Reddy", TokenSource.WalkIn, Iyer, At0900, T(8, 55), knownPatient: false);
        yield return Arrives("Sanjay Mehta", TokenSource.Priority, Iyer, At1000, T(9, 50));
        yield return Booked("Nisha Das", TokenSource.Online, Iyer, At1100, T(8, 30), T(10, 50));
        yield return Booked("Gopal Krishnan", TokenSource.FollowUp, Iyer, At1100, T(8, 35), T(11, 5));
        yield return Arrives("Imran Qureshi", TokenSource.WalkIn, Iyer, At1100, T(10, 35), knownPatient: false);

        // Dr. Khan: one booking never comes, another comes after being marked a no-show.
        yield return Booked("Priya Menon", TokenSource.Online, Khan, At0900, T(8, 40), null);
        yield return Booked("Vijay Nair", TokenSource.Online, Khan, At0900, T(8, 45), T(9, 38));
        yield return Arrives("Rekha Pillai", TokenSource.WalkIn, Khan, At0900, T(8, 50), knownPatient: false);
        yield return Arrives("Manoj Tiwari", TokenSource.Priority, Khan, At1000, T(10, 10));
        yield return Booked("Sunita Yadav", TokenSource.Online, Khan, At1400, T(8, 50), T(13, 50));
        yield return Arrives("Aarav Bose", TokenSource.Emergency, Khan, At1400, T(14, 10), knownPatient: false);
        yield return Booked("Harish Chandra", TokenSource.Online, Khan, At1500, T(8, 55), T(15, 5));
    }

    private static TimeOnly T(int hour, int minute) => new(hour, minute);
}

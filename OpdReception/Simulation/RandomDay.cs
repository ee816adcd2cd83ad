namespace OpdReception.Simulation;

/// <summary>
/// A day drawn from <c>System.Random(seed)</c>: who comes, when, from where, who never shows, and one doctor's delay.
/// The OPD is staffed for its size: enough doctors that most patients find a seat.
/// </summary>
public static class RandomDay
{
    /// <summary>
    /// Patients per doctor a day: seven slots of six seats are 42 seats, so about three in four are taken, and the
    /// busy mornings still leave the afternoons room for those refused.
    /// </summary>
    public const int PatientsPerDoctor = 30;

    private static readonly string[] DelayReasons =
    [
        "stuck in a ward round", "called into theatre", "held up in traffic", "attending a code blue",
    ];

    private static readonly int[] DelayMinutes = [30, 45, 60, 90];

    public static int DoctorsFor(int patients) =>
        Math.Clamp((patients + PatientsPerDoctor - 1) / PatientsPerDoctor, DayPlan.StandardDoctors.Count, DayPlan.Roster.Count);

    /// <summary>The slots' minutes per consultation: the options' default, as the day's slots are created without one.</summary>
    public static int NominalMinutes { get; } = new Services.OpdOptions().DefaultConsultationMinutes;

    /// <param name="service">How consultations last and booked patients arrive; uniform (6 to 14 minutes) when not given.</param>
    public static DayPlan Build(DateOnly date, int seed, int patients, ServiceTimes? service = null)
    {
        var random = new Random(seed);
        var slots = DayPlan.StandardSlots;
        var doctors = DayPlan.Roster.Take(DoctorsFor(patients)).ToList();
        var logNormal = service is { Model: ServiceModel.LogNormal, Cv: var cv } ? new LogNormalDraws(seed, doctors.Count, NominalMinutes, cv) : null;
        var generator = new PatientGenerator(random, logNormal);
        var people = Enumerable.Range(0, patients).Select(i => generator.Next(i, slots, doctors.Count)).ToList();

        // A morning slot after the first, so there is time to move its patients and a later slot to move them to.
        var slot = random.Next(1, 4);
        var warnedBefore = random.Next(10, 41);
        var delay = new DoctorDelay(
            slots[slot].Start.AddMinutes(-warnedBefore),
            random.Next(doctors.Count),
            slot,
            DelayMinutes[random.Next(DelayMinutes.Length)],
            DelayReasons[random.Next(DelayReasons.Length)]);
        var title = logNormal is null ? $"a random day, seed {seed}" : FormattableString.Invariant($"a random day, seed {seed}, log-normal consultations (cv {service!.Cv:0.##})");
        return new DayPlan(title, date, doctors, slots, people, [delay]);
    }
}

namespace OpdReception.Simulation;

/// <summary>A day drawn from <c>System.Random(seed)</c>: who comes, when, from where, who never shows, and one doctor's delay.</summary>
public static class RandomDay
{
    private static readonly string[] DelayReasons =
    [
        "stuck in a ward round", "called into theatre", "held up in traffic", "attending a code blue",
    ];

    private static readonly int[] DelayMinutes = [30, 45, 60, 90];

    public static DayPlan Build(DateOnly date, int seed, int patients)
    {
        var random = new Random(seed);
        var slots = DayPlan.StandardSlots;
        var generator = new PatientGenerator(random);
        var people = Enumerable.Range(0, patients).Select(i => generator.Next(i, slots)).ToList();

        // A morning slot after the first, so there is time to move its patients and a later slot to move them to.
        var slot = random.Next(1, 4);
        var warnedBefore = random.Next(10, 41);
        var delay = new DoctorDelay(
            slots[slot].Start.AddMinutes(-warnedBefore),
            random.Next(DayPlan.StandardDoctors.Count),
            slot,
            DelayMinutes[random.Next(DelayMinutes.Length)],
            DelayReasons[random.Next(DelayReasons.Length)]);
        return new DayPlan($"a random day, seed {seed}", date, DayPlan.StandardDoctors, slots, people, [delay]);
    }
}

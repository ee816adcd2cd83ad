using System.Globalization;
using OpdReception.Domain;

namespace OpdReception.Simulation;

/// <summary>
/// Random but reproducible patients: the same <see cref="Random"/> seed gives the same people, in the same order.
/// With <paramref name="logNormal"/>, consultation times and booked arrivals come from its draws instead; the uniform
/// draws are still made, so everything else about the day stays the same.
/// </summary>
public sealed class PatientGenerator(Random random, LogNormalDraws? logNormal = null)
{
    private readonly HashSet<string> _names = [];

    private static readonly string[] FirstNames =
    [
        "Aditi", "Ajay", "Amit", "Ananya", "Asha", "Bhavna", "Chetan", "Divya", "Farhan", "Gita", "Hari", "Isha",
        "Jaya", "Karan", "Leela", "Mohan", "Naveen", "Neha", "Omkar", "Pallavi", "Rajesh", "Rohini", "Sameer",
        "Shalini", "Tanvi", "Uday", "Varun", "Yamini", "Zoya", "Kiran",
    ];

    private static readonly string[] LastNames =
    [
        "Agarwal", "Banerjee", "Chopra", "Desai", "Fernandes", "Ghosh", "Hegde", "Jain", "Kapoor", "Kulkarni",
        "Malhotra", "Naidu", "Prasad", "Rao", "Saxena", "Shetty", "Thomas", "Verma", "Wadhwa", "Zaidi",
    ];

    private static readonly string[] CancelReasons =
    [
        "Feeling better, no longer needs the visit",
        "Called in: family emergency",
        "Will come on another day",
        "Booked with the wrong doctor",
    ];

    // An OPD's mix, per hundred patients: emergencies are a few per cent; most book online or walk in.
    private static readonly (TokenSource Source, int Weight)[] SourceMix =
    [
        (TokenSource.Online, 45), (TokenSource.WalkIn, 27), (TokenSource.Priority, 13), (TokenSource.FollowUp, 12), (TokenSource.Emergency, 3),
    ];

    // Mornings are busier than afternoons.
    private static readonly int[] SlotWeights = [5, 5, 4, 3, 3, 2, 2];

    /// <summary>In the default pattern (<see cref="HospitalNumberPattern.Default"/>): H-001001.</summary>
    public static string HospitalNumber(int number) => HospitalNumberPattern.Default.Format(1000 + number);

    public static string Phone(int number) => string.Create(CultureInfo.InvariantCulture, $"+91 98450 {10000 + number * 37 % 90000:00000}");

    public PlannedPatient Next(int number, IReadOnlyList<PlannedSlot> slots, int doctors)
    {
        var source = SourceMix[Pick(SourceMix.Select(m => m.Weight).ToArray())].Source;
        var doctor = random.Next(doctors);
        var slotIndex = Pick(SlotWeights.Take(slots.Count).ToArray());
        var start = Minutes(slots[slotIndex].Start);
        var name = NewName();
        var uniformConsult = random.Next(6, 15);
        var consult = logNormal?.ConsultMinutes(doctor) ?? uniformConsult;
        var opens = Minutes(DayPlan.DeskOpens);

        if (source.InitialStatus() != TokenStatus.Booked)
        {
            // Emergencies come once the doctor is in; the others may queue before the slot starts.
            var arrives = source == TokenSource.Emergency ? start + random.Next(0, 50) : Math.Max(opens + 60, start + random.Next(-30, 45));
            var known = source == TokenSource.Priority;
            return new PlannedPatient(name, source, doctor, slotIndex, Time(arrives), Time(arrives),
                known ? HospitalNumber(number + 1) : null, null, ConsultMinutes: consult);
        }

        var bookedAt = opens + random.Next(0, Math.Max(1, start - 30 - opens));
        var roll = random.NextDouble();
        Cancellation? cancel = null;
        int? arrival;
        if (roll < 0.06)
        {
            cancel = new Cancellation(Time(bookedAt + 1 + random.Next(0, Math.Max(1, start - 5 - bookedAt - 1))), CancelReasons[random.Next(CancelReasons.Length)]);
            arrival = null;
        }
        else if (roll < 0.16)
        {
            arrival = null;
        }
        else if (roll < 0.24)
        {
            // Late enough to be marked a no-show first, often still in time to be seen.
            arrival = start + random.Next(30, 60);
        }
        else
        {
            var uniformOffset = random.Next(-25, 20);
            arrival = start + (logNormal?.ArrivalOffsetMinutes() ?? uniformOffset);
        }

        return new PlannedPatient(name, source, doctor, slotIndex, Time(bookedAt), arrival is { } a ? Time(Math.Max(a, bookedAt + 1)) : null,
            HospitalNumber(number + 1), Phone(number + 1), cancel, consult);
    }

    /// <summary>Two different patients with one name would make the timeline hard to follow.</summary>
    private string NewName()
    {
        while (true)
        {
            var name = $"{FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)]}";
            if (_names.Add(name) || _names.Count >= FirstNames.Length * LastNames.Length)
            {
                return name;
            }
        }
    }

    private int Pick(int[] weights)
    {
        var roll = random.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    private static int Minutes(TimeOnly time) => time.Hour * 60 + time.Minute;

    private static TimeOnly Time(int minutes) => new(minutes / 60, minutes % 60);
}

namespace OpdReception.Tests.Invariants;

public enum Op
{
    Issue,
    CheckIn,
    CallNext,
    Complete,
    NoShow,
    NotHere,
    Recall,
    Undo,
    Delay,
    CancelToken,
    CancelSlot,
    Reallocate,
    Move,
    Leave,
    SweepNoShows,
    CloseDays,

    /// <summary>Never drawn: only the time of steps a shrink removed, so what is left still happens when it did.</summary>
    Wait,
}

/// <summary>
/// One operation as data: its kind, three draws that pick what it acts on among what exists when it runs, and the
/// minutes the clock moves after it. Picks are taken modulo what exists, so any sub-sequence is still a sequence
/// that can be played: shrinking a failure removes steps and plays the rest again.
/// </summary>
public sealed record Step(Op Kind, int A, int B, int C, int Minutes);

public static class Steps
{
    /// <summary>How often each operation is drawn: mostly the ordinary day, now and then a disruption and a sweep.</summary>
    private static readonly (Op Kind, int Weight)[] Weights =
    [
        (Op.Issue, 30), (Op.CheckIn, 14), (Op.CallNext, 12), (Op.Complete, 10), (Op.NoShow, 4), (Op.NotHere, 3), (Op.Recall, 2),
        (Op.Undo, 6), (Op.Delay, 4), (Op.CancelToken, 2), (Op.CancelSlot, 2), (Op.Reallocate, 4), (Op.Move, 6), (Op.Leave, 1),
        (Op.SweepNoShows, 6), (Op.CloseDays, 4),
    ];

    public static IReadOnlyList<Step> Draw(int seed, int count)
    {
        var random = new Random(seed);
        var total = Weights.Sum(w => w.Weight);
        var steps = new List<Step>(count);
        for (var i = 0; i < count; i++)
        {
            var roll = random.Next(total);
            var kind = Weights.First(w => (roll -= w.Weight) < 0).Kind;

            // Mostly a few minutes between presses, sometimes a quiet half hour, so a day runs from before its first
            // slot past its cut-off within the sequence.
            var minutes = random.Next(5) == 0 ? random.Next(4, 17) : random.Next(0, 5);

            // A doctor's press is now and then taken back at once, within Undo's two minutes, as a slip of the finger is.
            var takenBack = kind is Op.CallNext or Op.Complete or Op.NoShow or Op.NotHere or Op.Recall && random.Next(4) == 0;
            steps.Add(new Step(kind, random.Next(1000), random.Next(1000), random.Next(1000), takenBack ? random.Next(2) : minutes));
            if (takenBack && steps.Count < count)
            {
                steps.Add(new Step(Op.Undo, random.Next(1000), random.Next(1000), random.Next(1000), random.Next(0, 5)));
                i++;
            }
        }

        return steps;
    }
}

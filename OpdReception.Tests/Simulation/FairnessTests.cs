using OpdReception.Simulation;

namespace OpdReception.Tests.Simulation;

/// <summary>Longest waits and overtakes of waiting walk-ins, on hand-made days.</summary>
public sealed class FairnessTests
{
    private static readonly DateTime Nine = new(2026, 12, 7, 9, 0, 0);

    private static readonly string[] Sources = ["Online", "Walk-in", "Priority", "Follow-up", "Emergency"];

    private static CalledPatient Patient(string source, string doctor, int checkedInAfterNine, int calledAfterNine) =>
        new(source, doctor, [], Nine.AddMinutes(checkedInAfterNine), Nine.AddMinutes(calledAfterNine));

    /// <summary>A walk-in checked in at 09:00 and called at 10:00, beside one other patient.</summary>
    [Theory]
    [InlineData("Online", "Dr. A", 10, 30, 1)]     // came later, called first: an overtake
    [InlineData("Walk-in", "Dr. A", 10, 30, 1)]    // another walk-in overtakes just the same
    [InlineData("Follow-up", "Dr. A", 59, 59, 1)]  // the last minute before the walk-in's call
    [InlineData("Emergency", "Dr. A", 10, 30, 0)]  // emergencies go first by right
    [InlineData("Online", "Dr. B", 10, 30, 0)]     // another doctor's queue
    [InlineData("Online", "Dr. A", -10, 30, 0)]    // came earlier
    [InlineData("Online", "Dr. A", 0, 30, 0)]      // came in the same minute
    [InlineData("Online", "Dr. A", 10, 70, 0)]     // called after the walk-in
    public void A_waiting_walk_in_is_overtaken_by_a_later_arrival_of_the_same_doctor_called_first(
        string source, string doctor, int checkedIn, int called, int overtakes)
    {
        var fairness = Fairness.Of([Patient("Walk-in", "Dr. A", 0, 60), Patient(source, doctor, checkedIn, called)], Sources);

        Assert.Equal(overtakes, fairness.Overtakes);
        Assert.Equal(overtakes, fairness.WalkInsOvertaken);
    }

    [Fact]
    public void Overtakes_are_counted_per_walk_in_with_their_total_and_the_most_for_one()
    {
        CalledPatient[] day =
        [
            Patient("Walk-in", "Dr. A", 0, 60),   // overtaken by the next four (the emergency apart)
            Patient("Online", "Dr. A", 10, 20),
            Patient("Priority", "Dr. A", 15, 30),
            Patient("Walk-in", "Dr. A", 20, 40),  // overtaken by the next one
            Patient("Online", "Dr. A", 25, 35),
            Patient("Emergency", "Dr. A", 30, 32),
            Patient("Walk-in", "Dr. B", 0, 5),    // never overtaken
        ];

        var fairness = Fairness.Of(day, Sources);

        Assert.Equal(3, fairness.WalkIns);
        Assert.Equal(2, fairness.WalkInsOvertaken);
        Assert.Equal(5, fairness.Overtakes);
        Assert.Equal(4, fairness.MostOvertakesOfOneWalkIn);
    }

    [Fact]
    public void The_longest_wait_is_per_source_from_check_in_to_call_and_null_for_a_source_nobody_came_from()
    {
        CalledPatient[] day =
        [
            Patient("Walk-in", "Dr. A", 0, 60), Patient("Walk-in", "Dr. A", 20, 55),
            Patient("Online", "Dr. A", 10, 30), Patient("Emergency", "Dr. A", 30, 32),
            new("Online", "Dr. A", [], null, Nine.AddHours(3)), // never checked in: no wait to measure
        ];

        var fairness = Fairness.Of(day, Sources);

        Assert.Equal(60, fairness.LongestWaitBySource["Walk-in"]);
        Assert.Equal(20, fairness.LongestWaitBySource["Online"]);
        Assert.Equal(2, fairness.LongestWaitBySource["Emergency"]);
        Assert.Null(fairness.LongestWaitBySource["Follow-up"]);
        Assert.Equal(60, fairness.LongestWait);
    }

    [Fact]
    public async Task Max_overtakes_of_a_run_is_the_engines_option_and_off_by_default()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var ageing = await SimulationHost.StartAsync(Nine, null, 8, ct);
        await using var plain = await SimulationHost.StartAsync(Nine, ct);

        Assert.Equal(8, ageing.Options.MaxOvertakes);
        Assert.Null(plain.Options.MaxOvertakes);
    }

    [Fact]
    public void Days_pool_by_adding_their_counts_and_taking_their_longest_waits()
    {
        // The same doctor on two days: mixed, Monday's online patient would seem to overtake Tuesday's walk-in.
        var monday = Fairness.Of([Patient("Walk-in", "Dr. A", 0, 60), Patient("Online", "Dr. A", 10, 20)], Sources);
        var tuesday = Fairness.Of([Patient("Walk-in", "Dr. A", 5, 40), Patient("Online", "Dr. A", 0, 90)], Sources);

        var pooled = Fairness.Pool([monday, tuesday], Sources);

        Assert.Equal(new Fairness(pooled.LongestWaitBySource, WalkIns: 2, WalkInsOvertaken: 1, Overtakes: 1, MostOvertakesOfOneWalkIn: 1), pooled);
        Assert.Equal(60, pooled.LongestWaitBySource["Walk-in"]);
        Assert.Equal(90, pooled.LongestWaitBySource["Online"]);
    }
}

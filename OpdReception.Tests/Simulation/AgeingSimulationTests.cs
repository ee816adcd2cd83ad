using OpdReception.Simulation;

namespace OpdReception.Tests.Simulation;

/// <summary>Issue 20, ageing end to end: a whole simulated day through the real services, counted as the report counts.</summary>
public sealed class AgeingSimulationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_a_limit_no_called_walk_in_saw_more_later_arrivals_of_any_slot_go_first_than_the_limit()
    {
        // A small day (two runs must stay fast) where, without ageing, a walk-in sees more than one later arrival go first.
        var without = await OpdDaySimulation.RunDayAsync(new SimulationSettings(2, 50), TextWriter.Null, Ct);
        var with = await OpdDaySimulation.RunDayAsync(new SimulationSettings(2, 50, MaxOvertakes: 1), TextWriter.Null, Ct);

        Assert.True(without.Fairness.MostOvertakesOfOneWalkIn > 1, $"without ageing the most was {without.Fairness.MostOvertakesOfOneWalkIn}");
        Assert.InRange(with.Fairness.MostOvertakesOfOneWalkIn, 0, 1);
        Assert.True(with.Fairness.Overtakes < without.Fairness.Overtakes);
    }
}

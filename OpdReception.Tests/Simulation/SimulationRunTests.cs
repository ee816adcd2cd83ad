using OpdReception.Domain;
using OpdReception.Simulation;

namespace OpdReception.Tests.Simulation;

public sealed class SimulationRunTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Default_day_exits_zero_and_prints_statistics_and_check_line()
    {
        var output = new StringWriter();

        var exit = await OpdDaySimulation.RunAsync([], output, Ct);

        var text = output.ToString();
        Assert.Equal(0, exit);
        Assert.Contains("By doctor", text);
        Assert.Contains("By source", text);
        Assert.Contains("Dr. Anita Rao (Cardiology)", text);
        Assert.Contains("Check: issued 22 = completed", text);
        Assert.Contains("-> OK", text);
        Assert.Contains("refused: The slot is full", text);
        Assert.Contains("capacity extended from 6 to 7", text);
    }

    [Fact]
    public async Task Default_day_numbers_add_up_and_every_situation_happens()
    {
        var report = await OpdDaySimulation.RunDayAsync(SimulationSettings.Default, TextWriter.Null, Ct);

        var total = report.Total;
        Assert.True(report.CheckHolds);
        Assert.Empty(report.Unexpected);
        Assert.Equal(22, report.DeskIssued);
        Assert.Equal(22, total.Issued);
        Assert.Equal(total.Issued, total.Completed + total.NoShow + total.Cancelled + total.StillWaiting + total.NeverArrived);
        Assert.Equal(0, total.InConsultation);
        Assert.Equal(total, report.SourceTotal);

        Assert.Equal(10, report.For(TokenSource.Online).Issued);
        Assert.Equal(5, report.For(TokenSource.WalkIn).Issued);
        Assert.Equal(3, report.For(TokenSource.Priority).Issued);
        Assert.Equal(2, report.For(TokenSource.FollowUp).Issued);
        Assert.Equal(2, report.For(TokenSource.Emergency).Issued);

        Assert.True(total.ExtraSeats >= 1, "an emergency should have been given an extra seat");
        Assert.True(total.Completed >= 1 && total.NoShow >= 1 && total.Cancelled >= 1);
        var events = report.Events;
        Assert.True(events.TookOfferedSlot >= 1, "a refused patient should have taken the next slot offered");
        Assert.Equal(1, events.Delays);
        Assert.True(events.Reallocations >= 1 && events.TokensMoved >= 1, "the delayed slot's patients should have moved");
        Assert.True(events.LateArrivals >= 1, "a no-show should have come back late");
        Assert.True(events.SweptNoShows >= 1);
    }

    [Fact]
    public async Task Same_seed_gives_the_same_day_twice()
    {
        var first = new StringWriter();
        var second = new StringWriter();

        var exits = new[]
        {
            await OpdDaySimulation.RunAsync(["--seed", "11", "--patients", "40"], first, Ct),
            await OpdDaySimulation.RunAsync(["--seed", "11", "--patients", "40"], second, Ct),
        };

        Assert.All(exits, exit => Assert.Equal(0, exit));
        Assert.Equal(first.ToString(), second.ToString());
        Assert.Contains("a random day, seed 11", first.ToString());
    }

    [Fact]
    public async Task Different_seeds_give_different_days()
    {
        var a = new StringWriter();
        var b = new StringWriter();

        await OpdDaySimulation.RunAsync(["--seed", "1"], a, Ct);
        await OpdDaySimulation.RunAsync(["--seed", "2"], b, Ct);

        Assert.NotEqual(a.ToString(), b.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData(5)]
    public async Task Sixty_patients_work_with_and_without_a_seed(int? seed)
    {
        var report = await OpdDaySimulation.RunDayAsync(new SimulationSettings(seed, 60), TextWriter.Null, Ct);

        Assert.True(report.CheckHolds, string.Join("; ", report.Unexpected));
        Assert.Equal(60, report.DeskIssued + report.Events.TurnedAway);
        Assert.Equal(report.Total.Issued, report.Total.Accounted);
    }

    [Fact]
    public async Task Patients_option_scales_the_day_from_the_command_line()
    {
        var output = new StringWriter();

        var exit = await OpdDaySimulation.RunAsync(["--patients", "60"], output, Ct);

        Assert.Equal(0, exit);
        Assert.Contains("the reference day and 38 more patients (60 patients)", output.ToString());
    }
}

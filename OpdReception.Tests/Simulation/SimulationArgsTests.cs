using OpdReception.Simulation;

namespace OpdReception.Tests.Simulation;

public sealed class SimulationArgsTests
{
    [Theory]
    [InlineData("--seed")]
    [InlineData("--seed", "abc")]
    [InlineData("--seed", "-1")]
    [InlineData("--seed", "1", "--seed", "2")]
    [InlineData("--patients", "0")]
    [InlineData("--patients", "301")]
    [InlineData("--patients", "5")]
    [InlineData("--patients", "2.5")]
    [InlineData("--days", "3")]
    [InlineData("seed", "3")]
    [InlineData("--json")]
    [InlineData("--json", "--seed", "3")]
    [InlineData("--json", "a.json", "--json", "b.json")]
    [InlineData("--service", "lognormal")]
    [InlineData("--seed", "1", "--service", "gamma")]
    [InlineData("--seed", "1", "--service")]
    [InlineData("--seed", "1", "--service-cv", "0.3")]
    [InlineData("--seed", "1", "--service", "lognormal", "--service-cv", "0")]
    [InlineData("--seed", "1", "--service", "lognormal", "--service-cv", "lots")]
    [InlineData("--seed", "1", "--seeds", "1-3")]
    [InlineData("--seeds", "5-1")]
    [InlineData("--seeds", "1-200")]
    [InlineData("--seeds", "7")]
    [InlineData("--max-overtakes", "0")]
    [InlineData("--max-overtakes", "1001")]
    public async Task Bad_arguments_exit_with_2_and_say_why(params string[] args)
    {
        var output = new StringWriter();

        var exit = await OpdDaySimulation.RunAsync(args, output, TestContext.Current.CancellationToken);

        Assert.Equal(2, exit);
        Assert.StartsWith("simulate: ", output.ToString());
        Assert.Contains("Usage:", output.ToString());
    }

    [Fact]
    public async Task Help_prints_usage_and_exits_0()
    {
        var output = new StringWriter();

        var exit = await OpdDaySimulation.RunAsync(["--help"], output, TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        Assert.Contains("--patients N", output.ToString());
    }

    [Theory]
    [InlineData(new string[0], null, 22)]
    [InlineData(new[] { "--seed", "7" }, 7, 22)]
    [InlineData(new[] { "--seed=7", "--patients=5" }, 7, 5)]
    [InlineData(new[] { "--patients", "60", "--seed", "0" }, 0, 60)]
    [InlineData(new[] { "--patients", "30" }, null, 30)]
    public void Good_arguments_are_understood(string[] args, int? seed, int patients)
    {
        Assert.True(SimulationArgs.TryParse(args, out var settings, out var error), error);
        Assert.Equal(new SimulationSettings(seed, patients), settings);
    }

    [Fact]
    public void Json_takes_a_file_name()
    {
        Assert.True(SimulationArgs.TryParse(["--seed", "1", "--json", "out/day.json", "--patients", "120"], out var settings, out var error), error);
        Assert.Equal(new SimulationSettings(1, 120, "out/day.json"), settings);
        Assert.True(SimulationArgs.TryParse(["--json=day.json"], out settings, out error), error);
        Assert.Equal("day.json", settings!.JsonPath);
    }

    [Fact]
    public void Lognormal_service_takes_its_spread_and_defaults_to_half_the_mean()
    {
        Assert.True(SimulationArgs.TryParse(["--seed", "3", "--service", "lognormal"], out var settings, out var error), error);
        Assert.Equal(new SimulationSettings(3, 22, Service: new ServiceTimes(ServiceModel.LogNormal, 0.5)), settings);
        Assert.True(SimulationArgs.TryParse(["--seed=3", "--service=lognormal", "--service-cv=0.8"], out settings, out error), error);
        Assert.Equal(new ServiceTimes(ServiceModel.LogNormal, 0.8), settings!.Service);
        Assert.True(SimulationArgs.TryParse(["--seed", "3", "--service", "uniform"], out settings, out error), error);
        Assert.Equal(new SimulationSettings(3, 22), settings);
    }

    [Fact]
    public void Seeds_run_a_range_of_days_and_max_overtakes_sets_the_engine_option()
    {
        Assert.True(SimulationArgs.TryParse(["--seeds", "1-10", "--patients", "120", "--max-overtakes", "8"], out var settings, out var error), error);
        Assert.Equal(new SimulationSettings(1, 120, MaxOvertakes: 8, LastSeed: 10), settings);
        Assert.Equal(new SimulationSettings(4, 120, MaxOvertakes: 8), settings!.Day(4));
    }

    [Fact]
    public void Fewer_patients_than_the_scripted_day_need_a_seed()
    {
        Assert.False(SimulationArgs.TryParse(["--patients", "10"], out _, out var error));
        Assert.Contains("--seed", error);
    }
}

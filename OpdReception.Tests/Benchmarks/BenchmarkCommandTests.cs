using OpdReception.Benchmarks;

namespace OpdReception.Tests.Benchmarks;

/// <summary>The in-process benchmark (`benchmark engine`) must keep running as the engine changes; its figures are read by people, never asserted.</summary>
public sealed class BenchmarkCommandTests
{
    [Fact]
    public async Task Benchmark_prints_every_figure_with_its_ratio_to_the_baseline()
    {
        var output = new StringWriter();

        var exitCode = await OpdBenchmark.RunAsync(["engine", "--runs", "10"], output, TestContext.Current.CancellationToken);

        var text = output.ToString();
        Assert.Equal(0, exitCode);
        foreach (var row in new[] { "bare durable write (baseline)", "issue a token (engine, one desk)", "issue a token (engine, 8 desks, one slot)", "read a queue", "arrange a doctor's day of 200 (rules)" })
        {
            Assert.Contains(row, text);
        }

        Assert.Matches(@"issue a token \(engine, one desk\)\s+10\s.*\d+\.\d\dx", text);
        Assert.Contains("year-old", text);
        foreach (var row in new[] { "read a slot's queue (20 tokens)", "read a doctor's day queue", "issue a token", "tokens of one returning patient", "refuse a token in a full slot, naming the next" })
        {
            Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(row)}\s+10\s+\d+\.\d\s+\d+\.\d\s+\d+\.\d\dx", text);
        }
    }

    [Theory]
    [InlineData("engine", "--runs")]
    [InlineData("engine", "--runs", "3")]
    [InlineData("--runs", "10")]
    [InlineData("--fast")]
    [InlineData("--out")]
    public async Task Bad_arguments_print_usage_and_exit_2(params string[] args)
    {
        var output = new StringWriter();

        Assert.Equal(2, await OpdBenchmark.RunAsync(args, output, TestContext.Current.CancellationToken));
        Assert.Contains("usage", output.ToString());
    }
}

using System.Text.Json;
using OpdReception.Benchmarks;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Benchmarks;

/// <summary>
/// The HTTP benchmark end to end in quick mode, against this build run as its own process: it must print the table,
/// write it as JSON and Markdown, and find every slot it issued into exactly right. Its figures are read by people,
/// never asserted.
/// </summary>
public sealed class HttpBenchmarkTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Quick_benchmark_prints_and_writes_every_figure_and_every_slot_checks_out()
    {
        // The live-board rows need Chromium; the suite installs it where it is missing, as the browser tests do, so they are proven too.
        await Chromium.BrowserAsync();
        var output = new StringWriter();
        var outFolder = _folder.File("bench");

        var exitCode = await OpdBenchmark.RunAsync(["--quick", "--out", outFolder], output, TestContext.Current.CancellationToken);

        var text = output.ToString();
        Assert.True(exitCode == 0, text);
        Assert.Contains("Correctness: passed.", text);
        var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outFolder, "latest-quick.json"), TestContext.Current.CancellationToken)).RootElement;
        var markdown = await File.ReadAllTextAsync(Path.Combine(outFolder, "latest-quick.md"), TestContext.Current.CancellationToken);

        Assert.True(json.GetProperty("correctness").GetProperty("passed").GetBoolean());
        Assert.Empty(json.GetProperty("correctness").GetProperty("problems").EnumerateArray());
        Assert.True(json.GetProperty("correctness").GetProperty("acknowledged").GetInt32() > 0);
        Assert.True(json.GetProperty("machine").GetProperty("cores").GetInt32() > 0);
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("machine").GetProperty("cpu").GetString()));

        var figures = json.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("figure").GetString()!).ToList();
        var expected = new List<string> { "raw durable insert" };
        foreach (var clients in BenchSize.Quick.Clients)
        {
            var who = clients == 1 ? "1 client" : $"{clients} clients";
            expected.Add($"spread over {BenchSize.Quick.SpreadSlots} slots of as many doctors, {who}");
            expected.Add($"one slot of {BenchSize.Quick.ConcentratedCapacity} seats, {BenchSize.Quick.ConcentratedCapacity + BenchSize.Quick.ConcentratedOverflow} requests, {who}");
        }

        foreach (var tokens in BenchSize.Quick.QueueSizes)
        {
            expected.Add($"slot queue of {tokens} tokens, empty database");
            expected.Add($"slot queue of {tokens} tokens, year-old database");
        }

        expected.AddRange(["doctor's day queue", $"reallocate {BenchSize.Quick.ReallocatedTokens} tokens of a cancelled slot, year-old database"]);
        expected.AddRange(["server memory per open waiting-room display", "server memory per open desk board", "visible on every open display", "visible on every open board"]);
        expected.AddRange(["no display open", $"{BenchSize.Quick.LoadedDisplays} displays open"]);
        expected.AddRange(["first load of the page", $"server memory per open patient page, {BenchSize.Quick.PatientPages} open", "on every open page of that doctor's patients",
            $"server memory per patient page open in headless Chromium, {BenchSize.Quick.PatientTabs} tabs"]);

        foreach (var figure in expected)
        {
            Assert.Contains(figures, f => f.Contains(figure, StringComparison.Ordinal));
            Assert.Contains(figure, text);
            Assert.Contains(figure, markdown);
        }

        // Every HTTP issuing figure is read against the raw insert of the same run, every year-old read against the empty one.
        foreach (var row in json.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("unit").GetString() == "tokens/s"))
        {
            Assert.True(row.GetProperty("ratio").GetDouble() > 0);
            Assert.StartsWith("raw insert", row.GetProperty("baseline").GetString());
        }

        Assert.All(json.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("figure").GetString()!.EndsWith("year-old database", StringComparison.Ordinal)),
            row => Assert.Equal("empty database", row.GetProperty("baseline").GetString()));
        Assert.Contains("| figure | value | baseline | ratio |", markdown);
        Assert.Contains("Machine: ", markdown);
        Assert.Contains("Correctness: passed", markdown);
    }

    public void Dispose() => _folder.Dispose();
}

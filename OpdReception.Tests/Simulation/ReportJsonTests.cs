using System.Text.Json;
using OpdReception.Simulation;

namespace OpdReception.Tests.Simulation;

public sealed class ReportJsonTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTime Ten = new(2026, 12, 7, 10, 0, 0);

    private static DayReport Report()
    {
        CalledPatient[] called =
        [
            // Told 10:00 (09:50-10:15), which nominal minutes alone would have put at 10:05; called 10:12.
            new("Online", "Dr. Test (Testing)", [new(EstimateMoment.Issued, Ten.AddHours(-2), Ten, Ten.AddMinutes(-10), Ten.AddMinutes(15), Ten.AddMinutes(5))],
                Ten.AddMinutes(-20), Ten.AddMinutes(12)),
            new("Walk-in", "Dr. Test (Testing)", [new(EstimateMoment.Issued, Ten.AddMinutes(-30), Ten)], Ten.AddMinutes(-30), Ten.AddMinutes(-4)),
        ];
        var events = new DeskEvents(0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        var tally = new Tally(2, 2, 0, 0, 0, 0, 0, 0);
        return new DayReport("test day", new DateOnly(2026, 12, 7), Ten.AddHours(8), 2,
            [new TallyRow("Dr. Test (Testing)", 2, tally)], [new TallyRow("Online", 1, tally with { Issued = 1, Completed = 1 }), new TallyRow("Walk-in", 1, tally with { Issued = 1, Completed = 1 })],
            events, new StoredCounts(0, 1), [])
        {
            EtaAccuracy = EtaAccuracy.Of(called, ["Online", "Walk-in", "Emergency"], ToldTime.First, Estimator.InUse),
            EtaBaseline = EtaAccuracy.Of(called, ["Online", "Walk-in", "Emergency"], ToldTime.First, Estimator.Nominal),
            EtaLastTold = EtaAccuracy.Of(called, ["Online", "Walk-in", "Emergency"], ToldTime.Last, Estimator.InUse),
            EtaLastToldThirtyMinutesBefore = EtaAccuracy.Of(called, ["Online", "Walk-in", "Emergency"], ToldTime.LastThirtyMinutesBefore, Estimator.InUse),
            CheckInToCall = WaitFigures.CheckInToCall(called),
            Fairness = Fairness.Of(called, ["Online", "Walk-in", "Emergency"]),
            DoctorTimes = [new DoctorTime("Dr. Test (Testing)", 2, 30, 0)],
            SentAway = new SentAway(1, 0, 0),
            Called = called,
        };
    }

    [Fact]
    public void The_json_carries_eta_accuracy_overall_and_per_source_under_stable_names()
    {
        using var json = JsonDocument.Parse(ReportJson.Serialize(Report()));
        var eta = json.RootElement.GetProperty("etaAccuracy");

        Assert.Equal(2, eta.GetProperty("patients").GetInt32());
        Assert.Equal(8, eta.GetProperty("medianAbsMinutes").GetDouble());
        Assert.Equal(12, eta.GetProperty("p90AbsMinutes").GetDouble());
        Assert.Equal(0.5, eta.GetProperty("withinTenMinutesShare").GetDouble());
        Assert.Equal(0.5, eta.GetProperty("earlierThanToldShare").GetDouble());
        Assert.Equal(4, eta.GetProperty("medianSignedMinutes").GetDouble());
        var online = eta.GetProperty("bySource").GetProperty("Online");
        Assert.Equal(12, online.GetProperty("medianAbsMinutes").GetDouble());
        Assert.Equal(12, online.GetProperty("p90AbsMinutes").GetDouble());
        Assert.Equal(0, online.GetProperty("withinTenMinutesShare").GetDouble());
        Assert.Equal(JsonValueKind.Null, eta.GetProperty("bySource").GetProperty("Emergency").GetProperty("medianAbsMinutes").ValueKind);
        Assert.Equal(0.5, eta.GetProperty("byDoctor").GetProperty("Dr. Test (Testing)").GetProperty("withinTenMinutesShare").GetDouble());
        Assert.Equal(2, eta.GetProperty("byMoment").GetProperty("Issued").GetProperty("patients").GetInt32());
    }

    [Fact]
    public void The_json_holds_the_first_told_headline_beside_its_nominal_baseline_and_the_last_told_figures()
    {
        using var json = JsonDocument.Parse(ReportJson.Serialize(Report()));
        var root = json.RootElement;
        var eta = root.GetProperty("etaAccuracy");
        var baseline = root.GetProperty("etaBaseline");

        Assert.Equal("First", eta.GetProperty("judged").GetString());
        Assert.Equal(80, eta.GetProperty("meanSquaredError").GetDouble()); // (12² + 4²) / 2
        Assert.Equal(1, eta.GetProperty("rangesTold").GetInt32());
        Assert.Equal(1, eta.GetProperty("withinRangeShare").GetDouble());
        Assert.Equal(0, eta.GetProperty("lateBeyondRangeShare").GetDouble());
        Assert.Equal(25, eta.GetProperty("medianRangeWidthMinutes").GetDouble());
        Assert.Equal("Nominal", baseline.GetProperty("estimator").GetString());
        Assert.Equal(5.5, baseline.GetProperty("medianAbsMinutes").GetDouble()); // 7 and 4
        Assert.Equal(32.5, baseline.GetProperty("meanSquaredError").GetDouble());
        Assert.Equal(JsonValueKind.Null, baseline.GetProperty("withinRangeShare").ValueKind);
        Assert.Equal(JsonValueKind.Null, baseline.GetProperty("medianRangeWidthMinutes").ValueKind);
        Assert.Equal("Last", root.GetProperty("etaLastTold").GetProperty("judged").GetString());
        var halfHourBefore = root.GetProperty("etaLastToldThirtyMinutesBefore");
        Assert.Equal("LastThirtyMinutesBefore", halfHourBefore.GetProperty("judged").GetString());
        Assert.Equal(1, halfHourBefore.GetProperty("patients").GetInt32()); // the walk-in was told only 26 minutes before the call
        Assert.Equal(Ten, root.GetProperty("called")[0].GetProperty("firstTold").GetProperty("estimate").GetDateTime());
    }

    [Fact]
    public void The_json_is_the_whole_report()
    {
        using var json = JsonDocument.Parse(ReportJson.Serialize(Report()));
        var root = json.RootElement;

        Assert.Equal("test day", root.GetProperty("title").GetString());
        Assert.Equal(2, root.GetProperty("total").GetProperty("completed").GetInt32());
        Assert.Equal(1, root.GetProperty("events").GetProperty("turnedAway").GetInt32());
        Assert.True(root.GetProperty("checkHolds").GetBoolean());
        Assert.Equal(32, root.GetProperty("checkInToCall").GetProperty("p90Minutes").GetDouble());
        Assert.Equal(30, root.GetProperty("doctorTimes")[0].GetProperty("idleMinutes").GetInt32());
        var fairness = root.GetProperty("fairness");
        Assert.Equal(32, fairness.GetProperty("longestWaitBySource").GetProperty("Online").GetDouble());
        Assert.Equal(26, fairness.GetProperty("longestWaitBySource").GetProperty("Walk-in").GetDouble());
        Assert.Equal(0, fairness.GetProperty("overtakes").GetInt32()); // the later arrival, online, was called after the walk-in
        Assert.Equal(1, fairness.GetProperty("walkIns").GetInt32());
        Assert.Equal(1, root.GetProperty("sentAway").GetProperty("total").GetInt32());
        var first = root.GetProperty("called")[0];
        Assert.Equal("Online", first.GetProperty("source").GetString());
        Assert.Equal("Issued", first.GetProperty("told")[0].GetProperty("moment").GetString());
        Assert.Equal(Ten.AddMinutes(12), first.GetProperty("calledAt").GetDateTime());
    }

    [Fact]
    public async Task Simulate_with_json_writes_the_report_to_the_file()
    {
        var folder = Directory.CreateTempSubdirectory("opd-json-");
        try
        {
            var path = Path.Combine(folder.FullName, "out", "day.json");
            var output = new StringWriter();

            var exit = await OpdDaySimulation.RunAsync(["--seed", "3", "--patients", "40", "--json", path], output, Ct);

            Assert.Equal(0, exit);
            Assert.Contains($"Report written to {path}", output.ToString());
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(path, Ct));
            var eta = json.RootElement.GetProperty("etaAccuracy");
            Assert.True(eta.GetProperty("patients").GetInt32() > 20);
            Assert.InRange(eta.GetProperty("withinTenMinutesShare").GetDouble(), 0, 1);
            Assert.Equal(["Online", "Walk-in", "Priority", "Follow-up", "Emergency"], eta.GetProperty("bySource").EnumerateObject().Select(p => p.Name));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}

using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using OpdReception.Benchmarks;
using OpdReception.Simulation;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Benchmarks;

/// <summary>
/// Issue 6, "cost that does not grow with history": on a database holding a year of a busy OPD (a million tokens),
/// every query of today's slot queue, issuing, one token and one patient's tokens finds its rows through an index
/// and never reads the Tokens table from end to end. Query plans, not timings, so the test is the same on any machine.
/// </summary>
public sealed partial class CostDoesNotGrowWithHistoryTests
{
    private static readonly DateOnly Day = new(2030, 1, 7);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task On_a_year_old_database_no_query_of_todays_work_scans_the_tokens()
    {
        var recorder = new SqlRecorder();
        await using var host = await SimulationHost.StartAsync(Day.ToDateTime(new TimeOnly(7, 0)), o => o.AddInterceptors(recorder), Ct);
        var history = await YearOfHistory.SeedAsync(host.ConnectionString, Day, ct: Ct);
        var today = await TodayOnTopOfHistory.SetUpAsync(host.Desk, Day, Ct);

        foreach (var operation in today.Operations(Ct))
        {
            recorder.Operation = operation.Name;
            await operation.Run(0);
        }

        recorder.Operation = null;
        Assert.InRange(history.Tokens, 1_000_000, 1_010_000);
        var plans = await PlansAsync(host.ConnectionString, recorder.Commands);
        Assert.Equal(today.Operations(Ct).Select(o => o.Name), plans.Select(p => p.Command.Operation).Distinct());
        var scans = plans.Where(p => p.ScansTokens).Select(p => $"{p.Command.Operation}: {p.Detail}\n  {p.Command.Text}").ToList();
        Assert.True(scans.Count == 0, string.Join("\n\n", scans));
        Assert.Contains(plans, p => p.Detail.Contains("USING INDEX IX_Tokens_SlotId", StringComparison.Ordinal));
        Assert.Contains(plans, p => p.Detail.Contains("USING INDEX IX_Tokens_PatientId", StringComparison.Ordinal));
    }

    private sealed record Plan(RecordedSql Command, string Detail, bool ScansTokens);

    /// <summary>SQLite's own account of how it runs each recorded statement, with the same parameters.</summary>
    private static async Task<List<Plan>> PlansAsync(string connectionString, IEnumerable<RecordedSql> commands)
    {
        var plans = new List<Plan>();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(Ct);
        foreach (var command in commands)
        {
            foreach (var statement in StatementEnd().Split(command.Text).Where(s => !string.IsNullOrWhiteSpace(s)))
            {
                var tokens = TokensAlias().Matches(statement).Select(m => m.Groups["alias"].Value).Append("Tokens").ToHashSet();
                await using var explain = connection.CreateCommand();
                explain.CommandText = "EXPLAIN QUERY PLAN " + statement;
                foreach (var (name, value) in command.Parameters.Where(p => statement.Contains(p.Name, StringComparison.Ordinal)))
                {
                    explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
                }

                await using var reader = await explain.ExecuteReaderAsync(Ct);
                while (await reader.ReadAsync(Ct))
                {
                    var detail = reader.GetString(3);
                    var scanned = ScanOf().Match(detail) is { Success: true } scan && tokens.Contains(scan.Groups["table"].Value);
                    var automatic = detail.Contains("AUTOMATIC", StringComparison.Ordinal) && tokens.Any(t => detail.Contains($" {t} ", StringComparison.Ordinal));
                    plans.Add(new Plan(command, detail, scanned || automatic));
                }
            }
        }

        return plans;
    }

    [GeneratedRegex(@";\s*(?:\r?\n|$)")]
    private static partial Regex StatementEnd();

    [GeneratedRegex(@"""Tokens"" AS ""(?<alias>\w+)""")]
    private static partial Regex TokensAlias();

    [GeneratedRegex(@"^SCAN (?<table>\w+)")]
    private static partial Regex ScanOf();
}

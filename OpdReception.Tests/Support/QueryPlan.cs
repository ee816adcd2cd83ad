using Microsoft.EntityFrameworkCore;
using OpdReception.Data;

namespace OpdReception.Tests.Support;

/// <summary>How SQLite runs a query EF makes: the lines of EXPLAIN QUERY PLAN, to prove a sweep goes through its index.</summary>
public static class QueryPlan
{
    public static async Task<IReadOnlyList<string>> ExplainAsync<T>(OpdDbContext db, IQueryable<T> query)
    {
        var ct = TestContext.Current.CancellationToken;
        await db.Database.OpenConnectionAsync(ct);
        var sql = query.ToQueryString();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        // ToQueryString gives SQLite's ".param set @name value" lines first, then the query.
        var lines = sql.Split('\n');
        foreach (var param in lines.Where(l => l.StartsWith(".param set ", StringComparison.Ordinal)))
        {
            var parts = param.Split(' ', 4);
            var parameter = command.CreateParameter();
            parameter.ParameterName = parts[2];
            parameter.Value = parts[3].Trim().Trim('\'');
            command.Parameters.Add(parameter);
        }

        command.CommandText = "EXPLAIN QUERY PLAN " + string.Join('\n', lines.Where(l => !l.StartsWith(".param", StringComparison.Ordinal)));
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            plan.Add(reader.GetString(3));
        }

        return plan;
    }
}

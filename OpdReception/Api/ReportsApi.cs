using System.Text;
using OpdReception.Domain;
using OpdReception.Services;

namespace OpdReception.Api;

/// <summary>The superintendent's reports (Admin only, the rule table): JSON, or one table as CSV, or Excel.</summary>
internal static class ReportsApi
{
    public static void MapReports(this IEndpointRouteBuilder api)
    {
        api.MapGet("/reports/{kind}", ReadAsync)
            .WithTags("Reports")
            .Produces<ReportView>().Produces<ReportTable>().ProducesErrors(400, 404)
            .WithSummary("A report of closed days, read from the daily summaries: kind is all, patients, waits, hours, told, seats or weekdays; " +
                "from and to (at most 366 days; default today), or period day, week or month around date; doctorId for one doctor; " +
                "format json (default), csv (one table) or xlsx (a sheet per table)");
    }

    private static async Task<IResult> ReadAsync(
        string kind, DateOnly? from, DateOnly? to, string? period, DateOnly? date, int? doctorId, string? format, Reports reports, HospitalClock clock,
        CancellationToken ct)
    {
        var check = new Validation()
            .Require(kind == ReportExport.All || ReportExport.Keys.Contains(kind), "kind", $"Kind must be {ReportExport.All} or one of {string.Join(", ", ReportExport.Keys)}.")
            .Require(format is null or "json" or "csv" or "xlsx", "format", "Format must be json, csv or xlsx.")
            .Require(!(format == "csv" && kind == ReportExport.All), "format", "A CSV file holds one table: ask for one of " + string.Join(", ", ReportExport.Keys) + ".")
            .Require(period is null || Enum.TryParse<ReportSpan>(period, ignoreCase: true, out _), "period", "Period must be day, week or month.")
            .Require(period is null || (from is null && to is null), "period", "Give either a period and a date, or from and to.");
        if (!check.IsValid)
        {
            return ApiResults.ToHttp(check.ToProblem());
        }

        if (period is not null)
        {
            (from, to) = ReportFigures.Period(Enum.Parse<ReportSpan>(period, ignoreCase: true), date ?? clock.Today);
        }

        var result = await reports.ReadAsync(from, to, doctorId, ct);
        if (result.Problem is { } problem)
        {
            return ApiResults.ToHttp(problem);
        }

        var report = result.Value!;
        var tables = ReportExport.Tables(report.Tables).Where(t => kind == ReportExport.All || t.Key == kind).ToList();
        var name = $"opd-{kind}-{report.From:yyyy-MM-dd}-to-{report.To:yyyy-MM-dd}{(report.DoctorId is { } id ? $"-doctor-{id}" : "")}";
        return format switch
        {
            "csv" => TypedResults.File(Encoding.UTF8.GetBytes(ReportExport.Csv(tables[0])), "text/csv; charset=utf-8", name + ".csv"),
            "xlsx" => TypedResults.File(ReportExport.Excel(tables), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx"),
            _ when kind == ReportExport.All => TypedResults.Ok(report),
            _ => TypedResults.Ok(tables[0]),
        };
    }
}

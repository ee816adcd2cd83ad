using System.Globalization;
using System.Net;
using ClosedXML.Excel;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>
/// A doctor's day summed up when it closes, and the reports read from those summaries only, over the API as JSON,
/// CSV and Excel, against a real SQLite file.
/// </summary>
public sealed class ReportsTests(OpdApp app) : IClassFixture<OpdApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly Desk _desk = new(app.CreateClient());

    private static string Day => OpdApp.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task Ok(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Two walk-ins seen (arrived 08:30, called 09:05 and 09:17, told 09:00 and 09:10, 12 minutes each), one walk-in
    /// who left, one booking that never came; the day then closes.
    /// </summary>
    private async Task<int> PlayDayAsync(string name)
    {
        app.SetTime(8, 30);
        var doctor = await _desk.Doctor(name: name);
        var slot = await _desk.Slot(doctor.Id, "09:00", "10:00");
        var first = await _desk.Issue("walkin", slot.Id, name: "Asha Report");
        var second = await _desk.Issue("walkin", slot.Id, name: "Balu Report");
        var left = await _desk.Issue("walkin", slot.Id, name: "Charu Report");
        await _desk.Issue("book", slot.Id, name: "Deepa Report");
        await Ok(_desk.SetStatus(left.Id, "Cancelled", "Went home"));

        app.SetTime(9, 5);
        await Ok(_desk.Client.PostAsync($"/api/doctors/{doctor.Id}/call-next", null, Ct));
        app.SetTime(9, 17);
        await Ok(_desk.SetStatus(first.Id, "Completed"));
        await Ok(_desk.Client.PostAsync($"/api/doctors/{doctor.Id}/call-next", null, Ct));
        app.SetTime(9, 29);
        await Ok(_desk.SetStatus(second.Id, "Completed"));

        app.SetTime(13, 0);
        await app.Service<CloseFinishedDays>().CloseFinishedDaysAsync(Ct);
        return doctor.Id;
    }

    private async Task<OpdDbContext> DbAsync() => await app.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(Ct);

    private Task<HttpResponseMessage> Report(string kind, string query) => _desk.Client.GetAsync($"/api/reports/{kind}?{query}", Ct);

    [Fact]
    public async Task Closing_a_day_writes_its_summary_in_the_same_transaction()
    {
        var doctorId = await PlayDayAsync("Dr. Summary Written");

        await using var db = await DbAsync();
        var summary = await db.DailySummaries.AsNoTracking().SingleAsync(s => s.DoctorId == doctorId, Ct);
        Assert.Equal(OpdApp.Day, summary.Date);
        Assert.Equal((1, 3, 0, 0, 0), (summary.Online, summary.WalkIn, summary.Priority, summary.FollowUp, summary.Emergency));
        Assert.Equal((2, 1, 1), (summary.Seen, summary.DidNotCome, summary.Cancelled));
        Assert.Equal(("8:35,47", "12,12", "9:3/1"), (summary.WaitsByHour, summary.Consultations, summary.AttendanceByHour));
        Assert.Equal((2, 2, "5,7"), (summary.Told, summary.OnTime, summary.Misses));
        Assert.Equal((0, 6, 2), (summary.EmergencySeatsAdded, summary.Capacity, summary.SeatsTaken));
    }

    [Fact]
    public async Task The_report_reads_the_summaries_into_tables_by_doctor_by_hour_and_by_day()
    {
        var doctorId = await PlayDayAsync("Dr. Report Tables");

        var response = await Report("all", $"from={Day}&to={Day}&doctorId={doctorId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Read<ReportView>();
        Assert.Equal(1, report.Days);
        var t = report.Tables;
        Assert.Equal(new PatientsRow("Dr. Report Tables", 1, 3, 0, 0, 0, 4, 2, 1, 1, 33), t.Patients[0]);
        Assert.Equal(t.Patients[0] with { Doctor = ReportFigures.AllDoctors }, t.Patients[1]);
        Assert.Equal(new WaitsRow("Dr. Report Tables", 2, 41, 47, 2, 12, 12), t.Waits[0]);
        Assert.Equal([new HourRow(8, 2, 41, 47, 0, 0, null), new HourRow(9, 0, null, null, 3, 1, 33)], t.Hours);
        Assert.Equal(new ToldRow(OpdApp.Day, "Dr. Report Tables", 2, 2, 100, 6), Assert.Single(t.Told));
        Assert.Equal(new SeatsRow("Dr. Report Tables", 6, 2, 33, 0), t.Seats[0]);
        Assert.Equal(new HeatCell(DayOfWeek.Monday, 8, 2, 41), Assert.Single(t.Weekdays, c => c.Waited > 0));
    }

    [Fact]
    public async Task A_table_downloads_as_csv_and_the_whole_report_as_an_excel_workbook()
    {
        var doctorId = await PlayDayAsync("=Dr. Csv Excel");
        var query = $"from={Day}&to={Day}&doctorId={doctorId}";

        var csvResponse = await Report("waits", query + "&format=csv");
        var xlsxResponse = await Report("all", query + "&format=xlsx");

        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        using var reader = CsvReader.Create(new StringReader(await csvResponse.Content.ReadAsStringAsync(Ct)));
        reader.ReadHeader();
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
        }

        // The name starting with "=" is escaped, never a formula; the rest are the figures.
        Assert.Equal([["'=Dr. Csv Excel", "2", "41", "47", "2", "12", "12"], ["All doctors", "2", "41", "47", "2", "12", "12"]], rows);

        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsxResponse.Content.Headers.ContentType?.MediaType);
        using var workbook = new XLWorkbook(await xlsxResponse.Content.ReadAsStreamAsync(Ct));
        Assert.Equal(ReportExport.Keys, workbook.Worksheets.Select(w => w.Name));
        var patients = workbook.Worksheet("patients");
        Assert.Equal(("Doctor", "Did not come"), (patients.Cell(1, 1).GetString(), patients.Cell(1, 9).GetString()));
        Assert.Equal("=Dr. Csv Excel", patients.Cell(2, 1).GetString());
        Assert.False(patients.Cell(2, 1).HasFormula);
        Assert.Equal((4.0, 2.0, 1.0), (patients.Cell(2, 7).GetDouble(), patients.Cell(2, 8).GetDouble(), patients.Cell(2, 9).GetDouble()));
        var told = workbook.Worksheet("told");
        Assert.Equal((OpdApp.Day.ToDateTime(TimeOnly.MinValue), 100.0, 6.0), (told.Cell(2, 1).GetDateTime(), told.Cell(2, 5).GetDouble(), told.Cell(2, 6).GetDouble()));
    }

    [Theory]
    [InlineData("all", "from=2030-01-08&to=2030-01-07", "from")]
    [InlineData("all", "from=2029-01-01&to=2030-01-02", "to")]
    [InlineData("all", "doctorId=0", "doctorId")]
    [InlineData("all", "doctorId=999999", "doctorId")]
    [InlineData("bogus", "", "kind")]
    [InlineData("all", "format=csv", "format")]
    [InlineData("all", "format=pdf", "format")]
    [InlineData("all", "period=fortnight", "period")]
    [InlineData("all", "period=week&from=2030-01-07", "period")]
    [InlineData("all", "from=yesterday", "from")]
    public async Task A_bad_range_doctor_kind_or_format_is_refused_naming_the_field(string kind, string query, string field)
    {
        var response = await Report(kind, query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.ReadJson()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_date_that_is_no_date_is_refused_in_a_sentence_that_begins_with_a_capital()
    {
        var response = await Report("all", "period=week&date=tuesday");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJson()).GetProperty("errors");
        Assert.StartsWith("Date must be a date written YYYY-MM-DD", errors.GetProperty("date")[0].GetString());
    }

    [Fact]
    public async Task A_week_period_covers_monday_to_sunday_around_the_date()
    {
        var doctorId = await PlayDayAsync("Dr. Week Period");

        var report = await (await Report("all", $"period=week&date=2030-01-10&doctorId={doctorId}")).Read<ReportView>();

        Assert.Equal((OpdApp.Day, OpdApp.Day.AddDays(6), 1), (report.From, report.To, report.Days));
    }

    [Fact]
    public async Task A_day_closed_before_summaries_existed_is_summed_up_by_the_first_report_that_covers_it()
    {
        var doctorId = await PlayDayAsync("Dr. Closed Before");
        await using (var db = await DbAsync())
        {
            await db.DailySummaries.Where(s => s.DoctorId == doctorId).ExecuteDeleteAsync(Ct);
        }

        var report = await (await Report("patients", $"from={Day}&to={Day}&doctorId={doctorId}")).Read<ReportTable>();

        Assert.Equal(["Dr. Closed Before", "1", "3", "0", "0", "0", "4", "2", "1", "1", "33"], report.Rows[0].Select(v => v?.ToString()));
        await using var after = await DbAsync();
        Assert.Equal(1, await after.DailySummaries.CountAsync(s => s.DoctorId == doctorId, Ct));
    }

    [Fact]
    public async Task A_months_report_reads_the_summaries_by_their_date_index_and_never_the_tokens()
    {
        await using var db = await DbAsync();
        var first = new DateOnly(2030, 1, 1);
        var last = new DateOnly(2030, 1, 31);

        var all = await QueryPlan.ExplainAsync(db, Reports.Rows(db, first, last, null));
        var one = await QueryPlan.ExplainAsync(db, Reports.Rows(db, first, last, 1));

        Assert.Contains(all, line => line.Contains("IX_DailySummaries_Date", StringComparison.Ordinal));
        Assert.Contains(one, line => line.Contains("IX_DailySummaries_DoctorId_Date", StringComparison.Ordinal));
        Assert.All(all.Concat(one), line => Assert.DoesNotContain("Token", line, StringComparison.Ordinal));
        Assert.DoesNotContain(all.Concat(one), line => line.StartsWith("SCAN DailySummaries", StringComparison.Ordinal) || line.StartsWith("SCAN d", StringComparison.Ordinal));
    }
}

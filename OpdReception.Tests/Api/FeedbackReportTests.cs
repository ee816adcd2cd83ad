using System.Net;
using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;
using OpdReception.Security;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>
/// The time a patient is first told, kept on the token, and the admin's feedback report over a real SQLite file:
/// answers beside the median wait and the share called within ten minutes of the time told.
/// </summary>
public sealed class FeedbackReportTests(OpdApp app) : IClassFixture<OpdApp>
{
    private readonly Desk _desk = new(app.CreateClient());

    private static DateTime At(int hour, int minute) => OpdApp.Day.ToDateTime(new TimeOnly(hour, minute));

    private async Task<Token> Row(int tokenId)
    {
        await using var db = await app.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.Tokens.AsNoTracking().SingleAsync(t => t.Id == tokenId, TestContext.Current.CancellationToken);
    }

    /// <summary>The patient page's answer, written as that page writes it: on the token.</summary>
    private async Task Answer(int tokenId, int score, string? comment, DateTime at)
    {
        await using var db = await app.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        await db.Tokens.Where(t => t.Id == tokenId).ExecuteUpdateAsync(
            s => s.SetProperty(t => t.FeedbackScore, score).SetProperty(t => t.FeedbackComment, comment).SetProperty(t => t.FeedbackAt, at),
            TestContext.Current.CancellationToken);
    }

    private static async Task Ok(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private Task<HttpResponseMessage> Report(string query) => _desk.Client.GetAsync($"/api/admin/feedback?{query}");

    [Fact]
    public async Task A_walk_in_is_told_the_slips_estimate_at_issue_with_or_without_an_idempotency_key()
    {
        app.SetTime(8, 30);
        var doctor = await _desk.Doctor(name: "Dr. Told At Issue");
        var slot = await _desk.Slot(doctor.Id, "09:00", "10:00");

        var first = await _desk.Issue("walkin", slot.Id, name: "First Walker");
        using var keyed = new HttpRequestMessage(HttpMethod.Post, "/api/tokens/walkin")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { slotId = slot.Id, patientName = "Second Walker", phoneNumber = "+91 95555 10001" }, options: Json.Options),
        };
        keyed.Headers.Add("Idempotency-Key", $"told-{Guid.NewGuid():N}");
        var second = await (await _desk.Client.SendAsync(keyed, TestContext.Current.CancellationToken)).Read<TokenView>();

        Assert.Equal((At(9, 0), At(9, 0)), ((await Row(first.Id)).FirstEstimateAt, first.EstimatedTime));
        Assert.Equal((At(9, 10), At(9, 10)), ((await Row(second.Id)).FirstEstimateAt, second.EstimatedTime));
    }

    [Fact]
    public async Task A_booking_is_told_its_time_at_check_in_and_a_later_change_does_not_move_it()
    {
        app.SetTime(8, 0);
        var doctor = await _desk.Doctor(name: "Dr. Told At Check In");
        var slot = await _desk.Slot(doctor.Id, "10:00", "11:00");
        var booked = await _desk.Issue("book", slot.Id, name: "Booked Patient");
        Assert.Null((await Row(booked.Id)).FirstEstimateAt);

        app.SetTime(9, 40);
        await Ok(_desk.SetStatus(booked.Id, "Waiting"));
        Assert.Equal(At(10, 0), (await Row(booked.Id)).FirstEstimateAt);

        // An emergency arriving later goes ahead: the estimate moves, the time told stays.
        var emergency = await _desk.Issue("emergency", slot.Id, name: "Emergency Patient");
        Assert.Equal(At(10, 10), (await _desk.Token(booked.Id)).EstimatedTime);
        Assert.Equal(At(10, 0), (await Row(booked.Id)).FirstEstimateAt);
        Assert.Equal(At(10, 0), (await Row(emergency.Id)).FirstEstimateAt);
    }

    [Fact]
    public async Task The_report_puts_a_doctors_day_answers_beside_the_median_wait_and_the_share_called_on_time()
    {
        app.SetTime(8, 30);
        var doctor = await _desk.Doctor(name: "Dr. Feedback Figures");
        var slot = await _desk.Slot(doctor.Id, "09:00", "10:00");
        var first = await _desk.Issue("walkin", slot.Id, name: "Anjali Feedback");
        var second = await _desk.Issue("walkin", slot.Id, name: "Bharat Feedback");
        var neverCalled = await _desk.Issue("walkin", slot.Id, name: "Chitra Feedback");

        // Told 9:00, called 9:05 (35 min after arriving): on time. Told 9:10, called 9:30 (60 min): 20 late.
        app.SetTime(9, 5);
        await Ok(_desk.Client.PostAsync($"/api/doctors/{doctor.Id}/call-next", null, TestContext.Current.CancellationToken));
        app.SetTime(9, 30);
        await Ok(_desk.SetStatus(first.Id, "Completed"));
        await Ok(_desk.Client.PostAsync($"/api/doctors/{doctor.Id}/call-next", null, TestContext.Current.CancellationToken));
        app.SetTime(9, 45);
        await Ok(_desk.SetStatus(second.Id, "Completed"));
        await Answer(first.Id, 5, "Kind doctor, quick", At(9, 40));
        await Answer(second.Id, 2, "Long wait  ", At(9, 50));

        var response = await Report($"from={OpdApp.Day:yyyy-MM-dd}&to={OpdApp.Day:yyyy-MM-dd}&doctorId={doctor.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var report = await response.Read<FeedbackReportView>();
        var day = Assert.Single(report.Days);
        Assert.Equal((doctor.Id, "Dr. Feedback Figures", OpdApp.Day), (day.DoctorId, day.DoctorName, day.Date));
        Assert.Equal(new FeedbackDay(Answers: 2, AverageScore: 3.5m, Called: 2, MedianWaitMinutes: 48, Told: 2, OnTimePercent: 50), day.Figures);
        Assert.Equal(
            [(second.TokenNumber, 2, "Long wait", "Dr. Feedback Figures"), (first.TokenNumber, 5, "Kind doctor, quick", "Dr. Feedback Figures")],
            report.Comments.Select(c => (c.TokenNumber, c.Score, c.Comment, c.DoctorName)));
        Assert.DoesNotContain(first.PatientName, text, StringComparison.Ordinal);
        Assert.DoesNotContain(second.PatientName, text, StringComparison.Ordinal);
        Assert.DoesNotContain(neverCalled.PatientName, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_report_defaults_to_the_seven_days_up_to_today_and_leaves_other_days_out()
    {
        app.SetTime(8, 0);
        var doctor = await _desk.Doctor(name: "Dr. Two Days");
        var today = await _desk.Issue("book", (await _desk.Slot(doctor.Id, "09:00", "10:00")).Id, name: "Today Patient");
        var tomorrow = await _desk.Issue("book", (await _desk.Slot(doctor.Id, "09:00", "10:00", date: OpdApp.Day.AddDays(1))).Id, name: "Tomorrow Patient");
        await Answer(today.Id, 4, null, At(7, 0));
        await Answer(tomorrow.Id, 1, "Not in range", At(7, 0));

        var report = await (await Report($"doctorId={doctor.Id}")).Read<FeedbackReportView>();

        Assert.Equal((OpdApp.Day.AddDays(-6), OpdApp.Day), (report.From, report.To));
        var day = Assert.Single(report.Days);
        Assert.Equal((OpdApp.Day, 1, 4.0m, (int?)null), (day.Date, day.Figures.Answers, day.Figures.AverageScore, day.Figures.MedianWaitMinutes));
        Assert.Empty(report.Comments);
    }

    [Theory]
    [InlineData("from=2030-01-01&to=2030-02-15", "to")]
    [InlineData("from=2030-01-08&to=2030-01-07", "from")]
    [InlineData("doctorId=0", "doctorId")]
    [InlineData("from=yesterday", "from")]
    public async Task A_range_over_a_month_or_backwards_or_a_wrong_value_is_refused_naming_the_field(string query, string field)
    {
        var response = await Report(query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.ReadJson()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task An_unknown_doctor_is_not_found_and_the_desk_may_not_read_the_report()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Report("doctorId=999999")).StatusCode);
        var receptionist = await app.ClientAsAsync(Roles.Receptionist);
        Assert.Equal(HttpStatusCode.Forbidden, (await receptionist.GetAsync("/api/admin/feedback", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(1)]
    public async Task The_report_reads_the_ranges_slots_through_their_indexes_never_scanning_the_tokens(int? doctorId)
    {
        await using var db = await app.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);

        var plan = await QueryPlan.ExplainAsync(db, FeedbackReport.Rows(db, OpdApp.Day.AddDays(-6), OpdApp.Day, doctorId));

        Assert.Contains(plan, line => line.Contains("IX_Slots_", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.StartsWith("SCAN", StringComparison.Ordinal));
    }
}

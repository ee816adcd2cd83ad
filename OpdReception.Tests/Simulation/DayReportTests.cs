using OpdReception.Simulation;

namespace OpdReception.Tests.Simulation;

public sealed class DayReportTests
{
    private static readonly DeskEvents NoEvents = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    private static DayReport Report(int deskIssued, Tally doctors, Tally sources, params string[] unexpected) => new(
        "test day", new DateOnly(2026, 12, 7), new DateTime(2026, 12, 7, 17, 30, 0), deskIssued,
        [new TallyRow("Dr. Test (Testing)", doctors)], [new TallyRow("Online", sources)], NoEvents, unexpected);

    private static readonly Tally Balanced = new(Issued: 5, Completed: 3, NoShow: 1, Cancelled: 0, StillWaiting: 1, NeverArrived: 0, InConsultation: 0, ExtraSeats: 0);

    [Fact]
    public void A_balanced_day_passes_the_check()
    {
        var report = Report(5, Balanced, Balanced);

        Assert.True(report.CheckHolds);
        Assert.Equal(0, report.ExitCode);
    }

    [Fact]
    public void A_token_the_database_lost_fails_the_check_and_says_so()
    {
        var report = Report(6, Balanced, Balanced);
        var output = new StringWriter();

        ReportPrinter.Print(report, output);

        Assert.Equal(1, report.ExitCode);
        Assert.Contains("FAILED: the desk issued 6 but the database holds 5", output.ToString());
    }

    [Fact]
    public void Parts_that_do_not_add_up_fail_the_check()
    {
        var missing = Balanced with { Completed = 2 };

        Assert.Equal(1, Report(5, missing, missing).ExitCode);
    }

    [Fact]
    public void Unexpected_service_answers_fail_the_check()
    {
        Assert.Equal(1, Report(5, Balanced, Balanced, "09:00 Dr. Test calls the next patient: nobody waiting").ExitCode);
    }
}

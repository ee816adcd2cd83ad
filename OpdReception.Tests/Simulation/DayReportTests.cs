using OpdReception.Simulation;

namespace OpdReception.Tests.Simulation;

/// <summary>Each check is shown to pass on a day that adds up and to fail when one account disagrees with the other.</summary>
public sealed class DayReportTests
{
    // Two swept, one came back late; one cancelled; two moved, one of them onto an emergency seat.
    private static readonly DeskEvents Desk = new(
        Refusals: 0, TookOfferedSlot: 0, TurnedAway: 0, Cancellations: 1, Delays: 1, Reallocations: 1, TokensMoved: 2,
        TokensNotMoved: 0, SweptNoShows: 2, LateArrivals: 1, LateArrivalsRefused: 0, ExtraSeats: 1);

    private static readonly Tally Doctor = new(Issued: 5, Completed: 2, NoShow: 1, Cancelled: 1, StillWaiting: 1, NeverArrived: 0, InConsultation: 0, ExtraSeats: 1);
    private static readonly Tally Online = new(Issued: 3, Completed: 1, NoShow: 1, Cancelled: 1, StillWaiting: 0, NeverArrived: 0, InConsultation: 0, ExtraSeats: 0);
    private static readonly Tally Emergency = new(Issued: 2, Completed: 1, NoShow: 0, Cancelled: 0, StillWaiting: 1, NeverArrived: 0, InConsultation: 0, ExtraSeats: 1);

    private static DayReport Report(
        int deskIssued = 5, Tally? doctor = null, Tally? online = null, Tally? emergency = null,
        DeskEvents? desk = null, int reallocatedEvents = 2, params string[] unexpected) => new(
        "test day", new DateOnly(2026, 12, 7), new DateTime(2026, 12, 7, 17, 30, 0), deskIssued,
        [new TallyRow("Dr. Test (Testing)", deskIssued, doctor ?? Doctor)],
        [new TallyRow("Online", (online ?? Online).Issued, online ?? Online), new TallyRow("Emergency", (emergency ?? Emergency).Issued, emergency ?? Emergency)],
        desk ?? Desk, new StoredCounts(reallocatedEvents, SlotsChecked: 2), unexpected);

    private static string Printed(DayReport report)
    {
        var output = new StringWriter();
        ReportPrinter.Print(report, output);
        return output.ToString();
    }

    [Fact]
    public void A_day_where_desk_and_database_agree_passes_the_check()
    {
        var report = Report();

        Assert.Empty(report.Problems);
        Assert.Equal(0, report.ExitCode);
        Assert.Contains("Check: issued 5 = completed 2 + no-show 1 + cancelled 1 + still waiting 1 + booked, never came 0", Printed(report));
        Assert.Contains("-> OK", Printed(report));
    }

    [Fact]
    public void A_token_the_database_lost_fails_the_check_and_says_so()
    {
        var report = Report(deskIssued: 6);

        Assert.Equal(1, report.ExitCode);
        Assert.Contains("FAILED: the desk issued 6 but the database holds 5", Printed(report));
    }

    [Fact]
    public void A_doctor_holding_other_tokens_than_the_desk_counted_fails_the_check()
    {
        // The total agrees; one token sits with the wrong doctor.
        var report = Report() with
        {
            ByDoctor =
            [
                new TallyRow("Dr. One (Testing)", 3, new Tally(2, Completed: 1, NoShow: 1, Cancelled: 0, StillWaiting: 0, NeverArrived: 0, InConsultation: 0, ExtraSeats: 0)),
                new TallyRow("Dr. Two (Testing)", 2, new Tally(3, Completed: 1, NoShow: 0, Cancelled: 1, StillWaiting: 1, NeverArrived: 0, InConsultation: 0, ExtraSeats: 1)),
            ],
        };

        Assert.Equal(Doctor, report.Total);
        Assert.Equal(
            ["Dr. One (Testing): the desk counts 3 tokens but the database holds 2", "Dr. Two (Testing): the desk counts 2 tokens but the database holds 3"],
            report.Problems);
        Assert.Equal(1, report.ExitCode);
    }

    [Fact]
    public void A_source_holding_other_tokens_than_the_desk_counted_fails_the_check()
    {
        var report = Report() with { BySource = [new TallyRow("Online", 4, Online), new TallyRow("Emergency", 1, Emergency)] };

        Assert.Contains("Online: the desk counts 4 tokens but the database holds 3", report.Problems);
        Assert.False(report.CheckHolds);
    }

    [Fact]
    public void Final_states_that_do_not_add_up_to_the_stored_count_fail_the_check()
    {
        var report = Report(doctor: Doctor with { Completed = 1 });

        Assert.Contains("Dr. Test (Testing): the final states add up to 4, not 5", report.Problems);
        Assert.Equal(1, report.ExitCode);
    }

    [Fact]
    public void Cancellations_the_database_does_not_hold_fail_the_check()
    {
        var report = Report(desk: Desk with { Cancellations = 2 });

        Assert.Contains("the desk cancelled 2 but the database holds 1 cancelled", report.Problems);
        Assert.Equal(1, report.ExitCode);
        Assert.Contains("cancellations 2 != cancelled 1", Printed(report));
    }

    [Fact]
    public void No_shows_that_differ_from_swept_minus_taken_back_fail_the_check()
    {
        var report = Report(desk: Desk with { LateArrivals = 0 });

        Assert.Contains("the desk saw 2 no-shows swept and 0 taken back, but the database holds 1 no-shows", report.Problems);
        Assert.Equal(1, report.ExitCode);
    }

    [Fact]
    public void Extra_seats_the_desk_did_not_see_fail_the_check()
    {
        var report = Report(desk: Desk with { ExtraSeats = 0 });

        Assert.Contains("the desk saw 0 extra seats added but the slots hold 1", report.Problems);
        Assert.False(report.CheckHolds);
    }

    [Fact]
    public void Extra_seats_missing_from_the_history_fail_the_check()
    {
        var report = Report(emergency: Emergency with { ExtraSeats = 0 });

        Assert.Contains("the history records 0 extra seats but the slots hold 1", report.Problems);
        Assert.False(report.CheckHolds);
    }

    [Fact]
    public void An_extra_seat_taken_by_anyone_but_an_emergency_fails_the_check()
    {
        var report = Report(online: Online with { ExtraSeats = 1 }, emergency: Emergency with { ExtraSeats = 0 });

        Assert.Equal(["Online tokens took 1 extra seats; only emergencies may"], report.Problems);
        Assert.Equal(1, report.ExitCode);
    }

    [Fact]
    public void Moves_the_history_does_not_record_fail_the_check()
    {
        var report = Report(reallocatedEvents: 1);

        Assert.Equal(["the desk saw 2 tokens moved but the history records 1 reallocations"], report.Problems);
        Assert.Equal(1, report.ExitCode);
    }

    [Fact]
    public void Unexpected_service_answers_fail_the_check()
    {
        var report = Report(unexpected: "09:00 Dr. Test calls the next patient: nobody waiting");

        Assert.Equal(1, report.ExitCode);
        Assert.Contains("Unexpected: 09:00 Dr. Test calls the next patient: nobody waiting", Printed(report));
    }
}

using OpdReception.Domain;

namespace OpdReception.Tests.Domain;

/// <summary>A closed day summed up, its samples written as text and read back, and days added up over a period.</summary>
public sealed class ReportFiguresTests
{
    private static readonly DateTime Day = new(2030, 1, 7);

    private static DateTime At(int hour, int minute = 0, int second = 0) => Day.AddHours(hour).AddMinutes(minute).AddSeconds(second);

    private static ClosedToken Seen(TokenSource source, DateTime arrived, DateTime called, DateTime completed, DateTime? told = null, int slotHour = 9) =>
        new(source, TokenStatus.Completed, slotHour, arrived, called, called, completed, told);

    [Fact]
    public void A_closed_day_counts_each_source_and_outcome_and_keeps_each_patients_minutes()
    {
        ClosedToken[] tokens =
        [
            Seen(TokenSource.WalkIn, At(8, 30), At(9, 5), At(9, 17), told: At(9, 0)),
            Seen(TokenSource.Online, At(9, 50), At(10, 2, 40), At(10, 10), told: At(10, 20), slotHour: 10),
            Seen(TokenSource.Emergency, At(9, 58), At(9, 58), At(10, 20), told: At(9, 58), slotHour: 10),
            new(TokenSource.Online, TokenStatus.NoShow, 10, null, null, null, null, null),
            new(TokenSource.FollowUp, TokenStatus.Cancelled, 9, null, null, null, null, null),
            new(TokenSource.Priority, TokenStatus.Cancelled, 9, At(9, 40), null, null, null, At(9, 50)),
        ];
        ClosedSlot[] slots = [new(SlotStatus.Closed, 6, 1), new(SlotStatus.Open, 6, 0), new(SlotStatus.Cancelled, 6, 0)];

        var figures = DayFigures.Of(tokens, slots);

        Assert.Equal(new SourceCounts(Online: 2, WalkIn: 1, Priority: 1, FollowUp: 1, Emergency: 1), figures.Sources);
        Assert.Equal((3, 1, 2), (figures.Seen, figures.DidNotCome, figures.Cancelled));
        // 35 min from 08:30; 12 min 40 s rounds to 13; an emergency called on arrival waited 0.
        Assert.Equal("8:35;9:0,13", SummaryText.ByHour(figures.WaitsByHour));
        Assert.Equal([7, 12, 22], figures.Consultations);
        Assert.Equal("9:1/0;10:3/1", SummaryText.Attendance(figures.AttendanceByHour));
        // Told 9:00 called 9:05; told 10:20 called 10:02:40 (17 min 20 s early); told and called 9:58.
        Assert.Equal((3, 2), (figures.Told, figures.OnTime));
        Assert.Equal([0, 5, 17], figures.Misses);
        Assert.Equal((1, 13, 3), (figures.EmergencySeatsAdded, figures.Capacity, figures.SeatsTaken));
    }

    [Theory]
    [InlineData(10, 0, true)]
    [InlineData(10, 10, true)]
    [InlineData(10, 11, false)]
    [InlineData(9, 50, true)]
    [InlineData(9, 49, false)]
    public void Called_within_ten_minutes_either_side_of_the_time_told_is_on_time(int hour, int minute, bool onTime)
    {
        var figures = DayFigures.Of([Seen(TokenSource.WalkIn, At(9), At(hour, minute), At(11), told: At(10))], []);

        Assert.Equal(onTime ? 1 : 0, figures.OnTime);
    }

    [Theory]
    [InlineData(9, 0, 9, 20, 20)]
    [InlineData(9, 0, 8, 55, 0)]
    [InlineData(9, 0, 9, 0, 0)]
    public void A_wait_is_whole_minutes_and_never_negative(int arrivedHour, int arrivedMinute, int calledHour, int calledMinute, int minutes) =>
        Assert.Equal(minutes, DayFigures.Minutes(At(arrivedHour, arrivedMinute), At(calledHour, calledMinute)));

    [Theory]
    [InlineData("", "")]
    [InlineData("5", "5")]
    [InlineData("12,3,3", "3,3,12")]
    public void Minutes_are_written_sorted_and_read_back(string written, string expected)
    {
        var minutes = SummaryText.ReadMinutes(written);

        Assert.Equal(expected, SummaryText.Minutes(minutes));
    }

    [Theory]
    [InlineData("9:3,5;10:12")]
    [InlineData("14:0")]
    [InlineData("")]
    public void Minutes_by_hour_read_back_as_written(string text) =>
        Assert.Equal(text, SummaryText.ByHour(SummaryText.ReadByHour(text)));

    [Theory]
    [InlineData("9:12/2;10:8/0")]
    [InlineData("")]
    public void Attendance_by_hour_reads_back_as_written(string text) =>
        Assert.Equal(text, SummaryText.Attendance(SummaryText.ReadAttendance(text)));

    [Theory]
    [InlineData(ReportSpan.Day, "2030-01-09", "2030-01-09", "2030-01-09")]
    [InlineData(ReportSpan.Week, "2030-01-09", "2030-01-07", "2030-01-13")]
    [InlineData(ReportSpan.Week, "2030-01-07", "2030-01-07", "2030-01-13")]
    [InlineData(ReportSpan.Week, "2030-01-13", "2030-01-07", "2030-01-13")]
    [InlineData(ReportSpan.Month, "2030-02-14", "2030-02-01", "2030-02-28")]
    [InlineData(ReportSpan.Month, "2032-02-29", "2032-02-01", "2032-02-29")]
    public void A_period_is_the_day_the_week_from_monday_or_the_calendar_month(ReportSpan span, string date, string from, string to) =>
        Assert.Equal((DateOnly.Parse(from), DateOnly.Parse(to)), ReportFigures.Period(span, DateOnly.Parse(date)));

    [Theory]
    [InlineData(new int[0], null, null)]
    [InlineData(new[] { 7 }, 7.0, 7.0)]
    [InlineData(new[] { 1, 2, 3, 4 }, 2.5, 4.0)]
    [InlineData(new[] { 10, 1, 9, 2, 8, 3, 7, 4, 6, 5 }, 5.5, 9.0)]
    public void Median_is_the_middle_and_p90_the_nearest_rank(int[] values, double? median, double? p90) =>
        Assert.Equal((median, p90), (ReportFigures.Median(values), ReportFigures.Percentile(values, 90)));

    [Fact]
    public void A_period_takes_the_median_of_all_its_patients_not_the_median_of_daily_medians()
    {
        // Day one: 10, 10, 10 (median 10). Day two: 50 (median 50). Of the medians: 30; of the four patients: 10.
        var one = DayFigures.Of([.. Enumerable.Range(0, 3).Select(_ => Seen(TokenSource.WalkIn, At(9), At(9, 10), At(9, 20)))], []);
        var two = DayFigures.Of([Seen(TokenSource.WalkIn, At(9), At(9, 50), At(10))], []);

        var tables = ReportFigures.Of([new(1, "Dr. A", DateOnly.FromDateTime(Day), one), new(1, "Dr. A", DateOnly.FromDateTime(Day).AddDays(1), two)]);

        var all = Assert.Single(tables.Waits, w => w.Doctor == ReportFigures.AllDoctors);
        Assert.Equal((4, 10.0, 50.0), (all.Waited, all.WaitMedian, all.WaitP90));
        Assert.Equal([(DayOfWeek.Monday, 9, 3, 10.0), (DayOfWeek.Tuesday, 9, 1, 50.0)],
            tables.Weekdays.Where(c => c.Waited > 0).Select(c => (c.Day, c.Hour, c.Waited, c.WaitMedian!.Value)));
    }

    [Fact]
    public void Each_doctor_has_a_row_and_all_doctors_add_up_in_the_last()
    {
        var date = DateOnly.FromDateTime(Day);
        var rao = DayFigures.Of([Seen(TokenSource.WalkIn, At(9), At(9, 10), At(9, 20)), new(TokenSource.Online, TokenStatus.NoShow, 9, null, null, null, null, null)],
            [new(SlotStatus.Open, 4, 0)]);
        var iyer = DayFigures.Of([Seen(TokenSource.Online, At(9), At(9, 30), At(9, 40))], [new(SlotStatus.Open, 6, 1)]);

        var tables = ReportFigures.Of([new(2, "Dr. Rao", date, rao), new(1, "Dr. Iyer", date, iyer)]);

        Assert.Equal(["Dr. Iyer", "Dr. Rao", ReportFigures.AllDoctors], tables.Patients.Select(p => p.Doctor));
        Assert.Equal((3, 2, 1, 33), (tables.Patients[2].Patients, tables.Patients[2].Seen, tables.Patients[2].DidNotCome, tables.Patients[2].DidNotComePercent));
        Assert.Equal(new SeatsRow(ReportFigures.AllDoctors, 11, 2, 18, 1), tables.Seats[2]);
        Assert.Equal(new HourRow(9, 2, 20.0, 30.0, 3, 1, 33), Assert.Single(tables.Hours));
    }

    [Theory]
    [InlineData("2030-01-13", "2030-01-14", "No doctor's day closed in this period.")]
    [InlineData("2030-01-13", "2030-01-13", "No doctor's day in this period has closed yet.")]
    [InlineData("2030-01-13", "2030-01-08", "No doctor's day in this period has closed yet.")]
    public void An_empty_period_says_yet_only_while_it_reaches_today(string to, string today, string expected) =>
        Assert.Equal(expected, ReportFigures.NoneClosed(DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2030-01-07", "2030-01-13", 0, "7 Jan to 13 Jan 2030")]
    [InlineData("2030-01-07", "2030-01-13", 1, "7 Jan to 13 Jan 2030: 1 closed doctor's day")]
    [InlineData("2030-01-07", "2030-01-07", 3, "Monday 7 Jan 2030: 3 closed doctor's days")]
    public void The_heading_counts_closed_days_only_when_there_are_some(string from, string to, int days, string expected) =>
        Assert.Equal(expected, ReportFigures.Heading(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture), days));
}

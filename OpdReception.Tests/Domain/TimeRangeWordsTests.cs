using OpdReception.Domain;

namespace OpdReception.Tests.Domain;

public sealed class TimeRangeWordsTests
{
    private static readonly DateOnly Day = new(2030, 1, 7);

    /// <summary>"11:20" or "11:20:40" on the test's day; null for an empty cell.</summary>
    private static DateTime? At(string? clock) => clock is null ? null : Day.ToDateTime(TimeOnly.Parse(clock, System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("en", "11:20", "11:10", "11:35", "about 11:20 (11:10–11:35)")]
    [InlineData("hi", "11:20", "11:10", "11:35", "लगभग 11:20 (11:10–11:35)")]
    [InlineData("ta", "11:20", "11:10", "11:35", "சுமார் 11:20 (11:10–11:35)")]
    [InlineData("en", "11:20", null, null, "about 11:20")]
    [InlineData("hi", "11:20", null, null, "लगभग 11:20")]
    [InlineData("ta", "11:20", null, null, "சுமார் 11:20")]
    [InlineData("fr", "11:20", "11:10", "11:35", "about 11:20 (11:10–11:35)")]
    // A range of one minute says nothing more than the time.
    [InlineData("en", "11:20", "11:20", "11:20", "about 11:20")]
    [InlineData("en", "11:20:10", "11:20:05", "11:20:00", "about 11:20")]
    // Narrower than 5 minutes looks falsely precise and is left out; 5 minutes is said.
    [InlineData("en", "11:49", "11:49", "11:50", "about 11:49")]
    [InlineData("en", "12:00", "12:00", "12:00:30", "about 12:00")]
    [InlineData("en", "12:00", "11:58", "12:02", "about 12:00")]
    [InlineData("en", "12:00", "11:58", "12:03", "about 12:00 (11:58–12:03)")]
    [InlineData("en", "12:00", null, "12:05", "about 12:00 (12:00–12:05)")]
    // One end alone: the time is the other end.
    [InlineData("en", "11:20", null, "11:35", "about 11:20 (11:20–11:35)")]
    [InlineData("en", "11:20", "11:10", null, "about 11:20 (11:10–11:20)")]
    // A range that leaves out its own time is widened to take it in.
    [InlineData("en", "11:20", "11:25", "11:40", "about 11:20 (11:20–11:40)")]
    [InlineData("en", "11:20", "11:00", "11:15", "about 11:20 (11:00–11:20)")]
    // The late end rounds up: called at 11:35:40 is called after 11:35; the time and early end are shown as the clock reads.
    [InlineData("en", "11:20:50", "11:10:59", "11:35:01", "about 11:20 (11:10–11:36)")]
    [InlineData("en", "11:20:50", "11:10", "11:20:30", "about 11:20 (11:10–11:21)")]
    public void A_time_is_worded_with_its_range_in_the_readers_language(string language, string at, string? from, string? to, string expected) =>
        Assert.Equal(expected, TimeRangeWords.About(language, At(at)!.Value, At(from), At(to)));

    [Theory]
    [InlineData("11:20", "11:10", "11:35", "11:20 (–11:35)")]
    [InlineData("11:20", null, null, "11:20")]
    [InlineData("11:20", "11:20", "11:20", "11:20")]
    // Only an earlier end: the latest is the time itself, nothing to add.
    [InlineData("11:20", "11:05", "11:20", "11:20")]
    [InlineData("11:20", null, "11:50", "11:20 (–11:50)")]
    [InlineData("11:20", "11:30", "11:10", "11:20")]
    [InlineData("23:50", "23:40", "23:59:30", "23:50 (–00:00)")]
    [InlineData("12:03", "12:02", "12:05", "12:03")]
    public void The_boards_form_keeps_the_time_and_the_latest_end(string at, string? from, string? to, string expected) =>
        Assert.Equal(expected, TimeRangeWords.Compact(At(at)!.Value, At(from), At(to)));

    [Theory]
    [InlineData("11:20", "11:10", "11:35", "11:10–11:35")]
    [InlineData("11:20", null, null, null)]
    [InlineData("11:20", "11:20:59", "11:20", null)]
    public void A_range_alone_is_null_when_it_collapses(string at, string? from, string? to, string? expected) =>
        Assert.Equal(expected, TimeRangeWords.Range(At(at)!.Value, At(from), At(to)));

    [Theory]
    [InlineData(true, ", after the slot")]
    [InlineData(false, "")]
    public void A_token_expected_after_its_slot_ends_is_worded_once_for_every_screen(bool pastSlotEnd, string expected) =>
        Assert.Equal(expected, TimeRangeWords.AfterTheSlot(pastSlotEnd));

    [Fact]
    public void The_range_uses_an_en_dash() =>
        Assert.Contains('\u2013', TimeRangeWords.About("en", At("09:00")!.Value, At("08:50"), At("09:15")));
}

using OpdReception.Domain;

namespace OpdReception.Tests.Domain;

public sealed class MessageTimingTests
{
    private static readonly DateOnly Day = new(2030, 1, 7);

    private static DateTime At(int hour, int minute = 0) => Day.ToDateTime(new TimeOnly(hour, minute));

    private static DayPlace Place(int token, int? position, DateTime? estimate, TokenStatus status = TokenStatus.Waiting, int slot = 1) =>
        new(token, slot, status, position, estimate, false, "");

    /// <summary>Slot 1 began at 9:00; slot 2 begins at 11:00.</summary>
    private static readonly Dictionary<int, DateTime> Begins = new() { [1] = At(9), [2] = At(11) };

    [Theory]
    // position, estimate (minutes from 10:00), status, slot, told before → near?
    [InlineData(5, 15, TokenStatus.Waiting, 1, false, true)]
    [InlineData(5, 16, TokenStatus.Waiting, 1, false, false)]
    [InlineData(3, 40, TokenStatus.Waiting, 1, false, true)]
    [InlineData(4, 40, TokenStatus.Waiting, 1, false, false)]
    [InlineData(1, 0, TokenStatus.Booked, 1, false, true)]
    [InlineData(2, 70, TokenStatus.Booked, 2, false, false)]
    [InlineData(2, 10, TokenStatus.Waiting, 2, false, true)]
    [InlineData(1, 5, TokenStatus.Waiting, 1, true, false)]
    [InlineData(null, null, TokenStatus.InConsultation, 1, false, false)]
    [InlineData(null, null, TokenStatus.Waiting, 1, false, false)]
    public void Turn_is_near_within_the_minutes_or_the_positions_once_the_slot_began_and_only_once(
        int? position, int? minutesFromTen, TokenStatus status, int slot, bool told, bool near)
    {
        var place = Place(7, position, minutesFromTen is { } m ? At(10).AddMinutes(m) : null, status, slot);

        var due = MessageTiming.TurnNear([place], Begins, told ? new HashSet<int> { 7 } : [], At(10), minutes: 15, positions: 3);

        Assert.Equal(near, due.Count == 1);
    }

    [Fact]
    public void Of_a_queue_only_those_near_and_not_yet_told_are_due()
    {
        var places = new[]
        {
            Place(1, null, null, TokenStatus.InConsultation),
            Place(2, 1, At(10, 5)),
            Place(3, 2, At(10, 15)),
            Place(4, 3, At(10, 25)),
            Place(5, 4, At(10, 35)),
        };

        var due = MessageTiming.TurnNear(places, Begins, new HashSet<int> { 2 }, At(10), minutes: 15, positions: 3);

        Assert.Equal([3, 4], due.Select(p => p.TokenId));
    }

    [Theory]
    // before, after (minutes past 10:00), untold before, threshold → told minutes, or carried (null = nothing)
    [InlineData(0, 20, 0, 15, "tell 20")]
    [InlineData(0, 15, 0, 15, "tell 15")]
    [InlineData(0, 14, 0, 15, "carry 14")]
    [InlineData(0, 10, 10, 15, "tell 20")]
    [InlineData(20, 10, 0, 15, "carry -10")]
    [InlineData(20, 30, -10, 15, "carry 0")]
    [InlineData(10, 10, 5, 15, "")]
    [InlineData(0, 60, 0, 30, "tell 60")]
    public void A_delay_is_told_once_the_untold_shift_reaches_the_threshold_and_taken_back_counts_down(
        int before, int after, int untold, int threshold, string expected)
    {
        var notices = MessageTiming.Delays([Place(7, 2, At(10).AddMinutes(before))], [Place(7, 2, At(10).AddMinutes(after))],
            new Dictionary<int, int> { [7] = untold }, threshold);

        var said = notices.SingleOrDefault() switch
        {
            TellDelay tell => $"tell {tell.MinutesLater}",
            CarryDelay carry => $"carry {carry.Untold}",
            _ => "",
        };
        Assert.Equal(expected, said);
        if (notices.SingleOrDefault() is TellDelay told)
        {
            Assert.Equal(At(10).AddMinutes(after), told.Expected);
        }
    }

    [Fact]
    public void Patients_called_new_or_without_a_place_are_not_told_of_a_delay()
    {
        var before = new[] { Place(1, 1, At(10)), Place(2, null, null, TokenStatus.InConsultation), Place(4, null, null, slot: 3) };
        var after = new[]
        {
            Place(1, null, null, TokenStatus.InConsultation),
            Place(2, null, null, TokenStatus.InConsultation),
            Place(3, 1, At(11)),
            Place(4, null, null, slot: 3),
        };

        Assert.Empty(MessageTiming.Delays(before, after, new Dictionary<int, int>(), 15));
    }
}

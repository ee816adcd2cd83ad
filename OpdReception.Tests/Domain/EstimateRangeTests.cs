using OpdReception.Domain;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Domain;

public sealed class EstimateRangeTests
{
    private const int Minutes = 10;

    private static readonly DayQueueSlot[] Day =
    [
        new(ASlot.WithId(1).Running(9, 10).Build(), Minutes),
        new(ASlot.WithId(2).Running(10, 11).Build(), Minutes),
    ];

    private static DayEntry Waiting(int id, int slot = 1, int arrivedAtMinute = 0) =>
        new(id, slot, TokenSource.WalkIn, TokenStatus.Waiting, PriorityWeights.Default.WalkIn, ASlot.At(8, 0).AddMinutes(arrivedAtMinute + id));

    /// <summary>A pace of exactly these minutes, whatever the slot's, as a well-learned doctor's would be.</summary>
    private sealed record Fixed(double Minutes, double Spread, double Uncertainty) : ConsultationPace(Spread, Uncertainty)
    {
        public override double MeanMinutes(int nominalMinutes) => Minutes;
    }

    private static Fixed Learned(double minutes, double spread = 0.45, double uncertainty = 0.1) => new(minutes, spread, uncertainty);

    private static IReadOnlyList<DayPlace> Arrange(IEnumerable<DayEntry> tokens, DateTime now, ConsultationPace? pace, RangeShape? shape = null) =>
        DayQueue.Arrange(Day, tokens.ToList(), now, pace: pace, shape: shape).Where(p => p.Position is not null).ToList();

    private static readonly RangeShape NothingAhead = RangeShape.Default with { AheadPerHour = 0 };

    private static IEnumerable<DayEntry> Queue(int count, int slot = 1) => Enumerable.Range(1, count).Select(i => Waiting(i, slot));

    [Fact]
    public void Without_a_pace_the_estimate_is_the_nominal_chain_and_there_is_no_range()
    {
        var places = Arrange(Queue(4), ASlot.At(9, 0), null);

        Assert.Equal([ASlot.At(9, 0), ASlot.At(9, 10), ASlot.At(9, 20), ASlot.At(9, 30)], places.Select(p => p.EstimatedTime!.Value));
        Assert.All(places, p => Assert.Equal(p.NominalTime, p.EstimatedTime));
        Assert.All(places, p => Assert.Null(p.EstimatedFrom));
        Assert.All(places, p => Assert.Null(p.EstimatedTo));
    }

    [Fact]
    public void A_pace_not_yet_learned_keeps_the_nominal_estimate_and_adds_a_range_around_it()
    {
        var calledAt = ASlot.At(9, 4);
        var tokens = Queue(6).Append(new DayEntry(99, 1, TokenSource.WalkIn, TokenStatus.InConsultation, 100, ASlot.At(8, 0), calledAt));

        var places = Arrange(tokens, ASlot.At(9, 20), PaceLearning.Nominal);

        Assert.All(places, p => Assert.Equal(p.NominalTime, p.EstimatedTime));
        Assert.All(places, p => Assert.InRange(p.EstimatedTime!.Value, p.EstimatedFrom!.Value, p.EstimatedTo!.Value));
    }

    [Theory]
    [InlineData(14)]
    [InlineData(7)]
    public void A_learned_pace_chains_the_doctors_own_minutes_beside_the_nominal_ones(double learned)
    {
        var places = Arrange(Queue(5), ASlot.At(9, 0), Learned(learned), NothingAhead);

        Assert.Equal(Enumerable.Range(0, 5).Select(i => ASlot.At(9, 0).AddMinutes(i * learned)), places.Select(p => p.EstimatedTime!.Value));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => ASlot.At(9, 0).AddMinutes(i * Minutes)), places.Select(p => p.NominalTime!.Value));
    }

    [Theory]
    [InlineData(1, 10, 0)]      // next in line: nobody can be put ahead of them any more
    [InlineData(4, 10, 1.5)]    // half an hour's wait
    [InlineData(7, 10, 3)]      // an hour's wait
    [InlineData(4, 20, 3)]      // the same three ahead, at a slower doctor, are an hour too
    [InlineData(10, 20, 9)]     // three hours
    public void A_learned_estimate_allows_for_patients_put_ahead_later_in_proportion_to_the_wait(int position, double learned, double allowance)
    {
        var place = Arrange(Queue(position), ASlot.At(9, 0), Learned(learned))[^1];

        var chained = ASlot.At(9, 0).AddMinutes((position - 1) * learned);
        Assert.Equal(chained.AddMinutes(allowance), place.EstimatedTime);
        Assert.InRange(place.EstimatedTime!.Value, place.EstimatedFrom!.Value, place.EstimatedTo!.Value);
    }

    [Fact]
    public void A_pace_not_yet_learned_makes_no_allowance_for_patients_put_ahead()
    {
        var last = Arrange(Queue(7), ASlot.At(9, 0), PaceLearning.Nominal)[^1];

        Assert.Equal(ASlot.At(10, 0), last.EstimatedTime);
        Assert.Equal(last.NominalTime, last.EstimatedTime);
    }

    [Fact]
    public void The_range_widens_with_the_consultations_ahead_and_leans_late()
    {
        var places = Arrange(Queue(12), ASlot.At(9, 0), Learned(10));
        var widths = places.Select(p => (p.EstimatedTo! - p.EstimatedFrom!).Value.TotalMinutes).ToList();

        Assert.Equal(widths.Order(), widths);
        Assert.True(widths[^1] > widths[1] * 2, string.Join(", ", widths));
        Assert.All(places.Skip(1), p => Assert.True(p.EstimatedTo - p.EstimatedTime > p.EstimatedTime - p.EstimatedFrom, $"{p.EstimatedFrom:t}–{p.EstimatedTime:t}–{p.EstimatedTo:t}"));
    }

    [Fact]
    public void The_first_in_line_at_a_slots_start_is_told_the_start_itself()
    {
        var first = Arrange(Queue(3), ASlot.At(8, 30), Learned(10))[0];

        Assert.Equal(ASlot.At(9, 0), first.EstimatedFrom);
        Assert.Equal(ASlot.At(9, 0), first.EstimatedTime);
    }

    [Theory]
    [InlineData(-24 * 60)]
    [InlineData(-3 * 60)]
    [InlineData(-30)]
    [InlineData(0)]
    public void The_queues_own_lateness_counts_from_the_days_start_not_from_how_long_before_it_the_patient_asks(int minutesBefore)
    {
        var places = Arrange(Queue(3), ASlot.At(9, 0).AddMinutes(minutesBefore), Learned(10));
        var atStart = Arrange(Queue(3), ASlot.At(9, 0), Learned(10));

        Assert.Equal(ASlot.At(9, 0), places[0].EstimatedTo);
        Assert.Equal(atStart.Select(p => (p.EstimatedFrom, p.EstimatedTime, p.EstimatedTo)), places.Select(p => (p.EstimatedFrom, p.EstimatedTime, p.EstimatedTo)));
    }

    [Theory]
    [InlineData(8, 40)]
    [InlineData(9, 35)]
    [InlineData(9, 55)]
    public void No_range_begins_before_now_or_before_the_patients_slot_begins(int hour, int minute)
    {
        var now = ASlot.At(hour, minute);
        var tokens = Queue(8).Concat(Enumerable.Range(20, 4).Select(i => Waiting(i, slot: 2)));

        var places = Arrange(tokens, now, Learned(6, spread: 0.9, uncertainty: 0.3));

        Assert.All(places, p => Assert.True(p.EstimatedFrom >= now, $"{p.TokenId}: {p.EstimatedFrom:t} before {now:t}"));
        Assert.All(places.Where(p => p.SlotId == 2), p => Assert.True(p.EstimatedFrom >= ASlot.At(10, 0), $"{p.TokenId}: {p.EstimatedFrom:t}"));
    }

    [Fact]
    public void A_slower_doctor_may_run_past_a_later_slots_start_so_its_patients_range_reaches_beyond_it()
    {
        // Five patients at 9:00 are done by 9:48 at the expected pace: the 10:00 slot starts on time, but a slow
        // morning would run on into it.
        var tokens = Queue(5).Concat([Waiting(20, slot: 2)]);

        var late = Arrange(tokens, ASlot.At(9, 0), Learned(9.5), NothingAhead).Single(p => p.TokenId == 20);

        Assert.Equal(ASlot.At(10, 0), late.EstimatedTime);
        Assert.True(late.EstimatedTo > ASlot.At(10, 8), $"{late.EstimatedTo:t}");
    }

    [Fact]
    public void A_consultation_running_long_is_expected_to_run_on_a_little_at_a_learned_pace()
    {
        var inRoom = new DayEntry(99, 1, TokenSource.WalkIn, TokenStatus.InConsultation, 100, ASlot.At(8, 0), ASlot.At(9, 0));
        var now = ASlot.At(9, 30);

        var next = Arrange([inRoom, Waiting(1)], now, Learned(10), NothingAhead).Single();

        Assert.Equal(now.AddMinutes(2.5), next.EstimatedTime);
        Assert.Equal(now, next.NominalTime);
    }

    [Fact]
    public void A_doubtful_pace_draws_a_wider_range_than_a_well_known_one()
    {
        var known = Arrange(Queue(8), ASlot.At(9, 0), Learned(10, uncertainty: 0.07))[^1];
        var doubtful = Arrange(Queue(8), ASlot.At(9, 0), PaceLearning.Nominal)[^1];

        Assert.True(doubtful.EstimatedTo - doubtful.EstimatedFrom > known.EstimatedTo - known.EstimatedFrom);
    }

    [Fact]
    public void A_booking_not_yet_here_counts_in_part_once_the_pace_is_learned_and_less_once_its_slot_has_begun()
    {
        var booked = new DayEntry(1, 1, TokenSource.Online, TokenStatus.Booked, PriorityWeights.Default.Online, ASlot.At(7, 0));
        DayPlace Behind(DateTime now, ConsultationPace pace) => Arrange([booked, Waiting(2)], now, pace, NothingAhead).Single(p => p.TokenId == 2);

        Assert.Equal(ASlot.At(9, 10), Behind(ASlot.At(8, 30), PaceLearning.Nominal).EstimatedTime);
        Assert.Equal(ASlot.At(9, 9), Behind(ASlot.At(8, 30), Learned(10)).EstimatedTime);
        Assert.Equal(ASlot.At(9, 5).AddMinutes(3), Behind(ASlot.At(9, 5), Learned(10)).EstimatedTime);
    }
}

using OpdReception.Domain;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Domain;

public sealed class AgeingTests
{
    // The doctor's day: 09:00–10:00 (slot 1), 10:00–11:00 (slot 2), 11:00–12:00 (slot 3).
    private static readonly DayQueueSlot[] Day =
    [
        new(ASlot.WithId(1).Running(9, 10).Build(), 10),
        new(ASlot.WithId(2).Running(10, 11).Build(), 10),
        new(ASlot.WithId(3).Running(11, 12).Build(), 10),
    ];

    private static DateTime Minute(int minute) => ASlot.At(8, 0).AddMinutes(minute);

    /// <summary>A patient here since <paramref name="checkedIn"/> minutes after 08:00; a booking was booked the evening before.</summary>
    private static DayEntry Here(int id, int slot, TokenSource source, int checkedIn, TokenStatus status = TokenStatus.Waiting, int overtakenBy = 0) =>
        new(id, slot, source, status, PriorityWeights.Default.For(source),
            source.IsForToday() ? Minute(checkedIn) : Minute(-600), null, Minute(checkedIn), overtakenBy);

    private static DayEntry WalkIn(int id, int checkedIn, int slot = 1, int overtakenBy = 0) => Here(id, slot, TokenSource.WalkIn, checkedIn, overtakenBy: overtakenBy);

    private static DayEntry Booking(int id, int checkedIn, int slot = 1) => Here(id, slot, TokenSource.Online, checkedIn);

    private static DayEntry NotHere(int id, int slot = 1) =>
        new(id, slot, TokenSource.Online, TokenStatus.Booked, PriorityWeights.Default.For(TokenSource.Online), Minute(-700 + id));

    private static IReadOnlyList<DayPlace> Arrange(IEnumerable<DayEntry> tokens, int? maxOvertakes) =>
        DayQueue.Arrange(Day, tokens.ToList(), ASlot.At(9, 0), PriorityWeights.Default with { MaxOvertakes = maxOvertakes });

    private static int PositionOf(IReadOnlyList<DayPlace> places, int tokenId) => places.Single(p => p.TokenId == tokenId).Position!.Value;

    /// <summary>A walk-in here at 09:00 (token 1), then ten online bookings checking in at 09:01 to 09:10: all heavier.</summary>
    private static List<DayEntry> TenLaterBookings(int overtakenBy = 0) =>
        [WalkIn(1, 60, overtakenBy: overtakenBy), .. Enumerable.Range(0, 10).Select(i => Booking(100 + i, 61 + i))];

    [Theory]
    [InlineData(null, 0, 11, null)]   // off: behind every heavier patient, as always
    [InlineData(1000, 0, 11, null)]   // a limit never reached changes nothing
    [InlineData(10, 0, 11, null)]     // exactly at the limit: not moved
    [InlineData(0, 0, 1, "moved up ahead of later arrivals")]
    [InlineData(1, 0, 2, "moved up after 1 later arrival went first")]
    [InlineData(3, 0, 4, "moved up after 3 later arrivals went first")]
    [InlineData(8, 0, 9, "moved up after 8 later arrivals went first")]
    [InlineData(3, 2, 2, "moved up after 3 later arrivals went first")]   // two already went first: one more may
    [InlineData(3, 3, 1, "moved up after 3 later arrivals went first")]
    [InlineData(3, 5, 1, "moved up after 5 later arrivals went first")]   // past the limit already (the limit was lowered): first
    public void A_waiting_walk_in_stands_behind_no_more_later_arrivals_than_the_limit_allows(int? limit, int alreadyWentFirst, int position, string? moved)
    {
        var places = Arrange(TenLaterBookings(alreadyWentFirst), limit);

        Assert.Equal(position, PositionOf(places, 1));
        var reason = places.Single(p => p.TokenId == 1).Reason;
        Assert.Equal(moved is null ? "Walk-in, arrived 09:00; after priority patients and bookings of the 09:00 slot" : $"Walk-in, waiting since 09:00; {moved}", reason);
    }

    [Fact]
    public void Off_the_order_and_every_reason_are_those_of_the_rules_without_ageing()
    {
        var routine = TenLaterBookings(overtakenBy: 50);

        var aged = Ageing.MoveUp(routine, null, DayQueue.BeginsOf(Day));

        Assert.Equal(routine, aged.Order);
        Assert.Empty(aged.Reasons);
        Assert.Equal(DayQueue.Arrange(Day, routine, ASlot.At(9, 0)), Arrange(routine, null));
    }

    [Fact]
    public void Patients_who_were_already_waiting_before_the_walk_in_came_are_not_overtakes()
    {
        // Three bookings here before the walk-in, five after: with a limit of 2 the walk-in goes before the third of the five.
        List<DayEntry> day = [WalkIn(1, 60), Booking(10, 50), Booking(11, 51), Booking(12, 52), .. Enumerable.Range(0, 5).Select(i => Booking(20 + i, 61 + i))];

        var places = Arrange(day, 2);

        Assert.Equal([10, 11, 12, 20, 21, 1, 22, 23, 24], places.Select(p => p.TokenId));
        Assert.Equal("Walk-in, waiting since 09:00; moved up after 2 later arrivals went first", places[5].Reason);
    }

    [Fact]
    public void Several_aged_walk_ins_keep_their_own_order()
    {
        // Walk-ins at 09:00 (1) and 09:03 (2); bookings at 09:01, 09:02 and four from 09:04: limit 1.
        List<DayEntry> day = [WalkIn(2, 63), WalkIn(1, 60), Booking(10, 61), Booking(11, 62), .. Enumerable.Range(0, 4).Select(i => Booking(20 + i, 64 + i))];

        var places = Arrange(day, 1);

        // 1 goes before the second later arrival (11); 2 before the second arrival after 09:03 (21), and never ahead of 1.
        Assert.Equal([10, 1, 11, 20, 2, 21, 22, 23], places.Select(p => p.TokenId));
    }

    [Fact]
    public void An_aged_walk_in_is_never_moved_ahead_of_a_walk_in_waiting_longer_even_one_left_in_place()
    {
        // The later walk-in's count is past the limit (it came with them from another slot), the earlier one's is not:
        // moving the later one ahead would make it a third later arrival before the earlier one.
        List<DayEntry> day = [WalkIn(1, 60), WalkIn(2, 61, overtakenBy: 9), Booking(10, 62), Booking(11, 63)];

        Assert.Equal([10, 11, 1, 2], Arrange(day, 2).Select(p => p.TokenId));
        Assert.Equal([1, 2, 10, 11], Arrange([WalkIn(1, 60, overtakenBy: 4), .. day.Skip(1)], 2).Select(p => p.TokenId));
    }

    [Fact]
    public void Emergencies_still_come_first_and_overtake_nobody()
    {
        List<DayEntry> day = [WalkIn(1, 60), Booking(10, 70), Here(30, 1, TokenSource.Emergency, 80), Here(31, 3, TokenSource.Emergency, 81)];

        Assert.Equal([30, 31, 10, 1], Arrange(day, 1).Select(p => p.TokenId));
        Assert.Equal([30, 31, 1, 10], Arrange(day, 0).Select(p => p.TokenId));
    }

    [Fact]
    public void Patients_not_checked_in_overtake_nobody_and_are_not_aged()
    {
        // Five bookings not here yet and two here after the walk-in: a limit of 2 is not reached.
        List<DayEntry> day = [WalkIn(1, 60), .. Enumerable.Range(0, 5).Select(i => NotHere(10 + i)), Booking(20, 61), Booking(21, 62)];

        var places = Arrange(day, 2);

        Assert.Equal([10, 11, 12, 13, 14, 20, 21, 1], places.Select(p => p.TokenId));
        Assert.Equal([10, 11, 12, 13, 14, 20, 1, 21], Arrange(day, 1).Select(p => p.TokenId));
    }

    [Fact]
    public void Only_walk_ins_are_aged()
    {
        // A follow-up overtaken by priority patients keeps its place: the rule is for walk-ins, the lightest.
        List<DayEntry> day = [Here(1, 1, TokenSource.FollowUp, 60), Here(10, 1, TokenSource.Priority, 61), Here(11, 1, TokenSource.Priority, 62)];

        Assert.Equal([10, 11, 1], Arrange(day, 1).Select(p => p.TokenId));
    }

    [Fact]
    public void A_walk_in_who_came_early_for_a_later_slot_is_not_moved_ahead_of_earlier_slot_patients_who_came_before_it_began()
    {
        // The 10:00 walk-in has been here since 09:00; the 09:00 slot's patients who came later, before 10:00, are the
        // schedule. The 10:00 slot's own later arrivals are overtakes: the walk-in goes before the second.
        List<DayEntry> day = [WalkIn(1, 60, slot: 2), .. Enumerable.Range(0, 4).Select(i => Booking(10 + i, 61 + i)), Booking(20, 62, slot: 2), Booking(21, 63, slot: 2)];

        var places = Arrange(day, 1);

        Assert.Equal([10, 11, 12, 13, 20, 1, 21], places.Select(p => p.TokenId));
        Assert.Equal(places[4].EstimatedTime!.Value.AddMinutes(10), places[5].EstimatedTime);
    }

    [Theory]
    [InlineData(TokenSource.Online, TokenStatus.Completed, 2, 70, true)]
    [InlineData(TokenSource.Priority, TokenStatus.InConsultation, 2, 70, true)]
    [InlineData(TokenSource.WalkIn, TokenStatus.Completed, 2, 70, true)]
    [InlineData(TokenSource.Online, TokenStatus.Completed, 3, 70, true)]    // a later slot's patient seen first
    [InlineData(TokenSource.Online, TokenStatus.Completed, 1, 70, false)]   // an earlier slot's, here before the walk-in's slot began: the schedule
    [InlineData(TokenSource.Online, TokenStatus.Completed, 1, 120, false)]  // ... at 10:00 itself, when it began
    [InlineData(TokenSource.Online, TokenStatus.Completed, 1, 121, true)]   // an earlier slot's late arrival after it began: an overtake
    [InlineData(TokenSource.Online, TokenStatus.Completed, 2, 50, false)]   // here before the walk-in
    [InlineData(TokenSource.Online, TokenStatus.Completed, 2, 60, false)]   // here at the same minute: not after them
    [InlineData(TokenSource.Emergency, TokenStatus.Completed, 2, 70, false)]
    [InlineData(TokenSource.Emergency, TokenStatus.Completed, 1, 130, false)]
    [InlineData(TokenSource.Online, TokenStatus.NoShow, 2, 70, false)]      // called but not here: nobody went first
    [InlineData(TokenSource.Online, TokenStatus.Cancelled, 2, 70, false)]
    [InlineData(TokenSource.Online, TokenStatus.Waiting, 2, 70, false)]     // not called yet: counted where the order puts them
    public void A_walk_in_counts_as_overtakes_the_later_arrivals_of_any_slot_who_went_first(
        TokenSource source, TokenStatus status, int slot, int checkedIn, bool counts)
    {
        IReadOnlyList<DayEntry> day = [WalkIn(1, 60, slot: 2), Here(2, slot, source, checkedIn, status), Booking(3, 90, slot: 2)];

        var counted = Ageing.WithOvertakes(Day, day);

        Assert.Equal(counts ? 1 : 0, counted[0].OvertakenBy);
        Assert.Equal(day.Skip(1), counted.Skip(1));
    }

    [Theory]
    [InlineData(60, 60, 60)]   // a walk-in: here since issue
    [InlineData(-600, 70, 70)] // a booking: since check-in, not since booking
    [InlineData(95, 60, 95)]   // sent back by the doctor's "not here": the back of the line from then
    public void Waiting_since_is_the_later_of_check_in_and_the_last_move_to_the_back(int queued, int checkedIn, int since)
    {
        var entry = new DayEntry(1, 1, TokenSource.WalkIn, TokenStatus.Waiting, 100, Minute(queued), null, Minute(checkedIn));

        Assert.Equal(Minute(since), Ageing.WaitingSince(entry));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void On_any_day_no_walk_in_is_overtaken_past_the_limit_and_everyone_else_keeps_their_order(int seed)
    {
        var random = new Random(seed);
        var sources = new[] { TokenSource.Online, TokenSource.FollowUp, TokenSource.Priority, TokenSource.WalkIn, TokenSource.WalkIn, TokenSource.WalkIn };
        var day = Enumerable.Range(1, 80).Select(id => random.Next(8) switch
        {
            0 => NotHere(id, random.Next(1, 4)),
            1 or 2 => Here(id, random.Next(1, 4), sources[random.Next(sources.Length)], random.Next(0, 200), TokenStatus.Completed),
            _ => Here(id, random.Next(1, 4), sources[random.Next(sources.Length)], random.Next(0, 200)),
        }).ToList();
        var active = Ageing.WithOvertakes(Day, day).Where(t => t.Status.IsActive()).ToList();
        const int limit = 3;

        var places = Arrange(active, limit);
        var order = places.Select(p => active.Single(t => t.TokenId == p.TokenId)).ToList();
        var begins = DayQueue.BeginsOf(Day);
        var before = Arrange(active, null).Select(p => active.Single(t => t.TokenId == p.TokenId)).ToList();

        var walkIns = order.Where(t => t.Source == TokenSource.WalkIn).ToList();
        Assert.Contains(walkIns, t => t.OvertakenBy > 0);
        Assert.NotEqual(before, order);
        foreach (var walkIn in walkIns)
        {
            var ahead = order.TakeWhile(t => t != walkIn).Count(t => t.Status == TokenStatus.Waiting && Ageing.IsOvertake(
                new(walkIn.Source, Ageing.WaitingSince(walkIn), begins[walkIn.SlotId]), new(t.Source, Ageing.WaitingSince(t), begins[t.SlotId])));
            Assert.True(walkIn.OvertakenBy + ahead <= limit || ahead == 0, $"walk-in {walkIn.TokenId}: {walkIn.OvertakenBy} + {ahead} > {limit}");
        }

        Assert.Equal(before.Where(t => t.Source != TokenSource.WalkIn), order.Where(t => t.Source != TokenSource.WalkIn));
        foreach (var slot in new[] { 1, 2, 3 })
        {
            var ofSlot = walkIns.Where(t => t.SlotId == slot).ToList();
            Assert.Equal(ofSlot.OrderBy(Ageing.WaitingSince).ThenBy(t => t.TokenId), ofSlot);
        }

        // Moved ahead of an earlier slot's patients only by arrivals after their own slot began: never told a time before it.
        Assert.All(places.Where(p => p.Position is not null), p => Assert.True(p.EstimatedTime >= begins[p.SlotId]));
    }

    /// <summary>
    /// The 10:00 walk-in (token 1), here at <paramref name="walkInAt"/> minutes after 08:00; five 09:00 bookings check
    /// in late, a minute apart from <paramref name="bookingsFrom"/>; limit 2, at 10:30.
    /// </summary>
    [Theory]
    [InlineData(125, 126, 3)]  // the earlier slot's late arrivals are later arrivals: the walk-in goes before the third
    [InlineData(90, 126, 3)]   // the walk-in came early for their slot: the same once it has begun
    [InlineData(90, 100, 6)]   // all five came before the walk-in's slot began: the schedule, not overtakes
    [InlineData(90, 118, 6)]   // 09:58 to 10:02: two after 10:00, within the limit
    [InlineData(90, 119, 5)]   // 09:59 to 10:03: three after 10:00, one too many
    [InlineData(131, 126, 6)]  // the walk-in came after all of them
    public void A_walk_in_is_moved_ahead_of_an_earlier_slot_only_for_arrivals_after_their_own_slot_began(int walkInAt, int bookingsFrom, int position)
    {
        List<DayEntry> day = [WalkIn(1, walkInAt, slot: 2), .. Enumerable.Range(0, 5).Select(i => Booking(10 + i, bookingsFrom + i))];

        var places = DayQueue.Arrange(Day, day, ASlot.At(10, 30), PriorityWeights.Default with { MaxOvertakes = 2 });

        Assert.Equal(position, PositionOf(places, 1));
        Assert.True(places.Single(p => p.TokenId == 1).EstimatedTime >= ASlot.At(10, 0));
    }
}

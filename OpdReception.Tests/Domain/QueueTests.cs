using OpdReception.Domain;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Domain;

public sealed class QueueTests
{
    private const int Minutes = 10;
    private static readonly SlotState Slot = ASlot.Default.Running(9, 10).Build();

    private static QueueEntry Token(int id, TokenStatus status, int score = 100, int arrivedAtMinute = 0) =>
        new(id, status, score, ASlot.At(8, 0).AddMinutes(arrivedAtMinute));

    private static QueueEntry Waiting(int id, int score = 100, int arrivedAtMinute = 0) =>
        Token(id, TokenStatus.Waiting, score, arrivedAtMinute);

    private static IEnumerable<int> Ids(IEnumerable<QueuePlace> places) => places.Select(p => p.TokenId);

    [Fact]
    public void InOrder_puts_higher_weight_first()
    {
        var entries = new[] { Waiting(1, score: 100), Waiting(2, score: 1000), Waiting(3, score: 500) };

        Assert.Equal([2, 3, 1], Queue.InOrder(entries).Select(e => e.TokenId));
    }

    [Fact]
    public void InOrder_breaks_weight_ties_by_arrival_then_by_id()
    {
        var entries = new[]
        {
            Waiting(4, arrivedAtMinute: 5),
            Waiting(3, arrivedAtMinute: 1),
            Waiting(2, arrivedAtMinute: 5),
            Waiting(1, arrivedAtMinute: 3),
        };

        Assert.Equal([3, 1, 2, 4], Queue.InOrder(entries).Select(e => e.TokenId));
    }

    [Fact]
    public void Priority_patient_arriving_later_goes_ahead_of_earlier_walk_ins()
    {
        var entries = new[]
        {
            Waiting(1, score: 100, arrivedAtMinute: 0),
            Waiting(2, score: 100, arrivedAtMinute: 5),
            Waiting(3, score: 500, arrivedAtMinute: 30),
        };

        var places = Queue.Arrange(Slot, entries, Minutes);

        Assert.Equal([3, 1, 2], Ids(places));
        Assert.Equal(1, places[0].Position);
    }

    [Fact]
    public void Equal_weights_keep_arrival_order()
    {
        var entries = new[]
        {
            Waiting(10, arrivedAtMinute: 20),
            Waiting(11, arrivedAtMinute: 10),
            Waiting(12, arrivedAtMinute: 30),
        };

        Assert.Equal([11, 10, 12], Ids(Queue.Arrange(Slot, entries, Minutes)));
    }

    [Fact]
    public void Token_in_consultation_is_listed_first_without_position_or_estimate()
    {
        var entries = new[]
        {
            Waiting(1, score: 1000),
            Token(2, TokenStatus.InConsultation, score: 100, arrivedAtMinute: 50),
        };

        var places = Queue.Arrange(Slot, entries, Minutes);

        Assert.Equal(new QueuePlace(2, TokenStatus.InConsultation, null, null, false), places[0]);
        Assert.Equal(1, places[1].Position);
    }

    [Fact]
    public void Only_booked_and_waiting_tokens_get_positions_one_to_n()
    {
        var entries = new[]
        {
            Token(1, TokenStatus.Booked, arrivedAtMinute: 1),
            Token(2, TokenStatus.InConsultation),
            Token(3, TokenStatus.Waiting, arrivedAtMinute: 2),
            Token(4, TokenStatus.Booked, arrivedAtMinute: 3),
        };

        var places = Queue.Arrange(Slot, entries, Minutes);

        Assert.Equal([null, 1, 2, 3], places.Select(p => p.Position));
        Assert.Equal([2, 1, 3, 4], Ids(places));
    }

    [Fact]
    public void Completed_no_show_and_cancelled_tokens_are_not_listed()
    {
        var entries = new[]
        {
            Token(1, TokenStatus.Completed),
            Token(2, TokenStatus.NoShow),
            Token(3, TokenStatus.Cancelled),
            Token(4, TokenStatus.Waiting),
        };

        var places = Queue.Arrange(Slot, entries, Minutes);

        Assert.Equal([4], Ids(places));
        Assert.Equal(1, places[0].Position);
    }

    [Fact]
    public void Empty_slot_arranges_to_an_empty_queue()
    {
        Assert.Empty(Queue.Arrange(Slot, [], Minutes));
    }

    [Fact]
    public void Estimate_counts_completed_in_consultation_and_those_ahead()
    {
        var entries = new[]
        {
            Token(1, TokenStatus.Completed),
            Token(2, TokenStatus.Completed),
            Token(3, TokenStatus.InConsultation),
            Token(4, TokenStatus.NoShow),
            Token(5, TokenStatus.Cancelled),
            Token(6, TokenStatus.Waiting, arrivedAtMinute: 1),
            Token(7, TokenStatus.Booked, arrivedAtMinute: 2),
        };

        var places = Queue.Arrange(Slot, entries, Minutes);

        Assert.Equal([null, ASlot.At(9, 30), ASlot.At(9, 40)], places.Select(p => p.EstimatedTime));
    }

    [Fact]
    public void First_in_an_untouched_queue_is_expected_at_slot_start()
    {
        var places = Queue.Arrange(Slot, [Waiting(1), Waiting(2, arrivedAtMinute: 1)], minutesPerConsultation: 7);

        Assert.Equal([ASlot.At(9, 0), ASlot.At(9, 7)], places.Select(p => p.EstimatedTime));
    }

    [Fact]
    public void Delay_pushes_every_estimate_back()
    {
        var delayed = ASlot.Default.Running(9, 10).DelayedBy(25).Build();
        var entries = new[] { Token(1, TokenStatus.Completed), Waiting(2), Waiting(3, arrivedAtMinute: 1) };

        var places = Queue.Arrange(delayed, entries, Minutes);

        Assert.Equal([ASlot.At(9, 35), ASlot.At(9, 45)], places.Select(p => p.EstimatedTime));
    }

    [Fact]
    public void Estimate_at_or_after_slot_end_is_flagged_past_slot_end()
    {
        var delayed = ASlot.Default.Running(9, 10).DelayedBy(20).Build();
        var entries = Enumerable.Range(1, 5).Select(i => Waiting(i, arrivedAtMinute: i));

        var places = Queue.Arrange(delayed, entries, Minutes);

        Assert.Equal([ASlot.At(9, 20), ASlot.At(9, 30), ASlot.At(9, 40), ASlot.At(9, 50), ASlot.At(10, 0)], places.Select(p => p.EstimatedTime));
        Assert.Equal([false, false, false, false, true], places.Select(p => p.PastSlotEnd));
    }
}

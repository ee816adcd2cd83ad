using OpdReception.Domain;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Domain;

public sealed class QueueLiveEstimateTests
{
    private static readonly SlotState Slot = ASlot.Default.Build();

    private static QueueEntry Entry(int id, TokenStatus status) => new(id, status, 100, ASlot.At(8, 0).AddMinutes(id));

    [Fact]
    public void Before_the_slot_starts_the_schedule_stands()
    {
        var places = Queue.Arrange(Slot, [Entry(1, TokenStatus.Waiting), Entry(2, TokenStatus.Waiting)], 10, now: ASlot.At(8, 30));

        Assert.Equal([ASlot.At(9, 0), ASlot.At(9, 10)], places.Select(p => p.EstimatedTime!.Value));
    }

    [Fact]
    public void A_doctor_behind_schedule_moves_the_estimates_to_now_plus_the_consultations_ahead()
    {
        var tokens = new[] { Entry(1, TokenStatus.Completed), Entry(2, TokenStatus.InConsultation), Entry(3, TokenStatus.Waiting), Entry(4, TokenStatus.Booked) };

        var places = Queue.Arrange(Slot, tokens, 10, now: ASlot.At(9, 45));

        Assert.Equal([ASlot.At(9, 55), ASlot.At(10, 5)], places.Where(p => p.Position is not null).Select(p => p.EstimatedTime!.Value));
        Assert.Equal([false, true], places.Where(p => p.Position is not null).Select(p => p.PastSlotEnd));
    }

    [Fact]
    public void With_nobody_in_consultation_the_first_in_line_is_due_now()
    {
        var places = Queue.Arrange(Slot, [Entry(1, TokenStatus.Completed), Entry(2, TokenStatus.Waiting)], 10, now: ASlot.At(9, 37));

        Assert.Equal(ASlot.At(9, 37), places.Single().EstimatedTime);
    }

    [Fact]
    public void A_doctor_ahead_of_schedule_does_not_pull_estimates_earlier()
    {
        var places = Queue.Arrange(Slot, [Entry(1, TokenStatus.Completed), Entry(2, TokenStatus.Completed), Entry(3, TokenStatus.Waiting)], 10, now: ASlot.At(9, 5));

        Assert.Equal(ASlot.At(9, 20), places.Single().EstimatedTime);
    }
}

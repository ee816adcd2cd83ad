using OpdReception.Domain;

namespace OpdReception.Tests.Domain;

public sealed class ContactListTests
{
    private static readonly ContactStep Issued = new(ContactStepKind.Other);
    private static readonly ContactStep Contacted = new(ContactStepKind.Contacted);
    private static readonly ContactStep MovedByLeave = new(ContactStepKind.Reallocated, OldSlotCancelled: true, OldDoctorOnLeave: true);
    private static readonly ContactStep MovedByCancel = new(ContactStepKind.Reallocated, OldSlotCancelled: true);
    private static readonly ContactStep MovedFromDelay = new(ContactStepKind.Reallocated);
    private static readonly ContactStep MovedFromDelayToAnotherDay = new(ContactStepKind.Reallocated, OtherDay: true);
    private static readonly ContactStep LeftByLeave = new(ContactStepKind.LeftInCancelledSlot, OldSlotCancelled: true, OldDoctorOnLeave: true);
    private static readonly ContactStep LeftByCancel = new(ContactStepKind.LeftInCancelledSlot, OldSlotCancelled: true);
    private static readonly ContactStep DeskMoveSameDay = new(ContactStepKind.DeskMove);
    private static readonly ContactStep DeskMoveOtherDay = new(ContactStepKind.DeskMove, OtherDay: true);
    private static readonly ContactStep DeskMoveOutOfCancelledSlot = new(ContactStepKind.DeskMove, OldSlotCancelled: true, OtherDay: true);

    public static TheoryData<string, ContactStep[], bool, bool, ContactReason?> Cases() => new()
    {
        { "nothing happened", [Issued], false, false, null },
        { "moved by a leave", [Issued, MovedByLeave], false, false, ContactReason.DoctorOnLeave },
        { "moved by a slot cancelled", [Issued, MovedByCancel], false, false, ContactReason.SlotCancelled },
        { "moved earlier from a delayed slot, same day", [Issued, MovedFromDelay], false, false, null },
        { "moved from a delayed slot to another day", [Issued, MovedFromDelayToAnotherDay], false, false, ContactReason.MovedToAnotherDay },
        { "left in the slot by a leave", [Issued, LeftByLeave], true, true, ContactReason.DoctorOnLeave },
        { "left in the slot by a cancel", [Issued, LeftByCancel], true, false, ContactReason.SlotCancelled },
        { "left, then contacted", [Issued, LeftByCancel, Contacted], true, false, null },
        { "contacted before the cancel still needs a call", [Issued, Contacted, LeftByCancel], true, false, ContactReason.SlotCancelled },
        { "moved by a leave, then contacted", [Issued, MovedByLeave, Contacted], false, false, null },
        { "desk move within the day", [Issued, DeskMoveSameDay], false, false, null },
        { "desk move to another day", [Issued, DeskMoveOtherDay], false, false, ContactReason.MovedToAnotherDay },
        { "desk move to another day, then contacted", [Issued, DeskMoveOtherDay, Contacted], false, false, null },
        { "desk moves a stranded patient to another day", [Issued, LeftByCancel, DeskMoveOutOfCancelledSlot], false, false, null },
        { "desk moves a patient moved by a leave", [Issued, MovedByLeave, DeskMoveOtherDay], false, false, null },
        { "slot cancelled with no history line", [Issued], true, false, ContactReason.SlotCancelled },
        { "doctor on leave with no history line", [Issued], false, true, ContactReason.DoctorOnLeave },
        { "slot cancelled, contacted since", [Issued, Contacted], true, false, null },
        { "contacted before the move into a slot cancelled since", [Issued, Contacted, DeskMoveSameDay], true, false, ContactReason.SlotCancelled },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_list_holds_a_patient_until_the_desk_moves_cancels_or_reaches_them(
        string story, ContactStep[] steps, bool slotCancelled, bool doctorOnLeave, ContactReason? expected)
    {
        var decision = ContactList.Decide(steps, slotCancelled, doctorOnLeave);

        Assert.True(expected == (decision as ToContact)?.Reason, $"{story}: {decision}");
        Assert.Equal(expected is null, decision is NobodyToContact);
    }

    [Fact]
    public void The_row_points_at_the_step_that_put_the_patient_on_the_list()
    {
        var decision = Assert.IsType<ToContact>(ContactList.Decide([Issued, DeskMoveSameDay, MovedByCancel], slotCancelled: false, doctorOnLeave: false));

        Assert.Equal(2, decision.Step);
    }
}
